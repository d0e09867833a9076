"""The public's side: pages, filters, search in Chinese and English, sitemap, and speed."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog import search
from catalog.models import Pavilion, Product, ProductVersion
from catalog.sitemaps import ProductSitemap
from tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_pages(client):
    client.cookies["django_language"] = "en"


def queries(client, url, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


class TestSpeed:
    """Each public page runs a fixed number of queries, however many products it shows:
    this guards against N+1 queries creeping in."""

    @pytest.fixture(autouse=True)
    def roomy_pavilions(self, db):
        Pavilion.objects.update(quota=50)

    @pytest.fixture
    def catalogue(self, supplier, list_product):
        def grow(count):
            for number in range(count):
                list_product(supplier, f"永續商品{Product.objects.count()}-{number}")

        return grow

    @pytest.mark.parametrize(
        "url",
        [
            reverse("home"),
            reverse("catalog:pavilion", args=["lifestyle"]),
            reverse("catalog:search"),
        ],
    )
    def test_list_pages(self, client, catalogue, url):
        catalogue(2)
        few = queries(client, url, q="永續")
        catalogue(6)
        assert queries(client, url, q="永續") == few

    def test_product_and_supplier_pages(self, client, supplier, list_product):
        first = list_product(supplier, "一號")
        product_queries = queries(client, reverse("catalog:product", args=[first.pk]))
        supplier_queries = queries(client, reverse("catalog:supplier", args=[supplier.pk]))
        for number in range(5):
            list_product(supplier, f"{number}號")
        assert queries(client, reverse("catalog:product", args=[first.pk])) == product_queries
        assert queries(client, reverse("catalog:supplier", args=[supplier.pk])) == supplier_queries


def test_only_listed_products_of_active_suppliers_are_public(client, supplier, list_product):
    product = list_product(supplier, "天然保健食品")
    assert client.get(reverse("catalog:product", args=[product.pk])).status_code == 200
    supplier.status = "disqualified"
    supplier.save()
    response = client.get(reverse("catalog:product", args=[product.pk]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_product_page(client, supplier, list_product):
    product = list_product(supplier, "天然保健食品", description="以在地原料製成，無添加。")
    html = client.get(reverse("catalog:product", args=[product.pk])).content.decode()
    assert 'alt="天然保健食品的照片"' in html
    assert 'srcset="' in html and 'width="' in html and 'height="' in html
    assert '<meta property="og:title" content="天然保健食品">' in html
    assert f'rel="canonical" href="http://testserver/products/{product.pk}/"' in html
    assert "綠色工作室" in html and "Startup group" in html
    assert "NT$ 1,200" in html


def test_the_home_page_counts_each_pavilion(client, supplier, list_product):
    list_product(supplier, "一", "lifestyle")
    list_product(supplier, "二", "lifestyle")
    list_product(supplier, "三", "sustainability")
    pavilions = {p.code: p.listed for p in client.get(reverse("home")).context["pavilions"]}
    assert pavilions == {
        "lifestyle": 2,
        "biotech-health": 0,
        "service-tech": 0,
        "sustainability": 1,
        "creative-design": 0,
    }


def test_the_pavilion_page_filters_and_sorts_without_javascript(client, supplier, list_product):
    sme = SupplierFactory(organisation__tax_id="04541302", name="老字號", size_group="sme")
    list_product(supplier, "乙新創商品")
    list_product(sme, "甲中小企業商品")
    url = reverse("catalog:pavilion", args=["lifestyle"])

    def names(**params):
        page = client.get(url, params).context["page"]
        return [product.published.name for product in page.object_list]

    assert names() == ["甲中小企業商品", "乙新創商品"]  # newest first
    assert names(group="startup") == ["乙新創商品"]
    assert names(group="sme") == ["甲中小企業商品"]
    assert names(sort="name") == sorted(["甲中小企業商品", "乙新創商品"])
    html = client.get(url, {"group": "sme"}).content.decode()
    assert '<option value="sme" selected>' in html  # the state is kept in the URL
    assert "up to 5 products" in html  # the quota is shown


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("保健", ["天然保健食品"]),
        ("永續", ["永續包裝設計"]),
        ("包裝", ["永續包裝設計", "天然保健食品"]),  # name match first, then description
        ("ＥＣＯ", ["Eco Tote"]),  # full-width and case folded
        ("tote bag", ["Eco Tote"]),
        ("綠色工作", ["Eco Tote", "永續包裝設計", "天然保健食品"]),  # the supplier, newest first
        ("火星", []),
    ],
)
def test_search_finds_chinese_without_spaces_and_english_words(
    client, supplier, list_product, query, found
):
    list_product(supplier, "天然保健食品", description="以可回收包裝盛裝。")
    list_product(supplier, "永續包裝設計", "sustainability", description="為企業設計包材。")
    list_product(supplier, "Eco Tote", description="A recycled tote bag.")
    page = client.get(reverse("catalog:search"), {"q": query}).context["page"]
    assert [product.published.name for product in page.object_list] == found


def test_search_combines_with_pavilion_and_size_group(client, supplier, list_product):
    list_product(supplier, "永續包裝設計", "sustainability")
    list_product(supplier, "永續生活用品", "lifestyle")
    page = client.get(
        reverse("catalog:search"), {"q": "永續", "pavilion": "sustainability", "group": "startup"}
    ).context["page"]
    assert [product.published.name for product in page.object_list] == ["永續包裝設計"]
    page = client.get(reverse("catalog:search"), {"q": "永續", "group": "sme"}).context["page"]
    assert list(page.object_list) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the bigram index is PostgreSQL's")
def test_a_two_character_query_is_served_by_the_bigram_index(supplier, list_product):
    """With a few thousand listed products the planner serves 保健 from the bigram index."""
    listed = list_product(supplier, "天然保健食品")
    products = Product.objects.bulk_create(
        Product(supplier=supplier, pavilion=listed.pavilion) for _ in range(3000)
    )
    versions = ProductVersion.objects.bulk_create(
        ProductVersion(
            product=product,
            name=f"手工皂{number}",
            summary="天然手工皂",
            description="冷製手工皂，溫和不刺激。",
            price=300,
            submitted_by=supplier.organisation.account,
            review="approved",
        )
        for number, product in enumerate(products)
    )
    for product, version in zip(products, versions, strict=True):
        product.published, product.status = version, "listed"
        product.search_text, product.search_bigrams = search.index_terms(
            version.name, version.summary, version.description
        )
    Product.objects.bulk_update(
        products, ["published", "status", "search_text", "search_bigrams"], batch_size=500
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_product")
    plan = search.search(Product.objects.public(), "保健").explain()
    assert "Bitmap Index Scan on catalog_product_search_bigrams" in plan, plan
    assert [p.published.name for p in search.search(Product.objects.public(), "保健")] == [
        "天然保健食品"
    ]


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_entries(client) -> list:
    """Every entry of every page the sitemap's index lists."""
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    entries = []
    for page in index.findall(f"{SITEMAP}sitemap"):
        path = urlsplit(page.findtext(f"{SITEMAP}loc"))
        response = client.get(path.path + (f"?{path.query}" if path.query else ""))
        assert response.status_code == 200
        entries += ElementTree.fromstring(response.content).findall(f"{SITEMAP}url")
    return entries


