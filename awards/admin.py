"""Staff's side of the award scheme: editions, verification of records, exposure, standings."""

import copy

from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.admin import TaxIdSearchMixin
from tops.admin import (
    HistoryInline,
    ReadOnlyInline,
    StepAdminMixin,
    ViewOnlyAdminMixin,
    WorkflowAdminMixin,
    staff_view,
)
from tops.money import ntd
from tops.workflow import StepRefused

from . import selectors
from .exports import results_response, standings_response
from .exposure import monthly_exposure
from .forms import DecisionForm, RejectForm
from .models import (
    AwardApplication,
    AwardCategory,
    Edition,
    Invitation,
    InvitationFollowUp,
    InvitationStanding,
    PurchaseEvidence,
    PurchaseRecord,
    PurchaseRecordEvent,
    RecordStatus,
)
from .permissions import JUDGE_AWARD, VERIFY_PURCHASE
from .services.editions import edition_ensure_categories
from .services.judging import award_decision_record, edition_results_announce
from .services.records import purchase_record_reject, purchase_record_verify


class AwardCategoryInline(admin.TabularInline):
    model = AwardCategory
    fields = ("kind", "name", "description", "panel")
    extra = 0
    verbose_name_plural = _(
        "award categories (the total-amount and Sustainable Prosperity ones are added when "
        "the edition is saved)"
    )


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    change_form_template = "admin/awards/edition/change_form.html"
    list_display = (
        "name",
        "counting_starts_on",
        "counting_ends_on",
        "applications_close_at",
        "exposure_reading",
        "pages",
    )
    fields = (
        "name",
        "counting_starts_on",
        "counting_ends_on",
        "applications_close_at",
        "exposure_reading",
        "results_announced_at",
    )
    readonly_fields = ("results_announced_at",)
    inlines = [AwardCategoryInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        edition_ensure_categories(edition=form.instance)

    @admin.display(description=_("staff pages"))
    def pages(self, edition):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:awards_exposure", args=[edition.pk]),
            _("Monthly exposure"),
            reverse("admin:awards_standings", args=[edition.pk]),
            _("Standings"),
            reverse("admin:awards_judging", args=[edition.pk]),
            _("Judging and results"),
        )

    def get_urls(self):
        view = "awards.view_edition"
        return [
            path(
                "<int:pk>/exposure/",
                staff_view(self, self.exposure_view, view),
                name="awards_exposure",
            ),
            path(
                "<int:pk>/standings/",
                staff_view(self, self.standings_view, view),
                name="awards_standings",
            ),
            path(
                "<int:pk>/standings.<str:file_format>",
                staff_view(self, self.standings_export, view),
                name="awards_standings_export",
            ),
            path(
                "<int:pk>/judging/",
                staff_view(self, self.judging_view, "awards.view_awarddecision"),
                name="awards_judging",
            ),
            path(
                "<int:pk>/announce/",
                staff_view(self, self.announce_view, JUDGE_AWARD),
                name="awards_announce",
            ),
            path(
                "<int:pk>/results.<str:file_format>",
                staff_view(self, self.results_export, "awards.view_awarddecision"),
                name="awards_results_export",
            ),
            *super().get_urls(),
        ]

    def _render(self, request, edition, template, title, **context):
        return TemplateResponse(
            request,
            f"admin/awards/edition/{template}.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": edition,
                "edition": edition,
                "title": title,
                "subtitle": str(edition),
                **context,
            },
        )

    def exposure_view(self, request, pk):
        edition = get_object_or_404(Edition, pk=pk)
        return self._render(
            request,
            edition,
            "exposure",
            _("Monthly exposure"),
            months=monthly_exposure(edition),
            consenting=selectors.consenting_buyers(edition),
        )

    def standings_view(self, request, pk):
        edition = get_object_or_404(Edition, pk=pk)
        amounts = selectors.monthly_amounts(edition)
        largest = max((amount for _month, amount in amounts), default=0) or 1
        chart = [(month, amount, round(100 * amount / largest)) for month, amount in amounts]
        return self._render(
            request,
            edition,
            "standings",
            _("Standings"),
            rows=selectors.standings(edition),
            chart=chart,
        )

    def standings_export(self, request, pk, file_format):
        return standings_response(get_object_or_404(Edition, pk=pk), file_format, by=request.user)

    def judging_view(self, request, pk):
        edition = get_object_or_404(Edition, pk=pk)
        return self._render(
            request,
            edition,
            "judging",
            _("Judging and results"),
            categories=selectors.judging_sheet(edition),
            can_judge=request.user.has_perm(JUDGE_AWARD),
        )

    def announce_view(self, request, pk):
        edition = get_object_or_404(Edition, pk=pk)
        if request.method == "POST":
            try:
                told = edition_results_announce(edition=edition, by=request.user)
            except StepRefused as refused:
                self.message_user(request, refused.message, messages.ERROR)
            else:
                self.message_user(
                    request,
                    ngettext(
                        "Announced: %(count)s applicant has been told its result.",
                        "Announced: %(count)s applicants have been told their results.",
                        told,
                    )
                    % {"count": told},
                    messages.SUCCESS,
                )
        return redirect("admin:awards_judging", edition.pk)

    def results_export(self, request, pk, file_format):
        return results_response(get_object_or_404(Edition, pk=pk), file_format, by=request.user)


