"""A supplier chooses three pictures at once on the product form, each uploaded as it is
chosen; the form comes back with an error elsewhere, and the three pictures are still there."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from catalog.models import Product
from tests.browser.pages import english_page, log_in
from tests.factories import SupplierFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def jpeg(name, colour):
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), colour).save(buffer, format="JPEG")
    return {"name": name, "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def test_a_product_form_with_an_error_keeps_its_three_chosen_pictures(
    browser, live_server, assert_accessible, tasks_in_process
):
    SupplierFactory(organisation__tax_id="22099131", name="好食農產")
    page = english_page(browser, live_server)
    log_in(page, "22099131")
    page.goto("/supplier/products/new/")
    # Only the first empty picture row shows until it is used.
    expect(page.locator(".picture-row:visible")).to_have_count(1)

    page.get_by_label("Choose pictures").set_input_files(
        [
            jpeg("front.jpg", (200, 40, 40)),
            jpeg("side.jpg", (40, 200, 40)),
            jpeg("label.jpg", (40, 40, 200)),
        ]
    )
    for name in ["front.jpg", "side.jpg", "label.jpg"]:
        expect(page.get_by_text(f"Chosen: {name}")).to_be_visible()
    page.locator("#id_pictures-0-alt_text").fill("外盒正面")
    page.locator("#id_pictures-1-alt_text").fill("側面")
    page.locator("#id_pictures-2-alt_text").fill("成分標示")
    # The name is forgotten: the form comes back with the error.
    page.get_by_label("Pavilion:", exact=True).select_option(label="Biotech & Health")
    page.get_by_label("One-line summary").fill("臺灣小農原料")
    page.get_by_label("Description:", exact=True).fill("嚴選在地薑黃。")
    page.get_by_label("Price (NT$)").fill("1,200")
    page.get_by_role("button", name="Submit for review").click()

    expect(page.get_by_role("alert").first).to_contain_text("Name: This field is required.")
    for name in ["front.jpg", "side.jpg", "label.jpg"]:
        expect(page.get_by_text(f"Chosen: {name}")).to_be_visible()
    thumbnails = page.locator(".picture-row__thumb")
    expect(thumbnails).to_have_count(3)
    for index in range(3):  # loaded, not broken
        assert thumbnails.nth(index).evaluate("image => image.complete && image.naturalWidth") > 0
    expect(page.locator("#id_pictures-2-alt_text")).to_have_value("成分標示")
    assert_accessible(page)

    page.get_by_label("Name:", exact=True).fill("天然保健食品")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("appears on the portal once a reviewer lists it")).to_be_visible()
    version = Product.objects.get().latest_version
    assert [image.alt_text for image in version.images.all()] == ["外盒正面", "側面", "成分標示"]
