"""An approved supplier adds a product with two pictures; a reviewer lists it; the public finds
it by a Chinese substring of its description; a third product over the quota is refused."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from catalog.models import Pavilion
from tests.browser.pages import english_page, log_in_staff
from tests.builders import staff
from tests.factories import PASSWORD, SupplierFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def jpeg(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1200), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def add_product(page, name, description, pictures):
    page.goto("/supplier/products/new/")
    page.get_by_label("Pavilion:", exact=True).select_option(label="Biotech & Health")
    page.get_by_label("Name:", exact=True).fill(name)
    page.get_by_label("One-line summary").fill("臺灣小農原料")
    page.get_by_label("Description:", exact=True).fill(description)
    page.get_by_label("Price (NT$)").fill("1200")
    for number, (file_name, alt) in enumerate(pictures):
        page.locator(f"#id_pictures-{number}-file").set_input_files(
            files=[
                {
                    "name": file_name,
                    "mimeType": "image/jpeg",
                    "buffer": jpeg((20 * number, 120, 80)),
                }
            ]
        )
        page.locator(f"#id_pictures-{number}-alt_text").fill(alt)
    page.get_by_role("button", name="Submit for review").click()


# The pictures are resized in the portal's process after each commit, as on the embedded
# default: the reviewer sees them at once (tests/catalog/test_pictures.py covers the worker).
def test_a_product_from_submission_to_search(
    browser, live_server, assert_accessible, tasks_in_process
):
    Pavilion.objects.filter(code="biotech-health").update(quota=2)
    supplier = SupplierFactory(
        organisation__tax_id="22099131",
        name="好食農產",
        organisation__account__email="farm@example.com",
    )
    reviewer = staff("Reviewer", "chen.reviewer")
    reviewer.set_password(PASSWORD)
    reviewer.save()

    page = english_page(browser, live_server)
    page.goto("/accounts/login/")
    page.get_by_label("Unified Business Number or e-mail").fill("22099131")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.get_by_role("link", name="Supplier dashboard").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Add a product or service").click()
    assert_accessible(page)
    add_product(
        page,
        "天然保健食品",
        "嚴選在地薑黃，製成溫和的保健飲品。",
        [("front.jpg", "薑黃飲品的外盒正面"), ("back.jpg", "外盒背面的成分標示")],
    )
    expect(page.get_by_text("appears on the portal once a reviewer lists it")).to_be_visible()
    assert_accessible(page)

    # Not public yet.
    page.goto("/pavilions/biotech-health/")
    expect(page.get_by_text("天然保健食品")).to_have_count(0)

    # A reviewer lists it.
    admin = english_page(browser, live_server)
    log_in_staff(admin, "chen.reviewer")
    admin.goto("/admin/catalog/productversion/")
    assert_accessible(admin)
    admin.get_by_role("link", name="天然保健食品").click()
    assert_accessible(admin)
    admin.get_by_role("button", name="List it").click()
    expect(admin.get_by_text("Listed: the product is public.")).to_be_visible()

    # Public now: on its pavilion page, and found by a piece of its description.
    page.goto("/pavilions/biotech-health/")
    expect(page.get_by_role("link", name="天然保健食品")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Search products and services").first.fill("薑黃")
    page.get_by_role("button", name="Search", exact=True).first.click()
    expect(page.get_by_role("status")).to_contain_text("1 result")
    assert_accessible(page)
    page.get_by_role("link", name="天然保健食品").click()
    expect(page.get_by_role("img", name="薑黃飲品的外盒正面")).to_be_visible()
    expect(page.get_by_role("img", name="外盒背面的成分標示")).to_be_visible()
    first = page.get_by_role("img", name="外盒背面的成分標示")
    assert first.get_attribute("loading") == "lazy" and first.get_attribute("srcset")
    assert_accessible(page)

    # The quota of 2: a second product is accepted, a third refused with the quota named.
    add_product(page, "保健茶包", "嚴選花草。", [("tea.jpg", "茶包")])
    add_product(page, "保健餅乾", "低糖配方。", [("cookie.jpg", "餅乾")])
    expect(page.get_by_text("allows 2 products per supplier")).to_be_visible()
    expect(page.get_by_label("Name:", exact=True)).to_have_value("保健餅乾")
    assert supplier.products.count() == 2
