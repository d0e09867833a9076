"""A buyer registers two attendees for a matchmaking meeting and adds it to its calendar; a
supplier finds the meeting full, waits, and gets the place when the buyer cancels."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from programme.models import Activity
from tests.browser.pages import english_page, log_in
from tests.factories import OrganisationFactory, SupplierFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_buyer_registers_and_a_waiting_supplier_gets_the_place(
    browser, live_server, assert_accessible, mailbox
):
    OrganisationFactory(tax_id="22099131", account__email="buyer@example.com")
    SupplierFactory(
        organisation__tax_id="04541302",
        organisation__account__email="supplier@example.com",
        organisation__account__preferred_language="en",
        name="好食農產",
    )
    now = timezone.now()
    Activity.objects.create(
        kind="matchmaking",
        title_zh="永續採購媒合會",
        title_en="Sustainable purchasing matchmaking",
        description_zh="一對一洽談。",
        description_en="One-to-one meetings.",
        starts_at=now + datetime.timedelta(days=7),
        ends_at=now + datetime.timedelta(days=7, hours=3),
        venue="Taipei City Hall",
        address="臺北市信義區市府路1號",
        capacity=2,
        attendees_per_organisation=2,
        registration_opens_at=now - datetime.timedelta(days=1),
        registration_closes_at=now + datetime.timedelta(days=6),
    )

    buyer = english_page(browser, live_server)
    buyer.goto("/")
    buyer.get_by_role("link", name="See the upcoming activities").click()
    assert_accessible(buyer)
    buyer.get_by_role("link", name="Sustainable purchasing matchmaking").click()
    expect(buyer.get_by_text("The address or online link is sent to registered")).to_be_visible()
    activity_url = buyer.url
    log_in(buyer, "22099131")
    buyer.goto(activity_url)
    buyer.get_by_label("Attendee 1: name").fill("陳小明")
    buyer.get_by_label("Attendee 2: name").fill("林美麗")
    buyer.get_by_label("Attendee 2: job title").fill("總務主任")
    assert_accessible(buyer)
    buyer.get_by_role("button", name="Register").click()
    expect(buyer.get_by_text("Your registration is confirmed.").first).to_be_visible()
    expect(buyer.get_by_text("臺北市信義區市府路1號")).to_be_visible()
    assert_accessible(buyer)
    with buyer.expect_download() as download:
        buyer.get_by_role("link", name="Add to my calendar (.ics)").click()
    event = Calendar.from_ical(Path(download.value.path()).read_bytes()).events[0]
    assert str(event["SUMMARY"]) == "Sustainable purchasing matchmaking"
    assert "市府路1號" in str(event["LOCATION"])

    supplier = english_page(browser, live_server)
    log_in(supplier, "04541302")
    supplier.goto("/activities/")
    supplier.get_by_role("link", name="Sustainable purchasing matchmaking").click()
    expect(supplier.get_by_text("The activity is full")).to_be_visible()
    supplier.get_by_label("Attendee 1: name").fill("張設計")
    supplier.get_by_role("button", name="Register").click()
    expect(supplier.get_by_text("number 1 on the waiting list")).to_be_visible()
    assert_accessible(supplier)

    buyer.get_by_role("button", name="Cancel my registration").click()
    expect(buyer.get_by_text("Your registration has been cancelled.")).to_be_visible()
    mailbox.wait_for(to="supplier@example.com", subject="A place is free for you")
    supplier.reload()
    expect(supplier.get_by_text("Your registration is confirmed.")).to_be_visible()
