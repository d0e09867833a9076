"""A supplier applies for one-on-one coaching; a reviewer assigns a consultant and proposes a
session in the admin; the supplier sees the session on its case page, in English and Chinese."""

import pytest
from playwright.sync_api import expect

from coaching.models import CoachingCase
from tests.browser.pages import english_page, log_in, log_in_staff
from tests.builders import listed_supplier, staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_supplier_applies_and_sees_the_staffs_session(
    browser, live_server, assert_accessible, mailbox
):
    listed_supplier(email="green@example.com", language="en")
    staff("Reviewer", username="lin.reviewer", email="lin@example.gov.taipei")

    supplier = english_page(browser, live_server)
    log_in(supplier, "22099131")
    supplier.goto("/supplier/dashboard/")
    expect(supplier.get_by_role("heading", name="One-on-one coaching")).to_be_visible()
    supplier.get_by_role("link", name="Apply for coaching").click()
    assert_accessible(supplier)
    supplier.get_by_label("Other", exact=True).check()
    supplier.get_by_label("What do you need help with?").fill("想了解如何申請政府補助計畫。")
    supplier.get_by_label("Preferred times").fill("三月的週三上午")
    supplier.get_by_role("button", name="Send the application").click()
    expect(supplier.get_by_text("There is a problem")).to_be_visible()
    expect(supplier.get_by_label("What do you need help with?")).to_have_value(
        "想了解如何申請政府補助計畫。"
    )
    assert_accessible(supplier)
    supplier.get_by_label("Other topic").fill("政府補助計畫申請")
    supplier.get_by_role("button", name="Send the application").click()
    expect(supplier.get_by_text("Your application for coaching is sent.")).to_be_visible()
    expect(supplier.get_by_text("No sessions proposed yet.")).to_be_visible()
    assert_accessible(supplier)
    case_url = supplier.url
    case = CoachingCase.objects.get()

    admin = english_page(browser, live_server)
    log_in_staff(admin, "lin.reviewer")
    admin.goto(f"/admin/coaching/coachingcase/{case.pk}/change/")
    assert_accessible(admin)
    admin.get_by_role("link", name="Assign a coach").click()
    admin.get_by_label("or an external consultant").fill("王顧問（好設計顧問公司）")
    admin.get_by_role("button", name="Assign a coach").click()
    expect(admin.get_by_text("Coach assigned; the supplier is told.")).to_be_visible()
    admin.get_by_role("link", name="Propose a session").click()
    assert_accessible(admin)
    admin.get_by_label("Date and time").fill("2026-12-20T10:00")
    admin.get_by_label("Place").fill("台北市政府 B1 會議室")
    admin.get_by_role("button", name="Propose a session").click()
    expect(admin.get_by_text("Session proposed; the supplier is told.")).to_be_visible()
    mailbox.wait_for(to="green@example.com", subject="A coaching session is proposed")

    supplier.goto(case_url)
    expect(supplier.get_by_text("台北市政府 B1 會議室")).to_be_visible()
    expect(supplier.get_by_text("2026-12-20 10:00")).to_be_visible()
    expect(supplier.get_by_text("王顧問（好設計顧問公司）")).to_be_visible()
    assert_accessible(supplier)

    supplier.context.add_cookies(
        [{"name": "django_language", "value": "zh-hant", "url": live_server.url}]
    )
    supplier.goto(case_url)
    expect(supplier.locator("html")).to_have_attribute("lang", "zh-Hant-TW")
    expect(supplier.get_by_text("台北市政府 B1 會議室")).to_be_visible()
    assert_accessible(supplier)
    supplier.goto("/supplier/dashboard/")
    assert_accessible(supplier)
