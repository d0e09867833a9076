"""A coaching case's steps: applied for by the supplier, assigned, sessions proposed and
recorded, closed and rated; or withdrawn by the supplier, or declined by staff."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from suppliers.models import Supplier
from suppliers.notices import notify_supplier
from tops.mail import portal_url
from tops.workflow import StepRefused, require_permission

from .models import (
    COUNTED,
    CaseStatus,
    CoachingCase,
    CoachingEvent,
    CoachingSession,
    CoachingSettings,
    Topic,
)
from .permissions import MANAGE_CASE

# What the supplier's mail says happened, in the reader's language.
HEADLINES = {
    "submit": _("We received your application for coaching."),
    "assign": _("A coach is assigned to your coaching case."),
    "decline": _("Your application for coaching is declined."),
    "propose_session": _("A coaching session is proposed."),
    "record_session": _("A coaching session is recorded."),
    "close": _("Your coaching case is closed. Please tell us how it went."),
    "withdraw": _("Your coaching case is withdrawn."),
}


def _tell_supplier(case: CoachingCase, step: str, *, session=None, note: str = "") -> None:
    notify_supplier(
        case.supplier,
        "coaching/email/case",
        case=case,
        headline=HEADLINES[step],
        session=session,
        note=note,
        link=portal_url(reverse("coaching:case", args=[case.pk])),
    )


def _move(case: CoachingCase, *, step: str, by: User | None, note: str = "", **fields):
    """Re-read the case under lock, take ``step`` (refused when the table does not allow it
    now), write the history row and set ``fields``."""
    case = CoachingCase.objects.select_for_update().select_related("supplier").get(pk=case.pk)
    to = CoachingCase.workflow.target(case, step)
    CoachingEvent.objects.create(
        case=case, step=step, from_status=case.status, to_status=to, by=by, note=note
    )
    case.status = to
    for name, value in fields.items():
        setattr(case, name, value)
    case.save()
    return case


@transaction.atomic
def case_submit(
    *,
    supplier: Supplier,
    by: User,
    topic: str,
    topic_other: str = "",
    needs: str,
    preferred_times: str,
) -> CoachingCase:
    if topic == Topic.OTHER and not topic_other.strip():
        raise StepRefused(_("Name the topic you need coaching on."), field="topic_other")
    # The supplier's row is the lock: two applications sent at once are counted one after
    # the other, so the second sees the first.
    Supplier.objects.select_for_update().get(pk=supplier.pk)
    year = timezone.localdate().year
    limit = CoachingSettings.load().cases_per_year
    used = CoachingCase.objects.filter(supplier=supplier, year=year, status__in=COUNTED).count()
    if used >= limit:
        raise StepRefused(
            _(
                "You have already applied for %(limit)s coaching cases in %(year)s, the most a "
                "supplier may have in a year. You may apply again next year, or withdraw a case "
                "that has not started."
            )
            % {"limit": limit, "year": year}
        )
    case = CoachingCase.objects.create(
        supplier=supplier,
        topic=topic,
        topic_other=topic_other.strip() if topic == Topic.OTHER else "",
        needs=needs,
        preferred_times=preferred_times,
        year=year,
    )
    CoachingEvent.objects.create(case=case, step="submit", to_status=case.status, by=by)
    _tell_supplier(case, "submit")
    return case


@transaction.atomic
def case_assign(
    *, case: CoachingCase, by: User, coach: User | None = None, coach_name: str = ""
) -> CoachingCase:
    require_permission(by, MANAGE_CASE)
    coach_name = coach_name.strip()
    if (coach is None) == (not coach_name):
        raise StepRefused(
            _("Choose a staff member or name an external consultant, not both."),
            field="coach_name",
        )
    case = _move(case, step="assign", by=by, coach=coach, coach_name=coach_name)
    _tell_supplier(case, "assign")
    return case


@transaction.atomic
def case_decline(*, case: CoachingCase, by: User, reason: str) -> CoachingCase:
    require_permission(by, MANAGE_CASE)
    if not reason.strip():
        raise StepRefused(_("Write the reason: it is what the supplier is told."), field="reason")
    case = _move(case, step="decline", by=by, note=reason, decline_reason=reason.strip())
    _tell_supplier(case, "decline", note=case.decline_reason)
    return case


@transaction.atomic
def session_propose(
    *,
    case: CoachingCase,
    by: User,
    starts_at: datetime.datetime,
    place: str = "",
    online_url: str = "",
) -> CoachingSession:
    require_permission(by, MANAGE_CASE)
    if not place.strip() and not online_url.strip():
        raise StepRefused(_("Give a place or an online meeting link."), field="place")
    case = _move(case, step="propose_session", by=by)
    session = CoachingSession.objects.create(
        case=case, starts_at=starts_at, place=place.strip(), online_url=online_url.strip()
    )
    _tell_supplier(case, "propose_session", session=session)
    return session


@transaction.atomic
def session_record(
    *,
    session: CoachingSession,
    by: User,
    held_on: datetime.date,
    hours: Decimal,
    outcome: str,
) -> CoachingSession:
    require_permission(by, MANAGE_CASE)
    if hours is None or hours <= 0:
        raise StepRefused(_("Give the hours the session took."), field="hours")
    if not outcome.strip():
        raise StepRefused(_("Write what the session achieved."), field="outcome")
    case = _move(session.case, step="record_session", by=by, note=outcome.strip())
    session = CoachingSession.objects.select_for_update().get(pk=session.pk, case=case)
    session.held_on, session.hours, session.outcome = held_on, hours, outcome.strip()
    session.save()
    _tell_supplier(case, "record_session", session=session)
    return session


@transaction.atomic
def case_close(*, case: CoachingCase, by: User, note: str = "") -> CoachingCase:
    require_permission(by, MANAGE_CASE)
    if not case.sessions.filter(held_on__isnull=False).exists():
        raise StepRefused(_("Record at least one session before closing the case."))
    case = _move(case, step="close", by=by, note=note)
    _tell_supplier(case, "close", note=note)
    return case


@transaction.atomic
def case_withdraw(*, case: CoachingCase, by: User) -> CoachingCase:
    case = _move(case, step="withdraw", by=by)
    _tell_supplier(case, "withdraw")
    return case


@transaction.atomic
def case_rate(*, case: CoachingCase, by: User, rating: int, comment: str = "") -> CoachingCase:
    if rating not in range(1, 6):
        raise StepRefused(_("Choose a rating from 1 to 5."), field="rating")
    locked = CoachingCase.objects.select_for_update().get(pk=case.pk)
    if locked.status == CaseStatus.CLOSED and locked.rating is not None:
        raise StepRefused(_("You have already rated this coaching. Thank you."))
    return _move(
        locked,
        step="rate",
        by=by,
        note=f"{rating}/5",
        rating=rating,
        rating_comment=comment.strip(),
        rated_at=timezone.now(),
    )
