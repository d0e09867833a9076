"""The cached public pages across processes, over real HTTP: two gunicorn processes of the portal
on the test database share the suite's Redis; this process changes the catalogue through the
services, and the very next request to either web process shows the change."""

import pytest
import requests
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from catalog import services
from catalog.models import Product
from suppliers import lifecycle
from tests.builders import listed_supplier, pictures_made
from tests.processes import web_processes

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not settings.REDIS_URL,
        reason="two web processes share the database and Redis on PostgreSQL + Redis",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

APPLICATION_NAME = "tops-cache-test"


@pytest.fixture
def web():
    """Two web processes, one worker each, on the test database and the suite's Redis."""
    with web_processes(name=APPLICATION_NAME, redis_url=settings.REDIS_URL) as bases:
        yield bases


def urls(product):
    return [
        reverse("home"),
        reverse("catalog:pavilion", args=[product.pavilion.code]),
        reverse("catalog:product", args=[product.pk]),
        reverse("catalog:supplier", args=[product.supplier_id]),
        reverse("catalog:search") + "?q=" + "保健食品",
        "/sitemap-products.xml",
    ]


def get(base, path):
    return requests.get(base + path, headers={"Connection": "close"}, timeout=10)


def warm(web, product):
    for base in web:
        for path in urls(product):
            get(base, path)
        for path in urls(product):
            response = get(base, path)
            assert response.status_code == 200 and response.headers["X-Catalogue-Cache"] == "hit"
            assert f"/products/{product.pk}/" in response.text, path


@pytest.fixture
def catalogue(reviewer, list_product):
    cache.clear()
    supplier = listed_supplier()
    return supplier, list_product(supplier, "天然保健食品")


def test_a_delisting_and_a_disqualification_reach_every_process_on_the_next_request(
    web, catalogue, reviewer
):
    supplier, product = catalogue
    warm(web, product)

    services.product_delist(product=product, by=reviewer, reasons=["wrong_pavilion"], note="")

    for base in web:
        for path in urls(product):
            response = get(base, path)
            assert response.status_code == 404 or f"/products/{product.pk}/" not in response.text

    relisted = services.product_edit(
        product=Product.objects.get(pk=product.pk),
        by=supplier.organisation.account,
        content={
            "name": "天然保健食品二代",
            "summary": "好物",
            "description": "以在地原料製成。",
            "specifications": "",
            "price": 1500,
            "price_on_request": False,
        },
        pictures=[
            services.Picture(alt_text="照片", existing=product.published.images.get()),
        ],
    )
    pictures_made(relisted)
    services.version_list(version=relisted, by=reviewer)
    warm(web, product)
    for base in web:
        for path in urls(product)[:-1]:  # the sitemap lists addresses, not names
            # The search page marks the words searched for (<mark>保健食品</mark>二代).
            assert "二代" in get(base, path).text, path

    lifecycle.supplier_disqualify(
        supplier=supplier,
        by=reviewer,
        route="audit",
        ground="bankruptcy",
        reason="經法院宣告破產。",
        evidence="臺北地方法院裁定",
    )
    for base in web:
        for path in urls(product):
            response = get(base, path)
            assert response.status_code == 404 or f"/products/{product.pk}/" not in response.text
