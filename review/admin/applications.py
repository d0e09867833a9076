"""The reviewers' and organizers' workplace: the application queue and its decisions."""

import datetime

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.admin import TaxIdSearchMixin
from registry.services import company_lookup
from suppliers.eligibility import SizeGroup, startup_founding_cutoff
from suppliers.models import Application, ApplicationDocument, ApplicationEvent, Notice
from suppliers.permissions import DECIDE_CASE_BY_CASE, REVIEW_APPLICATION
from suppliers.registry import registry_comparison
from tops.admin import (
    HistoryInline,
    ReadOnlyInline,
    StepAdminMixin,
    ViewOnlyAdminMixin,
    WorkflowAdminMixin,
    staff_view,
)
from tops.models import ClosedDay
from tops.workflow import StepRefused
from tops.working_days import working_days_left

from .. import forms, selectors, services
from ..models import CaseDecision, ViolationCheckRecord

Status = Application.Status
REGISTRY_UNAVAILABLE = _(
    "The company registry did not answer. Check the company by hand in the registry "
    "(findbiz.nat.gov.tw); the last answer is shown with its time."
)


class WhoActsNextFilter(admin.SimpleListFilter):
    """The queue opens on what waits for staff; the other views are one click away."""

    title = _("who acts next")
    parameter_name = "next"

    def lookups(self, request, model_admin):
        return [
            ("staff", _("Staff")),
            ("applicant", _("Applicant")),
            ("nobody", _("Nobody (decided or withdrawn)")),
            ("all", _("All")),
        ]

    def value(self):
        return super().value() or "staff"

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        match self.value():
            case "staff":
                return queryset.filter(status=Status.SUBMITTED)
            case "applicant":
                return queryset.filter(status__in=[Status.DRAFT, Status.NEEDS_CORRECTIONS])
            case "nobody":
                return queryset.filter(
                    status__in=[Status.APPROVED, Status.REJECTED, Status.WITHDRAWN]
                )
        return queryset


class DueFilter(admin.SimpleListFilter):
    title = _("due")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue")), ("week", _("Due this week"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        waiting = queryset.filter(status=Status.SUBMITTED)
        if self.value() == "overdue":
            return waiting.filter(due_on__lt=today)
        if self.value() == "week":
            monday = today - datetime.timedelta(days=today.weekday())
            return waiting.filter(due_on__range=(monday, monday + datetime.timedelta(days=6)))
        return queryset


class SizeGroupFilter(admin.SimpleListFilter):
    title = _("size group")
    parameter_name = "size_group"

    def lookups(self, request, model_admin):
        return SizeGroup.choices

    def queryset(self, request, queryset):
        cutoff = startup_founding_cutoff(timezone.localdate())
        if self.value() == SizeGroup.STARTUP:
            return queryset.filter(founded_on__gt=cutoff)
        if self.value() == SizeGroup.SME:
            return queryset.filter(founded_on__lte=cutoff)
        return queryset


class DocumentInline(ReadOnlyInline):
    """Every version of every document, each opening through the access-checked view."""

    model = ApplicationDocument
    fields = (
        "kind",
        "version",
        "is_current",
        "open",
        "review_status",
        "review_note",
        "uploaded_at",
    )
    readonly_fields = fields
    verbose_name_plural = _("documents (every version)")

    @admin.display(description=_("file"))
    def open(self, document):
        if document.is_purged:
            return _("%(name)s (deleted under the retention policy)") % {
                "name": document.original_name
            }
        url = reverse("suppliers:document_file", kwargs={"public_id": document.public_id})
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', url, document.original_name
        )


class CheckInline(ReadOnlyInline):
    model = ViolationCheckRecord
    fields = ("item", "result", "source", "checked_on", "note", "recorded_by")
    readonly_fields = fields


class EventInline(HistoryInline):
    """The audit trail: append-only, shown here and never editable."""

    model = ApplicationEvent
    fields = (
        "at",
        "kind",
        "by",
        "from_status",
        "to_status",
        "note",
        "visible_to_applicant",
    )
    readonly_fields = fields
    verbose_name_plural = _("audit trail")
    ordering = ("at", "pk")


