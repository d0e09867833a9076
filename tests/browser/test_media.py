"""A product's picture shows on its public page with the embedded default's settings (public
media on the local disk, served by the portal itself, as under `make run`)."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.builders import listed_product, reviewer
from tests.factories import SupplierFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_listed_products_picture_shows_on_its_page(page):
    assert settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")
    product = listed_product(SupplierFactory(), "有機蜂蜜禮盒", by=reviewer())
    page.goto(f"/products/{product.pk}/")
    picture = page.get_by_role("img", name="有機蜂蜜禮盒的照片").first
    expect(picture).to_be_visible()
    # Loaded, not a broken image: the browser decoded it to its real size.
    assert picture.evaluate("image => image.complete && image.naturalWidth") > 0
    # The cover is shown large on a desktop, not as a thumbnail.
    assert picture.bounding_box()["width"] >= 600
