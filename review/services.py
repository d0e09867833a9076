"""The staff's steps in a review (參.二(四)3): each one transaction, each in the history."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from accounts.models import User
from activity.models import ActivityKind
from activity.services import activity_record
from registry.services import Lookup, company_lookup
from suppliers.lifecycle import supplier_list
from suppliers.models import (
    Application,
    ApplicationDocument,
    ApplicationStatus,
    DocumentKind,
    EventKind,
    Supplier,
)
from suppliers.notices import notify_applicant
from suppliers.permissions import DECIDE_CASE_BY_CASE, REVIEW_APPLICATION
from suppliers.services import locked, record_event, transition
from suppliers.steps import correction_label
from suppliers.violations import VIOLATION_CHECKS, require_finding_counts
from tops.mail import build_email, portal_url, queue_email, render_email
from tops.models import ClosedDay
from tops.workflow import StepRefused, require_permission
from tops.working_days import add_working_days, review_due_on

from .models import CaseDecision, CheckResult, ViolationCheckRecord

Status = ApplicationStatus


def _require_step(application, step: str) -> None:
    Application.workflow.target(
        application,
        step,
        refusal=_("This application is no longer waiting for a review: it is now “%(status)s”."),
    )


@transaction.atomic
def application_take(
    *, application: Application, by: User, from_colleague: bool = False
) -> Application:
    """Assign the application to ``by``, so that two reviewers don't work on it unknowingly.
    Taking over from a colleague must be asked for explicitly."""
    require_permission(by, REVIEW_APPLICATION)
    application = locked(application)
    _require_step(application, "take")
    previous = application.assignee
    if previous is not None and previous != by and not from_colleague:
        raise StepRefused(
            _("%(name)s has already taken this application.") % {"name": previous.get_username()}
        )
    if previous == by:
        return application
    _assign(application, by)
    if previous is not None:
        _tell_of_take_over(application, previous=previous, by=by)
        activity_record(
            kind=ActivityKind.TAKE_OVER,
            by=by,
            action=gettext_noop("Took over an application"),
            subject=application,
            note=f"{previous.get_username()} → {by.get_username()}",
        )
    return application


def _assign(application: Application, by: User) -> None:
    previous = application.assignee
    application.assignee = by
    application.save(update_fields=["assignee", "updated_at"])
    record_event(
        application,
        kind=EventKind.ASSIGNED,
        by=by,
        note=f"{previous.get_username() if previous else '—'} → {by.get_username()}",
        visible=False,
    )


def _tell_of_take_over(application: Application, *, previous: User, by: User) -> None:
    """The reviewer who held the application learns at once that a colleague took it over."""
    if not previous.email:
        return
    subject, body = render_email(
        "review/email/application_taken_over",
        {
            "application": application,
            "organisation": application.organisation,
            "by": by,
            "url": portal_url(reverse("admin:suppliers_application_change", args=[application.pk])),
        },
        previous.preferred_language or settings.LANGUAGE_CODE,
    )
    queue_email(build_email(subject=subject, body=body, to=[previous.email]))


def _require_holder(application: Application, by: User | None) -> None:
    """Taking an application is a lock: the reviewer who holds it takes its steps, and a
    colleague must take it over first (which tells the holder). A step on an application
    nobody holds takes it."""
    if by is None:
        return
    holder = application.assignee
    if holder is None:
        _assign(application, by)
    elif holder != by:
        raise StepRefused(
            _("%(name)s holds this application. Take it over from them first; they will be told.")
            % {"name": holder.get_username()}
        )


def registry_refresh(*, application: Application, by: User) -> Lookup:
    """A reviewer asks the company registry again about the applicant, whatever it said
    within the day. No transaction: nothing waits on the registry."""
    require_permission(by, REVIEW_APPLICATION)
    lookup = company_lookup(tax_id=application.organisation.tax_id, refresh=True)
    activity_record(
        kind=ActivityKind.REGISTRY_REFRESH,
        by=by,
        action=gettext_noop("Asked the company registry again"),
        subject=application,
        note="unavailable" if lookup.unavailable else "",
    )
    return lookup


@transaction.atomic
def violation_check_record(
    *,
    application: Application,
    by: User,
    item: int,
    result: str,
    source: str,
    checked_on: datetime.date,
    note: str = "",
    violation_on: datetime.date | None = None,
    fine_amount: int | None = None,
) -> ViolationCheckRecord:
    require_permission(by, REVIEW_APPLICATION)
    application = locked(application)
    _require_step(application, "record_checks")
    _require_holder(application, by)
    if result == CheckResult.FOUND:
        require_finding_counts(
            item, checked_on=checked_on, violation_on=violation_on, fine_amount=fine_amount
        )
    record, _created = ViolationCheckRecord.objects.update_or_create(
        application=application,
        item=item,
        defaults={
            "result": result,
            "source": source,
            "checked_on": checked_on,
            "note": note,
            "violation_on": violation_on,
            "fine_amount": fine_amount,
            "recorded_by": by,
            "recorded_at": timezone.now(),
        },
    )
    record_event(
        application,
        kind=EventKind.CHECK_RECORDED,
        by=by,
        note=f"{item}: {record.get_result_display()} ({checked_on:%Y-%m-%d}) {note}".strip(),
        visible=False,
    )
    return record


@transaction.atomic
def document_review(
    *, document: ApplicationDocument, by: User, status: str, note: str = ""
) -> ApplicationDocument:
    require_permission(by, REVIEW_APPLICATION)
    application = locked(document.application)
    _require_step(application, "review_documents")
    _require_holder(application, by)
    document.review_status = status
    document.review_note = note
    document.reviewed_by = by
    document.reviewed_at = timezone.now()
    document.save(update_fields=["review_status", "review_note", "reviewed_by", "reviewed_at"])
    record_event(
        application,
        kind=EventKind.DOCUMENT_REVIEWED,
        by=by,
        note=f"{document} · {document.get_review_status_display()} {note}".strip(),
        visible=False,
    )
    return document


def approval_blockers(application: Application) -> list[str]:
    """Why the application cannot be approved yet; empty when it can."""
    blockers = []
    records = {record.item: record for record in application.violation_checks.all()}
    missing = [check.number for check in VIOLATION_CHECKS if check.number not in records]
    if missing:
        blockers.append(
            _("Violation checks not recorded yet: %(items)s.")
            % {"items": ", ".join(str(n) for n in missing)}
        )
    found = sorted(n for n, record in records.items() if record.result == CheckResult.FOUND)
    covered = CaseDecision.objects.items_covered_for(application.pk)
    uncovered = [n for n in found if n not in covered]
    if uncovered:
        found = uncovered
        blockers.append(
            _(
                "A violation was found (items %(items)s): the application must be rejected "
                "unless an organizer decides the case (參.二(一)1(5)D)."
            )
            % {"items": ", ".join(str(n) for n in found)}
        )
    accepted = set(
        application.documents.filter(
            is_current=True, review_status=ApplicationDocument.Review.ACCEPTED
        ).values_list("kind", flat=True)
    )
    unchecked = [
        DocumentKind(kind).label for kind in application.required_documents if kind not in accepted
    ]
    if unchecked:
        blockers.append(
            _("Required documents not accepted yet: %(documents)s.")
            % {"documents": ", ".join(str(label) for label in unchecked)}
        )
    if application.qualifies_as_sme is not True:
        blockers.append(_("The organisation does not pass the SME test."))
    return blockers


@transaction.atomic
def application_approve(*, application: Application, by: User) -> Supplier:
    """List the organisation as a supplier, in the size group of the day of the decision."""
    require_permission(by, REVIEW_APPLICATION)
    application = locked(application)
    _require_step(application, "approve")
    _require_holder(application, by)
    blockers = approval_blockers(application)
    if blockers:
        raise StepRefused(" ".join(str(blocker) for blocker in blockers))
    transition(application, step="approve", by=by)
    application.decided_at = timezone.now()
    application.save()
    supplier = supplier_list(application=application, by=by)
    notify_applicant(application, "review/email/application_approved", supplier=supplier)
    activity_record(
        kind=ActivityKind.DECISION,
        by=by,
        action=gettext_noop("Approved an application"),
        subject=application,
    )
    return supplier


@transaction.atomic
def application_request_corrections(
    *, application: Application, by: User | None, items: list[dict], note: str = ""
) -> Application:
    """Hand the application back with the list of what to fix; the clock stops, and runs its
    5 working days again in full from the resubmission (``application_submit``).

    ``items``: [{"item": "step:size" or "document:<kind>", "label": ..., "note": ...}].
    """
    require_permission(by, REVIEW_APPLICATION)
    application = locked(application)
    _require_step(application, "request_corrections")
    _require_holder(application, by)
    if not items:
        raise StepRefused(_("Say what needs correcting."))
    transition(
        application,
        step="request_corrections",
        by=by,
        note=note,
        items=items,
        kind=EventKind.CORRECTIONS_REQUESTED,
    )
    application.due_on = None
    application.corrections_reminded_at = None
    application.save()
    notify_applicant(
        application,
        "review/email/corrections_requested",
        items=[{**item, "label": correction_label(item["item"])} for item in items],
        note=note,
    )
    activity_record(
        kind=ActivityKind.DECISION,
        by=by,
        action=gettext_noop("Asked an applicant for corrections"),
        subject=application,
        note=note,
    )
    return application


@transaction.atomic
def application_reject(*, application: Application, by: User, reasons: str) -> Application:
    require_permission(by, REVIEW_APPLICATION)
    application = locked(application)
    _require_step(application, "reject")
    _require_holder(application, by)
    if not reasons.strip():
        raise StepRefused(_("State the reasons for the rejection."))
    transition(application, step="reject", by=by, note=reasons)
    application.decided_at = timezone.now()
    application.save()
    notify_applicant(application, "review/email/application_rejected", reasons=reasons)
    activity_record(
        kind=ActivityKind.DECISION,
        by=by,
        action=gettext_noop("Rejected an application"),
        subject=application,
        note=reasons,
    )
    return application


@transaction.atomic
def case_decide(*, application: Application, by: User, reason: str) -> CaseDecision:
    """An organizer lets the application through despite a violation found (參.二(一)1(5)D)."""
    if not by.has_perm(DECIDE_CASE_BY_CASE):
        raise StepRefused(_("Only an organizer can decide a case."))
    application = locked(application)
    _require_step(application, "decide_case")
    if not reason.strip():
        raise StepRefused(_("State the reason for the decision."))
    found = sorted(
        application.violation_checks.filter(result=CheckResult.FOUND).values_list("item", flat=True)
    )
    if not found:
        raise StepRefused(_("No violation has been found: there is no case to decide."))
    decision, _created = CaseDecision.objects.update_or_create(
        application=application,
        defaults={
            "reason": reason,
            "covered_items": found,
            "decided_by": by,
            "decided_at": timezone.now(),
        },
    )
    record_event(application, kind=EventKind.CASE_DECIDED, by=by, note=reason, visible=False)
    activity_record(
        kind=ActivityKind.DECISION,
        by=by,
        action=gettext_noop("Decided an application's case on its merits"),
        subject=application,
        note=reason,
    )
    return decision


@transaction.atomic
def due_date_move(
    *, application: Application, by: User, due_on: datetime.date, reason: str
) -> Application:
    if not by.has_perm(DECIDE_CASE_BY_CASE):
        raise StepRefused(_("Only an organizer can move a due date."))
    application = locked(application)
    _require_step(application, "move_due_date")
    if not reason.strip():
        raise StepRefused(_("State the reason for moving the due date."))
    previous = application.due_on
    application.due_on = due_on
    application.save(update_fields=["due_on", "updated_at"])
    record_event(
        application,
        kind=EventKind.DUE_DATE_MOVED,
        by=by,
        note=f"{previous:%Y-%m-%d} → {due_on:%Y-%m-%d}: {reason}",
        visible=False,
    )
    activity_record(
        kind=ActivityKind.DUE_DATE_MOVE,
        by=by,
        action=gettext_noop("Moved an application's due date"),
        subject=application,
        note=f"{previous:%Y-%m-%d} → {due_on:%Y-%m-%d}: {reason}",
    )
    return application


@transaction.atomic
def closed_day_declare(*, day: datetime.date, reason: str, by: User | None) -> ClosedDay:
    """Mark a day closed (a typhoon day) and push back the due dates it falls within."""
    if by is not None:
        require_permission(by, "tops.add_closedday")
    closed, _created = ClosedDay.objects.update_or_create(
        day=day, defaults={"reason": reason, "declared_by": by}
    )
    closed_days = ClosedDay.objects.as_set()
    waiting = Application.objects.select_for_update().filter(
        status=Status.SUBMITTED, due_on__gte=day
    )
    for application in waiting:
        if timezone.localdate(application.received_at) > day:
            continue
        if application.events.filter(kind=EventKind.DUE_DATE_MOVED, by__isnull=False).exists():
            continue  # an organizer set this date by hand
        due_on = review_due_on(application.received_at, closed_days)
        if due_on != application.due_on:
            record_event(
                application,
                kind=EventKind.DUE_DATE_MOVED,
                by=None,
                note=f"{application.due_on:%Y-%m-%d} → {due_on:%Y-%m-%d}: {day:%Y-%m-%d} {reason}",
                visible=False,
            )
            application.due_on = due_on
            application.save(update_fields=["due_on", "updated_at"])
    return closed


def corrections_reminder_due(
    application: Application, today: datetime.date, closed_days=None
) -> bool:
    """Has the applicant left a correction request unanswered for 10 working days?"""
    event = application.events.filter(kind=EventKind.CORRECTIONS_REQUESTED).order_by("-at").first()
    if event is None or application.corrections_reminded_at is not None:
        return False
    asked_on = timezone.localdate(event.at)
    if closed_days is None:
        closed_days = ClosedDay.objects.as_set()
    return today >= add_working_days(
        asked_on, settings.CORRECTIONS_REMINDER_WORKING_DAYS, closed_days
    )


@transaction.atomic
def corrections_remind(*, application: Application) -> None:
    application = locked(application)
    if application.status != Status.NEEDS_CORRECTIONS or application.corrections_reminded_at:
        return
    application.corrections_reminded_at = timezone.now()
    application.save(update_fields=["corrections_reminded_at", "updated_at"])
    record_event(application, kind=EventKind.REMINDER_SENT, by=None, visible=False)
    notify_applicant(application, "review/email/corrections_reminder")
