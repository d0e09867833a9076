"""The review clock over Taiwan's real calendars (參.二(四)3: 5 working days after receipt)."""

import datetime
import zoneinfo

import pytest

from tops.working_days import counting_day, is_working_day, review_due_on, working_days_left

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")


def at(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=TAIPEI)


def day(text):
    return datetime.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("received", "due", "why"),
    [
        ("2026-11-26 10:00", "2026-12-03", "an ordinary Thursday"),
        ("2026-02-12 10:00", "2026-02-26", "Lunar New Year 2026: 14–22 February are off"),
        (
            "2026-02-13 23:59",
            "2026-03-03",
            "Friday 23:59 before Lunar New Year counts from 23 "
            "February, and 27 February (Peace Memorial Day observed) is off too",
        ),
        ("2027-02-03 09:00", "2027-02-17", "Lunar New Year 2027: 4–10 February are off"),
        ("2025-02-06 10:00", "2025-02-12", "Saturday 8 February 2025 is a make-up workday (補班)"),
        ("2026-04-02 17:45", "2026-04-14", "after office hours before the 3–6 April long weekend"),
        ("2026-11-28 11:00", "2026-12-07", "received on a Saturday: counts from Monday"),
    ],
)
def test_due_dates(received, due, why):
    assert review_due_on(at(received)) == day(due), why


def test_a_make_up_saturday_is_a_working_day_and_an_ordinary_one_is_not():
    assert is_working_day(day("2025-02-08"))
    assert not is_working_day(day("2025-02-15"))


def test_a_closed_typhoon_day_is_skipped():
    received = at("2026-07-06 10:00")
    assert review_due_on(received) == day("2026-07-13")
    assert review_due_on(received, closed_days={day("2026-07-08")}) == day("2026-07-14")


def test_a_receipt_on_a_closed_day_counts_from_the_next_working_day():
    assert counting_day(at("2026-07-08 09:00"), closed_days={day("2026-07-08")}) == day(
        "2026-07-09"
    )


def test_before_closing_time_the_day_itself_counts():
    assert counting_day(at("2026-11-26 17:29")) == day("2026-11-26")
    assert counting_day(at("2026-11-26 17:30")) == day("2026-11-27")


def test_a_receipt_stored_in_utc_is_read_in_taipei_time():
    # 2026-11-26 16:30 UTC is 2026-11-27 00:30 in Taipei: a Friday.
    utc = datetime.datetime(2026, 11, 26, 16, 30, tzinfo=datetime.UTC)
    assert counting_day(utc) == day("2026-11-27")


@pytest.mark.parametrize(
    ("today", "due", "left"),
    [
        ("2026-11-26", "2026-12-03", 5),
        ("2026-12-03", "2026-12-03", 0),
        ("2026-12-04", "2026-12-03", -1),
        ("2026-12-07", "2026-12-03", -2),
        ("2026-02-13", "2026-02-26", 4),
    ],
)
def test_working_days_left(today, due, left):
    assert working_days_left(day(today), day(due)) == left