@admin.register(Application)
class ApplicationAdmin(
    TaxIdSearchMixin, StepAdminMixin, WorkflowAdminMixin, ViewOnlyAdminMixin, admin.ModelAdmin
):
    change_list_template = "admin/review/application/change_list.html"
    change_form_template = "admin/review/application/change_form.html"
    step_templates = "admin/review/application"
    step_record_name = "application"
    list_display = (
        "organisation_name",
        "tax_id",
        "size_group",
        "received_at",
        "due_on",
        "days_left",
        "next_actor",
        "assignee",
    )
    list_display_links = ("organisation_name",)
    list_filter = (
        WhoActsNextFilter,
        "status",
        DueFilter,
        SizeGroupFilter,
        "district",
        ("assignee", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("organisation__tax_id", "organisation__name")
    list_select_related = ("organisation", "assignee")
    ordering = (F("due_on").asc(nulls_last=True), "received_at")
    actions = ["take"]
    inlines = [DocumentInline, CheckInline, EventInline]
    fieldsets = (
        (
            _("Application"),
            {
                "fields": (
                    "organisation",
                    "status",
                    "assignee",
                    "first_received_at",
                    "received_at",
                    "due_on",
                    "decided_at",
                )
            },
        ),
        (
            _("Registration"),
            {
                "fields": (
                    "registration_type",
                    "registered_address",
                    "declared_not_foreign_branch_at",
                )
            },
        ),
        (
            _("Eligibility (computed)"),
            {
                "fields": (
                    "paid_in_capital",
                    "regular_employees",
                    "sme_test",
                    "founded_on",
                    "size_group",
                )
            },
        ),
        (
            _("Declarations"),
            {
                "fields": (
                    "declared_invoices_at",
                    "declared_no_violations_at",
                    "accepted_obligations_at",
                    "terms_version",
                )
            },
        ),
        (_("Public profile"), {"fields": ("introduction", "website")}),
    )
    readonly_fields = ("registered_address", "sme_test", "size_group")

    # --- the queue ------------------------------------------------------------

    def get_changelist_instance(self, request):
        """The page of the queue, each application with its working days left, counted once
        per page against the closed days."""
        changelist = super().get_changelist_instance(request)
        today, closed_days = timezone.localdate(), ClosedDay.objects.as_set()
        for application in changelist.result_list:
            application.working_days_left = (
                working_days_left(today, application.due_on, closed_days)
                if application.status == Status.SUBMITTED and application.due_on is not None
                else None
            )
        return changelist

    @admin.display(description=_("organisation"), ordering="organisation__name")
    def organisation_name(self, application):
        return application.organisation.name

    @admin.display(description=_("Unified Business Number"), ordering="organisation__tax_id")
    def tax_id(self, application):
        return application.organisation.tax_id

    @admin.display(description=_("size group"))
    def size_group(self, application):
        group = application.size_group
        return group.label if group else "—"

    @admin.display(description=_("Registered address"))
    def registered_address(self, application):
        return application.full_address or "—"

    @admin.display(description=_("SME test"))
    def sme_test(self, application):
        sme = application.qualifies_as_sme
        if sme is None:
            return "—"
        return _("qualifies") if sme else _("does not qualify")

    @admin.display(description=_("working days left"), ordering="due_on")
    def days_left(self, application):
        left = getattr(application, "working_days_left", None)
        if left is None:
            return "—"
        if left < 0:
            return format_html(
                '<strong class="overdue">{}</strong>',
                _("%(days)s overdue") % {"days": -left},
            )
        if left == 0:
            return format_html('<strong class="due-today">{}</strong>', _("due today"))
        return left

    @admin.display(description=_("who acts next"))
    def next_actor(self, application):
        if application.status == Status.SUBMITTED:
            return _("Staff")
        if application.status in (Status.DRAFT, Status.NEEDS_CORRECTIONS):
            return _("Applicant")
        return "—"

    @admin.action(description=_("Take the selected applications (assign them to me)"))
    def take(self, request, queryset):
        if not request.user.has_perm(REVIEW_APPLICATION):
            raise PermissionDenied
        taken = 0
        for application in queryset:
            try:
                services.application_take(application=application, by=request.user)
                taken += 1
            except StepRefused as refused:
                self.message_user(
                    request, f"{application.organisation}: {refused.message}", messages.WARNING
                )
        if taken:
            self.message_user(request, _("Assigned to you."), messages.SUCCESS)

    # --- the review's steps -----------------------------------------------------

    def get_urls(self):
        def wrap(view, permission=REVIEW_APPLICATION):
            return staff_view(self, view, permission)

        organizer = DECIDE_CASE_BY_CASE
        return [
            path("figures/", wrap(self.figures_view), name="review_figures"),
            path("<int:pk>/take/", wrap(self.take_view), name="review_take"),
            path(
                "<int:pk>/registry/",
                wrap(self.registry_refresh_view),
                name="review_registry_refresh",
            ),
            path("<int:pk>/checks/", wrap(self.checks_view), name="review_checks"),
            path("<int:pk>/documents/", wrap(self.documents_view), name="review_documents"),
            path("<int:pk>/corrections/", wrap(self.corrections_view), name="review_corrections"),
            path("<int:pk>/approve/", wrap(self.approve_view), name="review_approve"),
            path("<int:pk>/reject/", wrap(self.reject_view), name="review_reject"),
            path("<int:pk>/case/", wrap(self.case_view, organizer), name="review_case"),
            path("<int:pk>/due/", wrap(self.due_view, organizer), name="review_due"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "blockers": services.approval_blockers(application) if application else [],
            "case_decision": CaseDecision.objects.filter(application=application).first(),
        }
        if application is not None:
            extra_context["activity_url"] = (
                reverse("admin:activity_activity_changelist")
                + f"?subject_type__id__exact={ContentType.objects.get_for_model(Application).pk}"
                + f"&subject_id={application.pk}"
            )
        if application is not None and request.method == "GET":
            lookup = company_lookup(tax_id=application.organisation.tax_id)
            extra_context["registry"] = lookup
            if lookup.company is not None:
                extra_context["registry_rows"] = registry_comparison(application, lookup.company)
        return super().change_view(request, object_id, form_url, extra_context)

    def registry_refresh_view(self, request, pk):
        application = get_object_or_404(Application, pk=pk)

        def refresh(form):
            lookup = services.registry_refresh(application=application, by=request.user)
            if lookup.unavailable:
                raise StepRefused(REGISTRY_UNAVAILABLE)
            return lookup

        return self.step(
            request,
            application,
            take=refresh,
            done=_("The registry's answer is refreshed."),
        )

    def step_subtitle(self, application) -> str:
        return str(application.organisation)

    def take_view(self, request, pk):
        application = get_object_or_404(Application, pk=pk)
        return self.step(
            request,
            application,
            take=lambda form: services.application_take(
                application=application,
                by=request.user,
                from_colleague="from_colleague" in request.POST,
            ),
            done=_("You have taken this application."),
        )

    def checks_view(self, request, pk):
        application = get_object_or_404(Application, pk=pk)
        records = {record.item: record for record in application.violation_checks.all()}

        def record_all(form):
            for item, result, source, checked_on, note, details in form.recorded():
                services.violation_check_record(
                    application=application,
                    by=request.user,
                    item=item,
                    result=result,
                    source=source,
                    checked_on=checked_on,
                    note=note,
                    **details,
                )

        return self.step(
            request,
            application,
            form=forms.ViolationChecksForm(
                request.POST or None, records=records, organisation=application.organisation
            ),
            take=record_all,
            done=_("The checks are recorded."),
            template="checks",
            title=_("Violation checks (參.二(一)1(5)A)"),
        )

    def documents_view(self, request, pk):
        application = get_object_or_404(Application, pk=pk)
        documents = application.documents.filter(is_current=True).order_by("kind", "uploaded_at")

        def review_all(form):
            for document, status, note in form.changed_documents():
                services.document_review(
                    document=document, by=request.user, status=status, note=note
                )

        return self.step(
            request,
            application,
            form=forms.DocumentChecksForm(request.POST or None, documents=documents),
            take=review_all,
            done=_("The document checks are saved."),
            template="documents",
            title=_("Document checks"),
        )

    def corrections_view(self, request, pk):
        application = get_object_or_404(Application, pk=pk)
        return self.step(
            request,
            application,
            form=forms.CorrectionsForm(request.POST or None, application=application),
            take=lambda form: services.application_request_corrections(
                application=application,
                by=request.user,
                items=form.items(),
                note=form.cleaned_data["note"],
            ),
            done=_("The applicant has been asked for corrections."),
            template="corrections",
            title=_("Request corrections"),
        )

    def approve_view(self, request, pk):
        application = get_object_or_404(Application, pk=pk)
        return self.step(
            request,
            application,
            take=lambda form: services.application_approve(
                application=application, by=request.user
            ),
            done=_("Approved: the organisation is now a listed supplier."),
            template="approve",
            title=_("Approve"),
            blockers=services.approval_blockers(application),
        )

    def reject_view(self, request, pk):
        application = get_object_or_404(Application, pk=pk)
        found = application.violation_checks.filter(result="found")
        initial = "\n".join(f"{record.get_item_display()}: {record.note}" for record in found)
        return self.step(
            request,
            application,
            form=forms.RejectForm(request.POST or None, initial={"reasons": initial}),
            take=lambda form: services.application_reject(
                application=application, by=request.user, reasons=form.cleaned_data["reasons"]
            ),
            done=_("Rejected; the applicant has been told why."),
            template="reject",
            title=_("Reject"),
        )

    def case_view(self, request, pk):
        application = get_object_or_404(Application, pk=pk)
        return self.step(
            request,
            application,
            form=forms.CaseDecisionForm(request.POST or None),
            take=lambda form: services.case_decide(
                application=application, by=request.user, reason=form.cleaned_data["reason"]
            ),
            done=_("The case-by-case decision is recorded."),
            template="form",
            title=_("Case-by-case decision (參.二(一)1(5)D)"),
        )

    def due_view(self, request, pk):
        application = get_object_or_404(Application, pk=pk)
        return self.step(
            request,
            application,
            form=forms.MoveDueDateForm(
                request.POST or None, initial={"due_on": application.due_on}
            ),
            take=lambda form: services.due_date_move(
                application=application,
                by=request.user,
                due_on=form.cleaned_data["due_on"],
                reason=form.cleaned_data["reason"],
            ),
            done=_("The due date has been moved."),
            template="form",
            title=_("Move the due date"),
        )

    def figures_view(self, request):
        return TemplateResponse(
            request,
            "admin/review/application/figures.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Review figures"),
                **selectors.review_figures(timezone.localdate()),
            },
        )


@admin.register(ClosedDay)
class ClosedDayAdmin(admin.ModelAdmin):
    """Declaring a day closed moves due dates; a declared day is not moved or deleted here,
    since that would leave the dates it moved behind."""

    list_display = ("day", "reason", "declared_by", "declared_at")
    fields = ("day", "reason")

    def get_readonly_fields(self, request, obj=None):
        return ("day",) if obj else ()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        declared = services.closed_day_declare(day=obj.day, reason=obj.reason, by=request.user)
        obj.pk = declared.pk


@admin.register(Notice)
class NoticeAdmin(TaxIdSearchMixin, ViewOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("sent_at", "recipient", "subject", "application")
    search_fields = ("recipient", "subject", "application__organisation__tax_id")
    readonly_fields = ("sent_at", "recipient", "subject", "body", "language", "application")
