"""A report's life: received, investigated, then dismissed or upheld (參.二(五)2)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from accounts.models import User
from activity.models import ActivityKind
from activity.services import activity_record
from catalog.models import Product
from suppliers.models import Supplier
from suppliers.notices import send_notice
from tops.private_files import private_file_store
from tops.uploads import CheckedUpload
from tops.workflow import StepRefused, require_permission

from .models import Report, ReportEvent, ReportEvidence, ReportReason, ReportStatus
from .permissions import TRIAGE_REPORT


@transaction.atomic
def report_submit(
    *,
    supplier: Supplier,
    product: Product | None,
    reason: str,
    description: str,
    contact_email: str,
    language: str,
    evidence: list[CheckedUpload],
) -> Report:
    report = Report.objects.create(
        supplier=supplier,
        product=product,
        reason=reason,
        description=description,
        contact_email=contact_email,
        language=language,
    )
    for upload in evidence:
        private_file_store(ReportEvidence(report=report), upload, stem="evidence").save()
    context = {"report": report, "reason": ReportReason(reason).label}
    send_notice(
        to=contact_email, template="reports/email/received", context=context, language=language
    )
    send_notice(
        to=settings.REVIEWERS_EMAIL,
        template="reports/email/new_report",
        context=context,
        language=settings.LANGUAGE_CODE,
    )
    return report


def _move(report: Report, *, step: str, by: User, note: str = "") -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    to = Report.workflow.target(report, step)
    ReportEvent.objects.create(
        report=report, from_status=report.status, to_status=to, note=note, by=by
    )
    report.status = to
    if to in (ReportStatus.DISMISSED, ReportStatus.UPHELD):
        report.outcome, report.closed_by, report.closed_at = note, by, timezone.now()
    report.save()
    return report


@transaction.atomic
def report_investigate(*, report: Report, by: User) -> Report:
    require_permission(by, TRIAGE_REPORT)
    return _move(report, step="investigate", by=by)


def _require_outcome(outcome: str):
    if not outcome.strip():
        raise StepRefused(_("Write the outcome: it is what the reporter is told."))


@transaction.atomic
def report_dismiss(*, report: Report, by: User, outcome: str) -> Report:
    """Nothing public changes; the reporter is told why."""
    require_permission(by, TRIAGE_REPORT)
    _require_outcome(outcome)
    report = _move(report, step="dismiss", by=by, note=outcome)
    _tell_reporter(report)
    activity_record(
        kind=ActivityKind.DECISION,
        by=by,
        action=gettext_noop("Dismissed a report"),
        subject=report,
        note=outcome,
    )
    return report


@transaction.atomic
def report_uphold(*, report: Report, by: User, outcome: str) -> Report:
    """The report is right. The reporter is told; the supplier is told what was found, why,
    and how to appeal. Delisting or disqualifying follows as its own step."""
    require_permission(by, TRIAGE_REPORT)
    _require_outcome(outcome)
    report = _move(report, step="uphold", by=by, note=outcome)
    _tell_reporter(report)
    account = report.supplier.organisation.account
    send_notice(
        to=account.email,
        template="reports/email/upheld_supplier",
        context={
            "report": report,
            "supplier": report.supplier,
            "reason": ReportReason(report.reason).label,
        },
        language=account.preferred_language,
    )
    activity_record(
        kind=ActivityKind.DECISION,
        by=by,
        action=gettext_noop("Upheld a report"),
        subject=report,
        note=outcome,
    )
    return report


def _tell_reporter(report: Report):
    if not report.contact_email:
        return  # the reporter closed their account since
    send_notice(
        to=report.contact_email,
        template="reports/email/outcome",
        context={"report": report, "reason": ReportReason(report.reason).label},
        language=report.language,
    )