class EvidenceInline(ReadOnlyInline):
    model = PurchaseEvidence
    fields = ("kind", "open", "size", "uploaded_at")
    readonly_fields = fields

    @admin.display(description=_("file"))
    def open(self, evidence):
        url = reverse("awards:evidence_file", kwargs={"public_id": evidence.public_id})
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', url, evidence.original_name
        )


class RecordEventInline(HistoryInline):
    model = PurchaseRecordEvent
    fields = ("at", "kind", "by", "from_status", "to_status", "note", "changes_made")
    readonly_fields = fields
    verbose_name_plural = _("history")

    @admin.display(description=PurchaseRecordEvent._meta.get_field("changes").verbose_name)
    def changes_made(self, event):
        """A correction's changes by the fields' labels: "Amount: 10000 → 12000"."""
        if not event.changes:
            return "-"
        return format_html_join(
            "\n",
            "<div>{}: {} → {}</div>",
            ((_field_label(name), old, new) for name, (old, new) in event.changes.items()),
        )


def _field_label(name: str) -> str:
    try:
        return capfirst(PurchaseRecord._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


class StatusFilter(admin.SimpleListFilter):
    """The list opens on the records waiting for staff; the others are one click away."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*RecordStatus.choices, ("all", _("All"))]

    def value(self):
        return super().value() or RecordStatus.SUBMITTED

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(status=self.value())


@admin.register(PurchaseRecord)
class PurchaseRecordAdmin(
    TaxIdSearchMixin, StepAdminMixin, WorkflowAdminMixin, ViewOnlyAdminMixin, admin.ModelAdmin
):
    step_templates = "admin/awards/purchaserecord"
    step_record_name = "record"
    change_form_template = "admin/awards/purchaserecord/change_form.html"
    list_display = (
        "buyer_name",
        "supplier",
        "purchased_on",
        "amount_display",
        "status",
        "supplier_answer",
        "evidence_count",
        "uploaded_at",
    )
    list_display_links = ("buyer_name",)
    list_filter = (StatusFilter, "supplier_answer", "imported")
    search_fields = ("buyer__name", "buyer__tax_id", "supplier__name")
    list_select_related = ("buyer", "supplier")
    date_hierarchy = "purchased_on"
    fields = (
        "buyer",
        "supplier",
        "purchased_on",
        "amount",
        "description",
        "product_names",
        "impact_names",
        "impact_description",
        "uploaded_at",
        "imported",
        "status",
        "supplier_answer",
        "supplier_note",
        "supplier_answered_at",
        "decided_by",
        "decided_at",
        "rejection_reason",
    )
    readonly_fields = ("product_names", "impact_names")
    inlines = [EvidenceInline, RecordEventInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(evidence_total=Count("evidence"))

    @admin.display(description=_("buyer"), ordering="buyer__name")
    def buyer_name(self, record):
        return record.buyer.name

    @admin.display(description=_("amount"), ordering="amount")
    def amount_display(self, record):
        return ntd(record.amount)

    @admin.display(description=_("evidence"), ordering="evidence_total")
    def evidence_count(self, record):
        return record.evidence_total or _("none yet")

    @admin.display(description=_("the supplier's products"))
    def product_names(self, record):
        names = [
            p.published.name for p in record.products.select_related("published") if p.published
        ]
        return ", ".join(names) or "—"

    @admin.display(description=_("sustainability impacts"))
    def impact_names(self, record):
        return ", ".join(str(label) for label in record.impact_labels) or "—"

    def get_urls(self):
        verify = VERIFY_PURCHASE
        return [
            path(
                "<int:pk>/verify/", staff_view(self, self.verify_view, verify), name="awards_verify"
            ),
            path(
                "<int:pk>/reject/", staff_view(self, self.reject_view, verify), name="awards_reject"
            ),
            *super().get_urls(),
        ]

    def verify_view(self, request, pk):
        record = get_object_or_404(PurchaseRecord, pk=pk)
        return self.step(
            request,
            record,
            take=lambda form: purchase_record_verify(
                record=record, by=request.user, expected_version=request.POST.get("version", "")
            ),
            done=_("Verified: the purchase counts."),
        )

    def reject_view(self, request, pk):
        record = get_object_or_404(PurchaseRecord, pk=pk)
        # The version of the record page the reviewer came from, else the one shown here.
        form = RejectForm(
            request.POST or None,
            initial={"version": request.GET.get("version") or record.version},
        )
        return self.step(
            request,
            record,
            form=form,
            take=lambda form: purchase_record_reject(
                record=record,
                by=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            ),
            done=_("Rejected; the buyer has been told why."),
            template="reject",
            title=_("Reject the purchase record"),
            back_when_refused=True,
            original=record,
        )


@admin.register(AwardApplication)
class AwardApplicationAdmin(TaxIdSearchMixin, StepAdminMixin, ViewOnlyAdminMixin, admin.ModelAdmin):
    step_templates = "admin/awards/awardapplication"
    step_record_name = "application"
    change_form_template = "admin/awards/awardapplication/change_form.html"
    list_display = (
        "buyer",
        "edition",
        "category",
        "submitted_at",
        "record_count",
        "verified_amount",
    )
    list_filter = ("edition", "category__kind")
    search_fields = ("buyer__name", "buyer__tax_id")
    list_select_related = ("buyer", "edition", "category")
    fields = (
        "edition",
        "category",
        "buyer",
        "statement",
        "submitted_by",
        "submitted_at",
        "record_table",
        "decision_history",
    )
    readonly_fields = ("record_table", "decision_history")

    def get_urls(self):
        return [
            path(
                "<int:pk>/decide/",
                staff_view(self, self.decide_view, JUDGE_AWARD),
                name="awards_decide",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request, pk):
        application = get_object_or_404(AwardApplication, pk=pk)
        current = application.decisions.current().first()
        form = DecisionForm(request.POST or None, instance=copy.copy(current))
        return self.step(
            request,
            application,
            form=form,
            take=lambda form: award_decision_record(
                application=application, by=request.user, **form.decision()
            ),
            done=lambda decision: (
                _("Corrected; the buyer has been told the new result.")
                if decision.corrects_id
                else _("Decision recorded.")
            ),
            template="decide",
            title=_("Record the panel's decision"),
            current=current,
            announced=application.edition.results_announced_at,
        )

    @admin.display(description=_("decisions"))
    def decision_history(self, application):
        decisions = application.decisions.select_related("decided_by")
        if not decisions:
            return _("No decision yet.")
        return format_html_join(
            mark_safe("<br>"),
            "{} · {} · {}{}",
            (
                (
                    date_format(timezone.localtime(decision.decided_at), "DATETIME_FORMAT"),
                    decision.decided_by,
                    decision.outcome,
                    _(" (current)") if decision.is_current else "",
                )
                for decision in decisions
            ),
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                records_total=Count("records", distinct=True),
                verified_total=Sum(
                    "records__amount", filter=Q(records__status=RecordStatus.VERIFIED)
                ),
            )
        )

    @admin.display(description=_("records"), ordering="records_total")
    def record_count(self, application):
        return application.records_total

    @admin.display(description=_("verified amount"), ordering="verified_total")
    def verified_amount(self, application):
        return ntd(application.verified_total or 0)

    @admin.display(description=_("purchase records"))
    def record_table(self, application):
        records = application.records.select_related("supplier").order_by("purchased_on")
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td>' + "<td>{}</td>" * 5 + "</tr>",
            (
                (
                    reverse("admin:awards_purchaserecord_change", args=[record.pk]),
                    date_format(record.purchased_on),
                    record.supplier.name,
                    ntd(record.amount),
                    record.get_status_display(),
                    record.get_supplier_answer_display(),
                    ", ".join(str(label) for label in record.impact_labels) or "—",
                )
                for record in records
            ),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
            "</tr></thead><tbody>{}</tbody></table>",
            _("purchase date"),
            _("supplier"),
            _("amount (NT$)"),
            _("status"),
            _("supplier's answer"),
            _("sustainability impacts"),
            rows,
        )


class InvitationInline(ReadOnlyInline):
    model = Invitation
    fields = ("customer", "email", "created_at", "buyer", "credited_at")
    ordering = ("-created_at",)


class FollowUpInline(admin.TabularInline):
    """The follow-up log: added to, never changed."""

    model = InvitationFollowUp
    fields = ("followed_up_on", "staff", "channel", "note", "next_follow_up_on")
    readonly_fields = ("staff",)
    extra = 1
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(InvitationStanding)
class InvitationStandingAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    """Per supplier: invitations sent, buyers reached, purchases they recorded, and the
    follow-up log (參.二(二)1)."""

    list_display = (
        "name",
        "invitations_sent",
        "buyers_reached",
        "purchases_recorded",
        "last_follow_up",
        "next_follow_up",
    )
    search_fields = ("name", "organisation__tax_id")
    fields = ("name",)
    readonly_fields = ("name",)
    inlines = [FollowUpInline, InvitationInline]

    def get_queryset(self, request):
        follow_ups = InvitationFollowUp.objects.filter(supplier=OuterRef("pk")).order_by(
            "-followed_up_on", "-pk"
        )
        reached = Invitation.objects.filter(supplier=OuterRef("pk"), buyer__isnull=False)
        return (
            super()
            .get_queryset(request)
            .listed()
            .annotate(
                sent=Count("award_invitations", distinct=True),
                reached=Count("award_invitations__buyer", distinct=True),
                recorded=Count(
                    "purchase_records",
                    filter=Q(purchase_records__buyer__in=Subquery(reached.values("buyer"))),
                    distinct=True,
                ),
                last_follow_up_on=Subquery(follow_ups.values("followed_up_on")[:1]),
                next_follow_up_on=Subquery(follow_ups.values("next_follow_up_on")[:1]),
            )
        )

    def has_change_permission(self, request, obj=None):
        # Staff add follow-ups through the inline; the supplier itself is not edited here.
        return request.user.has_perm("awards.add_invitationfollowup")

    def save_model(self, request, obj, form, change):
        pass  # only the follow-ups are saved

    def save_formset(self, request, form, formset, change):
        for follow_up in formset.save(commit=False):
            follow_up.staff = request.user
            follow_up.save()

    @admin.display(description=_("invitations sent"), ordering="sent")
    def invitations_sent(self, supplier):
        return supplier.sent

    @admin.display(description=_("buyers reached"), ordering="reached")
    def buyers_reached(self, supplier):
        return supplier.reached

    @admin.display(description=_("purchases they recorded"), ordering="recorded")
    def purchases_recorded(self, supplier):
        return supplier.recorded

    @admin.display(description=_("last follow-up"), ordering="last_follow_up_on")
    def last_follow_up(self, supplier):
        return date_format(supplier.last_follow_up_on) if supplier.last_follow_up_on else "—"

    @admin.display(description=_("next follow-up"), ordering="next_follow_up_on")
    def next_follow_up(self, supplier):
        return date_format(supplier.next_follow_up_on) if supplier.next_follow_up_on else "—"
