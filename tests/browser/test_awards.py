"""A buyer records a purchase with its invoice from a listed supplier; the supplier confirms it;
a reviewer verifies it in the admin; the buyer sees it counted in its edition summary."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from awards.models import Edition
from awards.services.editions import edition_ensure_categories
from tests.browser.pages import english_page, log_in, log_in_staff
from tests.builders import staff
from tests.factories import PASSWORD, OrganisationFactory, SupplierFactory
from tests.suppliers.files import pdf_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_purchase_from_record_to_counted(browser, live_server, assert_accessible):
    # The live server runs on the real clock: the edition runs around today.
    today = timezone.localdate()
    purchased_on = today - datetime.timedelta(days=30)
    edition = Edition.objects.create(
        name=f"{today.year} 第一屆",
        counting_starts_on=today - datetime.timedelta(days=90),
        counting_ends_on=today + datetime.timedelta(days=90),
        applications_close_at=datetime.datetime.combine(
            today + datetime.timedelta(days=120),
            datetime.time(17),
            tzinfo=zoneinfo.ZoneInfo("Asia/Taipei"),
        ),
    )
    edition_ensure_categories(edition=edition)
    SupplierFactory(
        organisation__tax_id="96979933",
        name="好食農產有限公司",
        approved_on=today - datetime.timedelta(days=60),
    )
    OrganisationFactory(tax_id="22099131", name="示範採購股份有限公司")
    reviewer = staff("Reviewer", "chen.reviewer")
    reviewer.set_password(PASSWORD)
    reviewer.save()

    # The buyer records a purchase with its invoice.
    buyer = english_page(browser, live_server)
    log_in(buyer, "22099131")
    buyer.get_by_role("link", name="My purchase records").first.click()
    assert_accessible(buyer)
    buyer.get_by_role("link", name="Record a purchase").click()
    assert_accessible(buyer)
    buyer.get_by_label("Supplier:").fill("96979933")
    buyer.get_by_label("Purchase date:").fill(purchased_on.isoformat())
    buyer.get_by_label("Amount (NT$, tax included):").fill("12,000")
    buyer.get_by_label("What was bought:").fill("有機蔬菜禮盒 40 盒")
    buyer.get_by_label("Local procurement").check()
    buyer.get_by_label("Kind of evidence:").select_option(label="Invoice or receipt")
    buyer.get_by_label("Evidence file:").set_input_files(
        files=[{"name": "發票.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    buyer.get_by_role("button", name="Save the purchase record").click()
    expect(buyer.get_by_text("Your purchase record is saved")).to_be_visible()
    expect(buyer.get_by_role("cell", name="好食農產有限公司")).to_be_visible()
    expect(buyer.get_by_role("cell", name="Awaiting verification")).to_be_visible()
    assert_accessible(buyer)
    buyer.get_by_role("link", name=f"{purchased_on.day} {purchased_on:%b %Y}").click()
    expect(buyer.get_by_role("link", name="發票.pdf")).to_be_visible()
    assert_accessible(buyer)

    # The supplier confirms it.
    supplier = english_page(browser, live_server)
    log_in(supplier, "96979933")
    supplier.get_by_role("link", name="Supplier dashboard").first.click()
    supplier.get_by_role("link", name="Purchases recorded against you").click()
    assert_accessible(supplier)
    supplier.get_by_role("button", name="Confirm the purchase by 示範採購股份有限公司").click()
    expect(supplier.get_by_text("you confirmed this purchase")).to_be_visible()

    # A reviewer sees the supplier's answer and verifies it.
    admin = english_page(browser, live_server)
    log_in_staff(admin, "chen.reviewer")
    admin.goto("/admin/awards/purchaserecord/")
    expect(admin.get_by_role("cell", name="Confirmed by the supplier")).to_be_visible()
    assert_accessible(admin)
    admin.get_by_role("link", name="示範採購股份有限公司").click()
    expect(admin.get_by_role("link", name="發票.pdf")).to_be_visible()
    assert_accessible(admin)
    admin.get_by_role("button", name="Verify").click()
    expect(admin.get_by_text("Verified: the purchase counts.")).to_be_visible()

    # The buyer sees it counted.
    buyer.get_by_role("link", name="My purchase records").first.click()
    buyer.get_by_role("link", name="My edition summary").click()
    expect(buyer.locator("#verified-total")).to_have_text("NT$ 12,000")
    expect(buyer.get_by_text("Counted", exact=True)).to_be_visible()
    assert_accessible(buyer)

    # The same summary in Traditional Chinese, the default language.
    buyer.context.add_cookies(
        [{"name": "django_language", "value": "zh-hant", "url": live_server.url}]
    )
    buyer.reload()
    expect(buyer.get_by_role("heading", name="我的本屆實績")).to_be_visible()
    expect(buyer.get_by_text("已計入", exact=True)).to_be_visible()
    assert_accessible(buyer)
