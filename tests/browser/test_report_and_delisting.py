"""A visitor reports a product; a reviewer upholds the report and delists the product; it is
gone from its pavilion and from search; the supplier fixes it and resubmits; the reviewer
relists it; it is back."""

import pytest
from playwright.sync_api import expect

from catalog import services
from catalog.models import Pavilion, Product
from reports.models import Report
from tests.browser.pages import english_page, log_in, log_in_staff
from tests.builders import pictures_made, staff
from tests.factories import PASSWORD, SupplierFactory
from tests.suppliers.files import pdf_bytes, png_file
from tops.uploads import IMAGE_FORMATS, check_upload

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def search_finds(page, query) -> int:
    page.goto("/pavilions/biotech-health/")
    page.get_by_label("Search products and services").first.fill(query)
    page.get_by_role("button", name="Search", exact=True).first.click()
    return page.get_by_role("link", name="薑黃保健飲").count()


def test_a_reported_product_is_delisted_fixed_and_relisted(browser, live_server, assert_accessible):
    supplier = SupplierFactory(organisation__tax_id="22099131", name="好食農產")
    reviewer = staff("Reviewer", "chen.reviewer")
    reviewer.set_password(PASSWORD)
    reviewer.save()
    product = services.product_create(
        supplier=supplier,
        by=supplier.organisation.account,
        pavilion=Pavilion.objects.get(code="biotech-health"),
        content={
            "name": "薑黃保健飲",
            "summary": "在地薑黃",
            "description": "嚴選在地薑黃，可治療關節炎。",
            "specifications": "",
            "price": 450,
            "price_on_request": False,
        },
        pictures=[
            services.Picture(
                alt_text="薑黃飲外盒", upload=check_upload(png_file(), formats=IMAGE_FORMATS)
            )
        ],
    )
    services.version_list(version=pictures_made(product.latest_version), by=reviewer)

    # A visitor, not logged in, reports the product with a PDF as evidence.
    visitor = english_page(browser, live_server)
    visitor.goto(f"/products/{product.pk}/")
    visitor.get_by_role("link", name="Report a problem with this product").click()
    assert_accessible(visitor)
    visitor.get_by_label("What is wrong?").select_option(
        label="The product page is false or does not match the product"
    )
    visitor.get_by_label("Describe it").fill("頁面宣稱可治療關節炎，屬誇大療效。")
    visitor.get_by_label("Evidence (optional)").set_input_files(
        files=[{"name": "screenshot.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    visitor.get_by_label("Your e-mail").fill("citizen@example.com")
    visitor.wait_for_timeout(3_100)  # a person takes a few seconds; the spam guard expects it
    visitor.get_by_role("button", name="Send the report").click()
    expect(visitor.get_by_role("heading", name="Report received")).to_be_visible()
    assert_accessible(visitor)
    report = Report.objects.get()
    assert report.evidence.count() == 1

    # A reviewer upholds it and delists the product from the report.
    admin = english_page(browser, live_server)
    log_in_staff(admin, "chen.reviewer")
    admin.goto("/admin/reports/report/")
    admin.get_by_role("link", name=f"Report no. {report.pk}").click()
    assert_accessible(admin)
    expect(admin.get_by_role("link", name="screenshot.pdf")).to_be_visible()
    admin.get_by_role("link", name="Uphold").click()
    admin.get_by_label("Outcome").fill("頁面宣稱療效，違反公平交易法。")
    admin.get_by_role("button", name="Uphold the report").click()
    expect(admin.get_by_text("Upheld; the reporter and the supplier are told.")).to_be_visible()
    admin.get_by_role("link", name="Delist the product").click()
    admin.get_by_label("False advertising (Fair Trade Act, Article 21, paragraph 1)").check()
    admin.get_by_role("button", name="Delist").click()
    expect(admin.get_by_text("Delisted: the product is off the public site")).to_be_visible()

    # Gone from its pavilion and from search.
    visitor.goto("/pavilions/biotech-health/")
    expect(visitor.get_by_role("link", name="薑黃保健飲")).to_have_count(0)
    assert search_finds(visitor, "薑黃") == 0
    assert visitor.goto(f"/products/{product.pk}/").status == 404
    assert f"/products/{product.pk}/" not in visitor.request.get("/sitemap-products.xml").text()

    # The supplier sees why, fixes the page and resubmits.
    owner = english_page(browser, live_server)
    log_in(owner, "22099131")
    owner.goto("/supplier/dashboard/")
    expect(owner.get_by_text("False advertising", exact=False)).to_be_visible()
    assert_accessible(owner)
    owner.get_by_role("link", name="Edit 薑黃保健飲").click()
    owner.get_by_label("Description:", exact=True).fill("嚴選在地薑黃，溫和順口的日常飲品。")
    owner.get_by_role("button", name="Submit for review").click()
    expect(owner.get_by_text("Resubmitted; a reviewer will relist it")).to_be_visible()
    assert Product.objects.public().count() == 0

    # The reviewer relists it: it is back.
    admin.goto("/admin/catalog/productversion/")
    admin.get_by_role("link", name="薑黃保健飲").click()
    admin.get_by_role("button", name="List it").click()
    expect(admin.get_by_text("Listed: the product is public.")).to_be_visible()
    visitor.goto("/pavilions/biotech-health/")
    expect(visitor.get_by_role("link", name="薑黃保健飲")).to_be_visible()
    assert search_finds(visitor, "薑黃") == 1
    assert f"/products/{product.pk}/" in visitor.request.get("/sitemap-products.xml").text()
