"""Listed suppliers after approval: re-checks, the yearly update, withdrawal requests,
disqualification and reinstatement (參.二(五), 參.二(二)5)."""

from django.contrib import admin
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.admin import TaxIdSearchMixin
from catalog import services as catalog_services
from catalog.media_kit import media_kit_zip
from catalog.permissions import MODERATE_PRODUCT
from suppliers import extensions, lifecycle, upkeep
from suppliers.models import Disqualification, Supplier, SupplierEvent, WithdrawalRequest
from suppliers.permissions import DISQUALIFY_SUPPLIER, REINSTATE_SUPPLIER, REVIEW_APPLICATION
from tops.admin import (
    HistoryInline,
    ReadOnlyInline,
    StepAdminMixin,
    ViewOnlyAdminMixin,
    staff_view,
)

from .. import audits, forms
from ..models import SupplierAudit


class RecheckDueFilter(admin.SimpleListFilter):
    title = _("re-check (查核)")
    parameter_name = "recheck"

    def lookups(self, request, model_admin):
        return [("due", _("Due: not re-checked for 12 months, or never"))]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return audits.due_for_recheck(timezone.localdate(), queryset)
        return queryset


class YearlyUpdateFilter(admin.SimpleListFilter):
    title = _("yearly update")
    parameter_name = "yearly_update"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue")), ("within_30_days", _("Due within 30 days"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return upkeep.update_overdue(queryset, today)
        if self.value() == "within_30_days":
            return upkeep.update_due_within(queryset, today, days=30)
        return queryset


class SupplierEventInline(HistoryInline):
    model = SupplierEvent
    fields = ("at", "kind", "by", "note")
    readonly_fields = fields
    verbose_name_plural = _("history")


class DisqualificationInline(ReadOnlyInline):
    model = Disqualification
    fields = ("effective_on", "route", "ground", "reason", "ended_on", "end", "notice_link")
    readonly_fields = fields

    @admin.display(description=_("written notice"))
    def notice_link(self, disqualification):
        url = reverse("notices:disqualification", args=[disqualification.public_id])
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("open"))


class AuditInline(ReadOnlyInline):
    model = SupplierAudit
    fields = ("audited_at", "audited_by", "findings", "disqualification")
    readonly_fields = fields

    @admin.display(description=_("found"))
    def findings(self, audit):
        found = [check.item for check in audit.checks.all() if check.result == "found"]
        return ", ".join(map(str, found)) or _("Nothing found.")


class WithdrawalRequestInline(ReadOnlyInline):
    model = WithdrawalRequest
    fields = ("requested_at", "requested_by", "reason", "status", "closed_at")
    readonly_fields = fields


