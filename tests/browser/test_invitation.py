"""A supplier makes an invitation to the award scheme and passes its personal link on; the
customer opens it, registers as a buyer, and the supplier sees the invitation credited."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.pages import english_page, log_in
from tests.factories import PASSWORD, SupplierFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_invitation_link_leads_a_new_buyer_to_register_and_is_credited(
    browser, live_server, assert_accessible
):
    SupplierFactory(organisation__tax_id="04541302", name="好食農產")
    supplier = english_page(browser, live_server)
    log_in(supplier, "04541302")
    supplier.goto("/supplier/dashboard/")
    supplier.get_by_role("link", name="Invite your customers to the award scheme").click()
    assert_accessible(supplier)
    supplier.get_by_label("Customer").fill("好物設計")
    supplier.get_by_role("button", name="Make the invitation").click()
    expect(supplier.get_by_text("Invitation made")).to_be_visible()
    link = supplier.get_by_role("textbox", name="Personal link for 好物設計").input_value()
    assert_accessible(supplier)

    customer = english_page(browser, live_server)
    customer.goto(urlsplit(link).path)  # the link names the public address; here, the test server
    expect(customer.get_by_role("heading", level=1)).to_contain_text("好食農產")
    customer.locator("main").get_by_role("link", name="Register as a buyer").click()
    customer.locator("#id_username").fill("22099131")
    customer.get_by_label("Organisation type").select_option(index=1)
    customer.get_by_label("Organisation's full name").fill("好物設計股份有限公司")
    customer.get_by_label("Representative's name").fill("陳志明")
    customer.get_by_label("Industry").select_option("M")
    customer.get_by_label("Contact person's name").fill("李怡君")
    customer.locator("#id_email").fill("yijun@example.com")
    customer.locator("#id_contact_phone").fill("02-2720-8889")
    customer.locator("#id_password1").fill(PASSWORD)
    customer.locator("#id_password2").fill(PASSWORD)
    customer.locator("main form[action='/accounts/signup/'] button[type=submit]").click()
    expect(customer.get_by_role("heading", level=1)).to_contain_text("code")

    supplier.reload()
    expect(supplier.get_by_role("cell", name="好物設計股份有限公司")).to_be_visible()
