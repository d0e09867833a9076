"""A visitor reads an announcement from the home page and the published pages; a supplier
accepts the new rules at its next log-in."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from publications.models import Announcement, RulesVersion
from tests.browser.pages import english_page, log_in
from tests.factories import SupplierFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_visitor_reads_an_announcement_and_the_accessibility_statement(
    browser, live_server, assert_accessible
):
    Announcement.objects.create(
        title_zh="每館可上架數量",
        title_en="How many products each pavilion may list",
        body_zh="每館 10 件。",
        body_en="- Ten per pavilion.",
        published_at=timezone.now(),
    )
    page = english_page(browser, live_server)
    page.goto("/")
    page.get_by_role("link", name="How many products each pavilion may list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "How many products each pavilion may list"
    )
    expect(page.get_by_role("listitem").filter(has_text="Ten per pavilion.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="All announcements").click()
    assert_accessible(page)
    page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement").click()
    expect(page.get_by_role("heading", name="Report a barrier")).to_be_visible()
    assert_accessible(page)


def test_a_supplier_accepts_the_new_rules_at_its_next_log_in(
    browser, live_server, assert_accessible
):
    SupplierFactory(organisation__tax_id="04541302")
    RulesVersion.objects.create(version="2026-12", summary="A quota per pavilion.")
    page = english_page(browser, live_server)
    log_in(page, "04541302")
    expect(page.get_by_role("heading", level=1)).to_have_text("The rules have changed")
    expect(page.get_by_text("A quota per pavilion.")).to_be_visible()
    assert_accessible(page)
    page.goto("/supplier/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The rules have changed")
    page.get_by_role("button", name="I accept the rules").click()
    expect(page.get_by_text("you have accepted the rules")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/supplier/dashboard/")
