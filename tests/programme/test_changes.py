"""The organizer reschedules or cancels: everyone registered is told, with a calendar entry
that replaces the old one; the day-before reminder goes out once, even after downtime."""

import pytest
from icalendar import Calendar

from programme import services
from programme.models import Registration
from tops.workflow import StepRefused

from .conftest import taipei
from .test_registration import register

pytestmark = pytest.mark.django_db


def entry(message):
    (_, content, _) = message.attachments[0]
    return Calendar.from_ical(content).events[0]


def test_a_new_time_is_sent_to_everyone_registered_with_a_newer_calendar_entry(
    activity, buyer_org, supplier_org, other_buyer, sent
):
    register(activity, buyer_org, 2)
    register(activity, supplier_org, 2)
    _, first_mails = sent(lambda: register(activity, other_buyer, 1))
    first_entry = entry(first_mails[0]) if first_mails[0].attachments else None
    assert first_entry is None  # it waits: no calendar entry yet
    new_start, new_end = taipei(2026, 12, 9, 9, 30), taipei(2026, 12, 9, 12, 0)
    _, mails = sent(
        lambda: services.activity_update(
            activity=activity, by=None, fields={"starts_at": new_start, "ends_at": new_end}
        )
    )
    assert sorted(m.to[0] for m in mails) == [
        "buyer@example.com",
        "other@example.com",
        "supplier@example.com",
    ]
    assert all(m.subject.startswith("Changed:") for m in mails)
    event = entry(mails[0])
    assert event.start == new_start and event.end == new_end
    assert event["SEQUENCE"] == 1
    assert str(event["UID"]).startswith(str(activity.uid))


def test_a_change_that_is_not_news_sends_nothing(activity, buyer_org, sent):
    register(activity, buyer_org)
    _, mails = sent(
        lambda: services.activity_update(
            activity=activity, by=None, fields={"description_en": "Bring business cards."}
        )
    )
    assert mails == []
    activity.refresh_from_db()
    assert activity.sequence == 0


def test_a_cancellation_strikes_the_entry_from_every_registrants_calendar(
    activity, buyer_org, supplier_org, sent
):
    register(activity, buyer_org)
    gone = register(activity, supplier_org)
    services.registration_cancel(registration=gone, by=supplier_org.account)
    _, mails = sent(lambda: services.activity_cancel(activity=activity, by=None, reason="颱風"))
    # The organisation that had cancelled already is not written to again.
    assert [m.to for m in mails] == [["buyer@example.com"]]
    assert "颱風" in mails[0].body
    event = entry(mails[0])
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 1
    with pytest.raises(StepRefused):
        register(activity, supplier_org)
    with pytest.raises(StepRefused):
        services.activity_cancel(activity=activity, by=None)


def test_the_reminder_goes_out_once_the_day_before(activity, buyer_org, frozen_clock, sent):
    registration = register(activity, buyer_org)
    _, mails = sent(services.reminders_send)
    assert mails == []  # a week ahead
    frozen_clock.move_to(taipei(2026, 12, 7, 15, 0))
    count, mails = sent(services.reminders_send)
    assert count == 1 and mails[0].subject.startswith("Tomorrow:")
    assert entry(mails[0])["UID"]
    count, mails = sent(services.reminders_send)
    assert count == 0 and mails == []
    registration.refresh_from_db()
    assert registration.reminded_at == taipei(2026, 12, 7, 15, 0)


def test_a_reminder_missed_while_the_workers_were_down_is_made_up(
    activity, buyer_org, frozen_clock
):
    register(activity, buyer_org)
    # No run in the evening before nor at night: the first run is on the morning itself.
    frozen_clock.move_to(taipei(2026, 12, 8, 9, 5))
    assert services.reminders_send() == 1


def test_no_reminder_once_the_activity_has_started(activity, buyer_org, frozen_clock):
    register(activity, buyer_org)
    frozen_clock.move_to(taipei(2026, 12, 8, 14, 30))
    assert services.reminders_send() == 0


def test_a_rescheduled_activity_is_reminded_of_again(activity, buyer_org, frozen_clock):
    registration = register(activity, buyer_org)
    frozen_clock.move_to(taipei(2026, 12, 7, 15, 0))
    assert services.reminders_send() == 1
    services.activity_update(
        activity=activity,
        by=None,
        fields={"starts_at": taipei(2026, 12, 8, 18, 0), "ends_at": taipei(2026, 12, 8, 20, 0)},
    )
    registration.refresh_from_db()
    assert registration.reminded_at is None
    frozen_clock.move_to(taipei(2026, 12, 7, 19, 0))
    assert services.reminders_send() == 1


def test_no_reminder_for_waiting_or_cancelled(activity, buyer_org, supplier_org, frozen_clock):
    activity.capacity = 1
    activity.save()
    register(activity, buyer_org)
    waiting = register(activity, supplier_org)
    assert waiting.status == Registration.Status.WAITING
    frozen_clock.move_to(taipei(2026, 12, 7, 15, 0))
    assert services.reminders_send() == 1
