"""The review clock: 5 working days after receipt (參.二(四)3).

A weekday-only stand-in; the review issue replaces it with Taiwan's calendar.
"""

import datetime

from django.utils import timezone

REVIEW_WORKING_DAYS = 5


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def review_due_on(received_at: datetime.datetime) -> datetime.date:
    return add_working_days(timezone.localdate(received_at), REVIEW_WORKING_DAYS)
