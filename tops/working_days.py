"""The review clock: due 5 working days after receipt (參.二(四)3).

Working days are Taiwan's: weekends and national holidays are off, the
make-up workdays (補班) that fall on a weekend are on, as the `holidays`
package's Taiwan calendar knows them. Days the city declares closed (a
typhoon day) come from the portal's own data and are passed in as
``closed_days``. Everything is in Asia/Taipei.
"""

import datetime
from collections.abc import Collection
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone

REVIEW_WORKING_DAYS = 5


@lru_cache(maxsize=16)
def _taiwan_calendar(year: int) -> holidays.HolidayBase:
    return holidays.TW(years=year)


def is_working_day(day: datetime.date, closed_days: Collection[datetime.date] = ()) -> bool:
    if day in closed_days:
        return False
    return _taiwan_calendar(day.year).is_working_day(day)


def next_working_day(day: datetime.date, closed_days: Collection[datetime.date] = ()):
    """The first working day strictly after ``day``."""
    day += datetime.timedelta(days=1)
    while not is_working_day(day, closed_days):
        day += datetime.timedelta(days=1)
    return day


def add_working_days(
    start: datetime.date, days: int, closed_days: Collection[datetime.date] = ()
) -> datetime.date:
    day = start
    for _ in range(days):
        day = next_working_day(day, closed_days)
    return day


def counting_day(
    received_at: datetime.datetime, closed_days: Collection[datetime.date] = ()
) -> datetime.date:
    """The working day a receipt counts from: the day itself if it is a working day and the
    office is still open, otherwise the next working day."""
    local = timezone.localtime(received_at)
    closes = datetime.time.fromisoformat(settings.REVIEW_OFFICE_CLOSES_AT)
    if is_working_day(local.date(), closed_days) and local.time() < closes:
        return local.date()
    return next_working_day(local.date(), closed_days)


def review_due_on(
    received_at: datetime.datetime, closed_days: Collection[datetime.date] = ()
) -> datetime.date:
    return add_working_days(
        counting_day(received_at, closed_days), REVIEW_WORKING_DAYS, closed_days
    )


def working_days_left(
    today: datetime.date, due_on: datetime.date, closed_days: Collection[datetime.date] = ()
) -> int:
    """Working days from ``today`` until ``due_on``: 0 on the due day, negative when overdue."""
    if due_on >= today:
        count, day = 0, today
        while day < due_on:
            day = next_working_day(day, closed_days)
            count += 1
        return count
    count, day = 0, due_on
    while day < today:
        day = next_working_day(day, closed_days)
        count -= 1
    return count