def test_the_sitemap_lists_only_public_pages(client, supplier, list_product):
    listed = list_product(supplier, "天然保健食品")
    Product.objects.create(supplier=supplier, pavilion=listed.pavilion)  # waiting for review
    urls = sitemap_entries(client)
    addresses = [urlsplit(url.findtext(f"{SITEMAP}loc")).path for url in urls]
    assert sorted(addresses) == sorted(
        ["/", *(f"/pavilions/{code}/" for code in Pavilion.objects.values_list("code", flat=True))]
        + [f"/products/{listed.pk}/", f"/suppliers/{supplier.pk}/"]
    )
    product = urls[addresses.index(f"/products/{listed.pk}/")]
    listed.refresh_from_db()
    # The day it last changed, in Taipei.
    assert product.findtext(f"{SITEMAP}lastmod") == str(timezone.localdate(listed.updated_at))


def test_the_sitemaps_index_says_when_the_products_last_changed_in_taipei_time(
    client, supplier, list_product
):
    older, newer = list_product(supplier, "天然保健食品"), list_product(supplier, "竹製餐具")
    older.refresh_from_db()
    newer.refresh_from_db()
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    modified = {
        urlsplit(page.findtext(f"{SITEMAP}loc")).path: page.findtext(f"{SITEMAP}lastmod")
        for page in index.findall(f"{SITEMAP}sitemap")
    }
    latest = max(older.updated_at, newer.updated_at)
    assert modified["/sitemap-products.xml"] == timezone.localtime(latest).isoformat()
    assert modified["/sitemap-products.xml"].endswith("+08:00")
    assert modified["/sitemap-pavilions.xml"] is None  # pavilions say nothing of their changes


def test_every_listed_product_is_on_a_page_of_the_sitemap(
    client, supplier, list_product, monkeypatch
):
    monkeypatch.setattr(ProductSitemap, "limit", 1)  # a page per product instead of 500
    products = [list_product(supplier, f"天然保健食品{n}") for n in range(2)]
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-products.xml</loc>" in index and "/sitemap-products.xml?p=2</loc>" in index
    addresses = [urlsplit(url.findtext(f"{SITEMAP}loc")).path for url in sitemap_entries(client)]
    assert {f"/products/{product.pk}/" for product in products} <= set(addresses)
    assert client.get("/sitemap-products.xml?p=3").status_code == 404