@admin.register(Supplier)
class SupplierAdmin(TaxIdSearchMixin, StepAdminMixin, ViewOnlyAdminMixin, admin.ModelAdmin):
    change_form_template = "admin/review/supplier/change_form.html"
    step_templates = "admin/review/supplier"
    step_record_name = "supplier"
    list_display = (
        "name",
        "tax_id",
        "size_group",
        "status",
        "approved_on",
        "last_checked",
        "yearly_update",
    )
    list_filter = ("status", "size_group", RecheckDueFilter, YearlyUpdateFilter)
    search_fields = ("name", "organisation__tax_id")
    list_select_related = ("organisation",)
    readonly_fields = (
        "organisation",
        "name",
        "name_en",
        "status",
        "size_group",
        "district",
        "approved_on",
        "information_confirmed_on",
        "application",
        "website",
    )
    fields = readonly_fields
    inlines = [WithdrawalRequestInline, DisqualificationInline, AuditInline, SupplierEventInline]

    def get_queryset(self, request):
        return audits.with_last_check(super().get_queryset(request))

    def get_list_filter(self, request):
        # Filters the apps above add (the activities programme: no attendance in 12 months).
        return (*self.list_filter, *extensions.staff_list_filters)

    @admin.display(description=_("tax ID"), ordering="organisation__tax_id")
    def tax_id(self, supplier):
        return supplier.organisation.tax_id

    @admin.display(description=_("last re-checked"), ordering="last_checked_on")
    def last_checked(self, supplier):
        if supplier.last_checked_on is None:
            return format_html('<strong class="overdue">{}</strong>', _("never"))
        if supplier.last_checked_on <= audits.recheck_cutoff(timezone.localdate()):
            return format_html(
                '<strong class="overdue">{} ({})</strong>',
                date_format(supplier.last_checked_on),
                _("due"),
            )
        return date_format(supplier.last_checked_on)

    @admin.display(description=_("yearly update due"), ordering="information_confirmed_on")
    def yearly_update(self, supplier):
        due_on = upkeep.update_due_on(supplier.information_confirmed_on)
        if upkeep.is_overdue(supplier, timezone.localdate()):
            return format_html(
                '<strong class="overdue">{} ({})</strong>', date_format(due_on), _("overdue")
            )
        return date_format(due_on)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        supplier = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if supplier is not None:
            open_disqualification = supplier.disqualifications.open().first()
            extra_context |= {
                "can_review": request.user.has_perm(REVIEW_APPLICATION),
                "can_disqualify": request.user.has_perm(DISQUALIFY_SUPPLIER),
                "open_disqualification": open_disqualification,
                "disqualification_steps": Disqualification.workflow.steps_for(
                    open_disqualification, request.user
                )
                if open_disqualification
                else frozenset(),
                "overdue": upkeep.is_overdue(supplier, timezone.localdate()),
                "can_moderate": request.user.has_perm(MODERATE_PRODUCT),
                "pending_withdrawal": supplier.withdrawal_requests.filter(
                    status=WithdrawalRequest.Status.PENDING
                ).first(),
                "products": supplier.products.select_related("published").order_by("-pk"),
                "reports": supplier.reports.select_related("product__published").order_by(
                    "-received_at"
                ),
                "extension_panels": [
                    (panel.template, panel.context(request, supplier))
                    for panel in extensions.staff_panels
                ],
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:pk>/recheck/",
                staff_view(self, self.recheck_view, REVIEW_APPLICATION),
                name="review_supplier_recheck",
            ),
            path(
                "<int:pk>/disqualify/",
                staff_view(self, self.disqualify_view, DISQUALIFY_SUPPLIER),
                name="review_supplier_disqualify",
            ),
            path(
                "<int:pk>/reinstate/",
                staff_view(self, self.reinstate_view, REINSTATE_SUPPLIER),
                name="review_supplier_reinstate",
            ),
            path(
                "<int:pk>/delist-overdue/",
                staff_view(self, self.delist_overdue_view, MODERATE_PRODUCT),
                name="review_supplier_delist_overdue",
            ),
            path(
                "withdrawal/<int:pk>/confirm/",
                staff_view(self, self.withdrawal_confirm_view, DISQUALIFY_SUPPLIER),
                name="review_withdrawal_confirm",
            ),
            path(
                "<int:pk>/media-kit.zip",
                staff_view(self, self.media_kit_view, "suppliers.view_supplier"),
                name="review_supplier_media_kit",
            ),
            *super().get_urls(),
        ]

    def media_kit_view(self, request, pk):
        supplier = get_object_or_404(Supplier, pk=pk)
        return FileResponse(
            media_kit_zip(supplier),
            as_attachment=True,
            filename=f"tops-media-kit-{supplier.organisation.tax_id}.zip",
            content_type="application/zip",
        )

    def recheck_view(self, request, pk):
        supplier = get_object_or_404(Supplier, pk=pk)
        return self.step(
            request,
            supplier,
            form=forms.AuditChecksForm(request.POST or None, organisation=supplier.organisation),
            take=lambda form: audits.audit_record(
                supplier=supplier, by=request.user, checks=form.all_checks()
            ),
            done=_("The re-check is recorded."),
            template="recheck",
            title=_("Re-check (查核, 參.二(五)3)"),
        )

    def disqualify_view(self, request, pk):
        supplier = get_object_or_404(Supplier, pk=pk)
        initial = {}
        number = request.GET.get("report", "")
        report = supplier.reports.filter(pk=number).first() if number.isdigit() else None
        if report is not None:
            initial = {"route": "report", "report": report, "reason": report.outcome}
        return self.step(
            request,
            supplier,
            form=forms.DisqualifyForm(
                request.POST or None, supplier=supplier, user=request.user, initial=initial
            ),
            take=lambda form: lifecycle.supplier_disqualify(
                supplier=supplier, by=request.user, **form.cleaned_data
            ),
            done=_(
                "Disqualified: the supplier and its products are off the portal, and the "
                "written notice is sent."
            ),
            template="form",
            title=_("Disqualify (參.二(五))"),
            intro=_(
                "The supplier and every one of its products leave the public site at once, and "
                "the written notice is e-mailed and kept. The organisation stays a buyer."
            ),
            submit_label=_("Disqualify and send the notice"),
        )

    def reinstate_view(self, request, pk):
        supplier = get_object_or_404(Supplier, pk=pk)
        disqualification = get_object_or_404(Disqualification.objects.open(), supplier=supplier)
        return self.step(
            request,
            supplier,
            form=forms.ReinstateForm(request.POST or None),
            take=lambda form: lifecycle.supplier_reinstate(
                disqualification=disqualification, by=request.user, note=form.cleaned_data["note"]
            ),
            done=_("Reinstated: its products are back in the review queue."),
            template="form",
            title=_("Reinstate after an appeal"),
            intro=_(
                "The supplier is listed again from today. Each product the disqualification "
                "took down goes back to a reviewer before it is public again."
            ),
            submit_label=_("Reinstate"),
        )

    def delist_overdue_view(self, request, pk):
        """A reviewer's decision, never automatic (參.二(二)10)."""
        supplier = get_object_or_404(Supplier, pk=pk)
        return self.step(
            request,
            supplier,
            take=lambda form: catalog_services.products_delist_for_overdue_update(
                supplier=supplier, by=request.user
            ),
            done=lambda delisted: (
                _("%(count)s products delisted until the supplier updates its information.")
                % {"count": len(delisted)}
            ),
        )

    def withdrawal_confirm_view(self, request, pk):
        withdrawal = get_object_or_404(WithdrawalRequest, pk=pk)
        return self.step(
            request,
            withdrawal.supplier,
            take=lambda form: lifecycle.withdrawal_confirm(request=withdrawal, by=request.user),
            done=_("The withdrawal is confirmed and the written notice is sent."),
        )


@admin.register(Disqualification)
class DisqualificationAdmin(TaxIdSearchMixin, ViewOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("supplier", "effective_on", "route", "ground", "ended_on", "end")
    list_filter = ("route", "ground", "end")
    search_fields = ("supplier__name", "supplier__organisation__tax_id")
    list_select_related = ("supplier",)
    readonly_fields = (
        "supplier",
        "route",
        "ground",
        "reason",
        "evidence",
        "upheld_report",
        "effective_on",
        "decided_by",
        "decided_at",
        "notice",
        "ended_on",
        "end",
        "end_note",
        "ended_by",
    )

    @admin.display(description=_("upheld report"))
    def upheld_report(self, disqualification):
        return getattr(disqualification, "report", None) or "-"

    fields = readonly_fields
