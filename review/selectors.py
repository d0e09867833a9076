"""Figures about the review, for the admin."""

import datetime

from django.utils import timezone

from suppliers.models import Application
from tops.models import ClosedDay
from tops.working_days import working_days_left

Status = Application.Status


def _on_time_share(applications) -> dict:
    """A decision counts as on time when made by the due date in force; one made while the
    applicant was correcting (no due date) counts as on time too: the clock was stopped."""
    decided = list(applications)
    on_time = sum(
        1 for a in decided if a.due_on is None or timezone.localdate(a.decided_at) <= a.due_on
    )
    return {
        "decided": len(decided),
        "on_time": on_time,
        "percent": round(100 * on_time / len(decided)) if decided else None,
    }


def review_figures(today: datetime.date) -> dict:
    """Decisions within the 5 working days (this month and overall), and the queue by days left."""
    decided = list(
        Application.objects.filter(
            status__in=[Status.APPROVED, Status.REJECTED], decided_at__isnull=False
        ).only("decided_at", "due_on")
    )
    this_month = [
        a
        for a in decided
        if (local := timezone.localdate(a.decided_at)).year == today.year
        and local.month == today.month
    ]
    closed_days = ClosedDay.objects.as_set()
    buckets = {"overdue": 0, "today": 0, "1": 0, "2": 0, "3": 0, "4": 0, "five_plus": 0}
    for due_on in Application.objects.filter(status=Status.SUBMITTED).values_list(
        "due_on", flat=True
    ):
        left = working_days_left(today, due_on, closed_days)
        key = (
            "overdue"
            if left < 0
            else "today"
            if left == 0
            else str(left)
            if left < 5
            else "five_plus"
        )
        buckets[key] += 1
    return {
        "this_month": _on_time_share(this_month),
        "overall": _on_time_share(decided),
        "queue": buckets,
        "queue_total": sum(buckets.values()),
    }
