"""Reviewers triage reports: new, investigating, then dismissed or upheld."""

from django.contrib import admin
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from accounts.admin import TaxIdSearchMixin
from catalog.models import Product
from suppliers.permissions import DISQUALIFY_SUPPLIER
from tops.admin import (
    HistoryInline,
    StepAdminMixin,
    ViewOnlyAdminMixin,
    WorkflowAdminMixin,
    staff_view,
)

from . import services
from .forms import OutcomeForm
from .models import Report, ReportEvent, ReportStatus
from .permissions import TRIAGE_REPORT


class ReportEventInline(HistoryInline):
    model = ReportEvent
    fields = ("at", "from_status", "to_status", "by", "note")
    readonly_fields = fields
    verbose_name_plural = _("history")


@admin.register(Report)
class ReportAdmin(
    TaxIdSearchMixin, StepAdminMixin, WorkflowAdminMixin, ViewOnlyAdminMixin, admin.ModelAdmin
):
    step_templates = "admin/reports/report"
    step_record_name = "report"
    change_form_template = "admin/reports/report/change_form.html"
    list_display = ("__str__", "received_at", "supplier", "product", "reason", "status")
    list_filter = ("status", "reason")
    search_fields = ("supplier__name", "supplier__organisation__tax_id", "description")
    list_select_related = ("supplier", "product__published")
    ordering = ("-received_at",)
    readonly_fields = (
        "received_at",
        "supplier",
        "product",
        "reason",
        "description",
        "evidence_files",
        "contact_email",
        "status",
        "outcome",
        "closed_at",
        "closed_by",
    )
    fields = readonly_fields
    inlines = [ReportEventInline]

    @admin.display(description=_("evidence"))
    def evidence_files(self, report):
        items = report.evidence.all()
        if not items:
            return "—"
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            (
                (reverse("reports:evidence", args=[item.public_id]), item.original_name)
                for item in items
            ),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if report is not None:
            extra_context |= {
                "product_steps": Product.workflow.steps_for(report.product, request.user)
                if report.product
                else frozenset(),
                "can_disqualify": request.user.has_perm(DISQUALIFY_SUPPLIER),
                "other_reports": report.supplier.reports.exclude(pk=report.pk).order_by(
                    "-received_at"
                ),
                "products": report.supplier.products.select_related("published").order_by("-pk"),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:pk>/investigate/",
                staff_view(self, self.investigate_view, TRIAGE_REPORT),
                name="reports_report_investigate",
            ),
            path(
                "<int:pk>/decide/<str:decision>/",
                staff_view(self, self.decide_view, TRIAGE_REPORT),
                name="reports_report_decide",
            ),
            *super().get_urls(),
        ]

    def investigate_view(self, request, pk):
        report = get_object_or_404(Report, pk=pk)
        return self.step(
            request,
            report,
            take=lambda form: services.report_investigate(report=report, by=request.user),
            done=_("Marked as being investigated."),
        )

    def decide_view(self, request, pk, decision):
        report = get_object_or_404(Report, pk=pk)
        steps = {
            ReportStatus.DISMISSED: (
                services.report_dismiss,
                _("Dismiss the report"),
                _("Dismissed; the reporter is told why. Nothing public changes."),
            ),
            ReportStatus.UPHELD: (
                services.report_uphold,
                _("Uphold the report"),
                _("Upheld; the reporter and the supplier are told."),
            ),
        }
        if decision not in steps:
            return self.step_back(report)
        decide, title, done = steps[decision]
        return self.step(
            request,
            report,
            form=OutcomeForm(request.POST or None, decision=decision),
            take=lambda form: decide(
                report=report, by=request.user, outcome=form.cleaned_data["outcome"]
            ),
            done=done,
            template="decide",
            title=title,
            back_when_refused=True,
        )
