"""A supplier sends a change of its public name; the public still sees the old one; a reviewer
accepts it with the old and new values side by side; the public sees the new name."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import english_page, log_in, log_in_staff
from tests.builders import reviewer
from tests.factories import SupplierFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_profile_change_from_sending_to_public(browser, live_server, assert_accessible):
    supplier = SupplierFactory(organisation__tax_id="22099131", name="好食農產")
    reviewer()

    page = english_page(browser, live_server)
    log_in(page, "22099131")
    page.goto("/supplier/dashboard/")
    page.get_by_role("link", name="Change your profile or registered data").click()
    assert_accessible(page)
    page.get_by_label("Name:", exact=True).fill("好食農產工坊")
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_text("Sent for review.")).to_be_visible()

    visitor = english_page(browser, live_server)
    visitor.goto(f"/suppliers/{supplier.pk}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("好食農產")

    admin = english_page(browser, live_server)
    log_in_staff(admin, "reviewer")
    admin.goto("/admin/suppliers/profilechange/")
    admin.get_by_role("link", name="好食農產").first.click()
    row = admin.locator("tr", has=admin.get_by_role("rowheader", name="Name (changed)"))
    expect(row.locator("td").nth(0)).to_have_text("好食農產")
    expect(row.locator("td").nth(1)).to_have_text("好食農產工坊")
    assert_accessible(admin)
    admin.get_by_role("button", name="Accept the change").click()
    expect(admin.get_by_text("Accepted: the portal shows the new profile")).to_be_visible()

    visitor.reload()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("好食農產工坊")
