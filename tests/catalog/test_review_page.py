"""The product review page in the admin shows the reviewer what they decide on: the pictures
(or their state), the supplier and pavilion, readable labels, and what changed against the
listed version."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from catalog import services
from catalog.models import ProductImage
from tests.builders import pictures_made
from tests.suppliers.files import png_file
from tops.uploads import IMAGE_FORMATS, check_upload

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def reviewer_client(reviewer):
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(reviewer)
    return client


@pytest.fixture
def listed(supplier, list_product):
    return list_product(supplier, "高山茶", summary="清香", description="手採茶葉。")


def change(product, **content):
    """The supplier submits a change: the first picture kept, a second one new."""
    kept = product.published.images.get()
    return services.product_edit(
        product=product,
        by=product.supplier.organisation.account,
        content={
            "name": product.published.name,
            "summary": product.published.summary,
            "description": product.published.description,
            "specifications": "",
            "price": 1200,
            "price_on_request": False,
            **content,
        },
        pictures=[
            services.Picture(alt_text=kept.alt_text, existing=kept),
            services.Picture(
                alt_text="茶湯",
                upload=check_upload(png_file(size=(80, 60)), formats=IMAGE_FORMATS),
            ),
        ],
    )


def page(client, version) -> str:
    response = client.get(reverse("admin:catalog_productversion_change", args=[version.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_reviewer_sees_pictures_supplier_pavilion_and_the_change(reviewer_client, listed):
    version = change(listed, name="高山烏龍茶", price=80_000, specifications="150 g")
    html = page(reviewer_client, version)
    shown = text(html)

    # The pictures: the one carried over is ready (shown), the new one still processing.
    kept = version.images.get(position=0)
    assert f'src="{kept.medium.url}"' in html
    assert "Processing" in shown and "new in this version" in shown
    assert "The pictures are still being processed" in shown

    # The supplier, linked to its admin page, and the pavilion, linked to its public page.
    supplier_url = reverse("admin:suppliers_supplier_change", args=[listed.supplier.pk])
    assert f'<a href="{supplier_url}">{listed.supplier}</a>' in html
    assert f'href="{reverse("catalog:pavilion", args=[listed.pavilion.code])}"' in html
    assert "Supplier:" in shown and "Pavilion:" in shown

    # Readable labels, not field names.
    for label in ("One-line summary:", "Price (NT$):", "Reviewed by:", "Reasons for returning:"):
        assert label in shown
    assert "price_on_request" not in html and "return_reasons" not in shown

    # What changed, field by field: the listed value and the new one.
    diff = text(html[html.index("What changed") : html.index("Open the listed version")])
    assert "Name 高山茶 高山烏龍茶" in diff
    assert "Price (NT$) NT$ 1,200 NT$ 80,000" in diff
    assert "Specifications - 150 g" in diff
    assert "Pictures 1. 高山茶的照片 1. 高山茶的照片 2. 茶湯" in diff
    assert "One-line summary" not in diff  # unchanged


def test_ready_and_failed_pictures_show_as_they_are(reviewer_client, listed):
    version = pictures_made(change(listed))
    new = version.images.get(position=1)
    html = page(reviewer_client, version)
    assert new.is_ready and f'src="{new.medium.url}"' in html
    assert "still being processed" not in html

    ProductImage.objects.filter(pk=new.pk).update(state=ProductImage.State.FAILED)
    shown = text(page(reviewer_client, version))
    assert "Could not be processed" in shown


def test_a_new_product_has_nothing_to_compare(reviewer_client, listed):
    shown = text(page(reviewer_client, listed.published))
    assert "What changed" not in shown
    assert "Approved" in shown and "reviewer" in shown
