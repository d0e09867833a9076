"""Registering named attendees: seats, the waiting list and its promotions, buyers' priority
in its two forms, and the mail each organisation receives with its calendar entry."""

import pytest
from icalendar import Calendar

from programme import services
from programme.models import Registration
from tests.factories import OrganisationFactory, SupplierFactory
from tops.workflow import StepRefused

from .conftest import make_activity, taipei

pytestmark = pytest.mark.django_db


def register(activity, organisation, count=1):
    return services.registration_create(
        activity=activity,
        organisation=organisation,
        by=organisation.account,
        attendees=[(f"出席者{n}", "經理") for n in range(count)],
    )


def attached_calendar(message) -> Calendar:
    (filename, content, mimetype), *_ = message.attachments
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    return Calendar.from_ical(content)


def test_a_registration_that_fits_is_confirmed_with_its_calendar_entry(activity, buyer_org, sent):
    registration, mails = sent(lambda: register(activity, buyer_org, 2))
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.as_buyer and registration.seats == 2
    assert [m.to for m in mails] == [["buyer@example.com"]]
    event = attached_calendar(mails[0]).events[0]
    assert event.start == taipei(2026, 12, 8, 14, 0)
    # The registrant's entry carries the address the public pages do not show.
    assert "市府路1號" in str(event["LOCATION"])


def test_a_full_activity_puts_registrations_on_a_waiting_list_in_order(
    activity, buyer_org, other_buyer, supplier_org, sent
):
    register(activity, buyer_org, 2)
    register(activity, other_buyer, 2)
    waiting, mails = sent(lambda: register(activity, supplier_org, 1))
    assert waiting.status == Registration.Status.WAITING
    assert mails[0].subject.startswith("On the waiting list")
    assert "number 1 on the waiting list" in mails[0].body
    assert not mails[0].attachments
    assert services.seats_taken(activity) == (4, 4)


def test_a_cancellation_promotes_the_first_on_the_waiting_list_that_fits(
    activity, buyer_org, other_buyer, supplier_org, sent
):
    first = register(activity, buyer_org, 2)
    register(activity, other_buyer, 2)
    too_big = register(activity, OrganisationFactory(), 2)
    later = register(activity, supplier_org, 1)
    # Two seats are freed: the next in line (two attendees) fits; the one after waits.
    _, mails = sent(
        lambda: services.registration_cancel(registration=first, by=first.registered_by)
    )
    too_big.refresh_from_db()
    later.refresh_from_db()
    assert too_big.status == Registration.Status.CONFIRMED
    assert later.status == Registration.Status.WAITING
    assert [m.to for m in mails] == [[too_big.organisation.contact_email]]
    assert attached_calendar(mails[0]).events[0]["UID"]


def test_more_seats_go_to_the_waiting_list(activity, buyer_org, other_buyer, supplier_org, sent):
    register(activity, buyer_org, 2)
    register(activity, other_buyer, 2)
    waiting = register(activity, supplier_org, 1)
    _, mails = sent(
        lambda: services.activity_update(activity=activity, by=None, fields={"capacity": 5})
    )
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert [m.to for m in mails] == [["supplier@example.com"]]


def test_attendees_are_limited_per_organisation(activity, buyer_org):
    with pytest.raises(StepRefused) as refused:
        register(activity, buyer_org, 3)
    assert refused.value.field == "attendees"
    with pytest.raises(StepRefused):
        register(activity, buyer_org, 0)


def test_one_registration_per_organisation_until_it_cancels(activity, buyer_org):
    first = register(activity, buyer_org)
    with pytest.raises(StepRefused):
        register(activity, buyer_org)
    services.registration_cancel(registration=first, by=buyer_org.account)
    assert register(activity, buyer_org).status == Registration.Status.CONFIRMED


def test_who_may_register(db, buyer_org, supplier_org):
    for_suppliers = make_activity(kind="briefing", audience="suppliers")
    with pytest.raises(StepRefused):
        register(for_suppliers, buyer_org)
    assert register(for_suppliers, supplier_org).as_buyer is False


def test_registration_window(db, buyer_org, frozen_clock):
    later = make_activity(registration_opens_at=taipei(2026, 12, 3, 9, 0))
    with pytest.raises(StepRefused):
        register(later, buyer_org)
    frozen_clock.move_to(taipei(2026, 12, 7, 17, 0))
    with pytest.raises(StepRefused):
        register(later, buyer_org)


def test_buyers_may_register_earlier(db, buyer_org, supplier_org):
    """參.一(二)1, the first form: registration opens to buyers before everyone else."""
    early = make_activity(
        registration_opens_at=taipei(2026, 12, 3, 9, 0),
        buyer_priority="early",
        buyers_from=taipei(2026, 11, 28, 9, 0),
    )
    assert register(early, buyer_org).status == Registration.Status.CONFIRMED
    with pytest.raises(StepRefused) as refused:
        register(early, supplier_org)
    assert "opens" in str(refused.value.message)


def test_seats_held_for_buyers_until_a_date(db, buyer_org, other_buyer, supplier_org, frozen_clock):
    """參.一(二)1, the second form: a share of the seats is held for buyers until a date; a
    supplier who does not fit the other seats waits, and gets a held seat once the date has
    passed if buyers did not take it."""
    held = make_activity(
        capacity=4,
        buyer_priority="held",
        seats_held_for_buyers=2,
        seats_held_until=taipei(2026, 12, 4, 17, 0),
    )
    assert register(held, supplier_org, 2).status == Registration.Status.CONFIRMED
    other_supplier = SupplierFactory().organisation
    waiting = register(held, other_supplier, 1)
    assert waiting.status == Registration.Status.WAITING
    assert register(held, buyer_org, 1).status == Registration.Status.CONFIRMED
    frozen_clock.move_to(taipei(2026, 12, 4, 18, 0))
    assert services.held_seats_release() == 1
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_constraints_refuse_an_impossible_activity(db):
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    with pytest.raises(ValidationError) as error:
        make_activity(ends_at=taipei(2026, 12, 8, 13, 0))
    assert "ends_at" in error.value.message_dict
    activity = make_activity()
    for field, value in [("capacity", 0), ("ends_at", activity.starts_at), ("address", "")]:
        with pytest.raises(IntegrityError), transaction.atomic():
            type(activity).objects.filter(pk=activity.pk).update(**{field: value})
