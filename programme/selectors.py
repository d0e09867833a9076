"""Reads shared by the public pages, the calendar feed and the staff's pages."""

import calendar
import datetime

from django.db.models import Q
from django.utils import timezone

from .calendar import TAIPEI
from .models import Activity, Audience, Registration


def public_activities(*, kind: str = "", audience: str = ""):
    activities = Activity.objects.select_related("pavilion")
    if kind:
        activities = activities.filter(kind=kind)
    if audience:
        activities = activities.filter(Q(audience=audience) | Q(audience=Audience.BOTH))
    return activities


def month_grid(activities, year: int, month: int) -> list[list[tuple[datetime.date, list]]]:
    """The weeks of the month (Monday first), each day with the activities starting on it."""
    first = datetime.datetime(year, month, 1, tzinfo=TAIPEI)
    last_day = calendar.monthrange(year, month)[1]
    end = first + datetime.timedelta(days=last_day)
    by_day: dict[datetime.date, list] = {}
    for activity in activities.filter(starts_at__gte=first, starts_at__lt=end).order_by(
        "starts_at"
    ):
        by_day.setdefault(timezone.localtime(activity.starts_at, TAIPEI).date(), []).append(
            activity
        )
    return [
        [(day, by_day.get(day, []) if day.month == month else []) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]


def live_registration(activity: Activity, organisation) -> Registration | None:
    if organisation is None:
        return None
    return (
        activity.registrations.exclude(status=Registration.Status.CANCELLED)
        .filter(organisation=organisation)
        .prefetch_related("attendees")
        .first()
    )


def waiting_position(registration: Registration) -> int:
    return registration.activity.registrations.filter(
        status=Registration.Status.WAITING, queued_at__lte=registration.queued_at
    ).count()


def seats_left(activity: Activity) -> int:
    from .services import seats_taken

    return max(0, activity.capacity - seats_taken(activity)[0])


# 參.二(二)2: how far back the staff look for a supplier's attendance.
ATTENDANCE_PERIOD = datetime.timedelta(days=365)


def organisations_attending(*, since: datetime.datetime):
    """The ids of organisations with an attendee checked in at an activity since ``since``."""
    return Registration.objects.filter(
        activity__starts_at__gte=since, attendees__attended_at__isnull=False
    ).values("organisation_id")


def attended_by(organisation, *, since: datetime.datetime | None = None):
    """The activities at which at least one of ``organisation``'s attendees was checked in."""
    attended = Activity.objects.filter(
        registrations__organisation=organisation,
        registrations__attendees__attended_at__isnull=False,
    )
    if since:
        attended = attended.filter(starts_at__gte=since)
    return attended.distinct().order_by("-starts_at")
