"""Search that finds what people type (貳.一): every word, in any order, 台 or 臺, Simplified
or Traditional; the best match first, the words marked, a hint when nothing matches."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from catalog import search
from catalog.models import Pavilion, Product, ProductVersion
from catalog.services import products_reindex_for_supplier
from suppliers import profile_changes
from tests.builders import approve
from tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_pages(client):
    client.cookies["django_language"] = "en"


def found(client, query, **filters):
    page = client.get(reverse("catalog:search"), {"q": query, **filters}).context["page"]
    return [product.published.name for product in page.object_list]


@pytest.mark.parametrize("query", ["有機 茶葉", "茶葉 有機", "有機\u3000茶葉", "  有機   茶葉 "])
def test_every_word_must_match_in_any_order(client, supplier, list_product, query):
    list_product(supplier, "有機茶葉禮盒")
    list_product(supplier, "有機米", description="花蓮的有機米。")
    list_product(supplier, "高山茶葉", description="阿里山的茶葉。")
    assert found(client, query) == ["有機茶葉禮盒"]


def test_words_may_be_in_different_fields(client, supplier, list_product):
    list_product(supplier, "高山烏龍", description="有機栽種的茶葉。")
    assert found(client, "烏龍 有機") == ["高山烏龍"]
    assert found(client, "烏龍 火星") == []


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("臺灣高山茶", "台灣"),
        ("台灣高山茶", "臺灣"),
        ("有機茶葉", "有机茶叶"),  # Simplified typed, Traditional stored
        ("有机茶叶", "有機茶葉"),  # and the other way round
    ],
)
def test_variant_and_simplified_characters_find_each_other(
    client, supplier, list_product, name, query
):
    list_product(supplier, name)
    assert found(client, query) == [name]


def test_the_exact_name_comes_first_then_a_name_that_starts_with_the_query(
    client, supplier, list_product
):
    list_product(supplier, "茶葉", description="散裝。")  # the oldest listing
    list_product(supplier, "冷泡茶葉組合")
    list_product(supplier, "茶葉禮盒")
    list_product(supplier, "手工餅乾", summary="配茶葉的點心")
    list_product(supplier, "烏龍", description="精選茶葉。")  # the newest listing
    assert found(client, "茶葉") == ["茶葉", "茶葉禮盒", "冷泡茶葉組合", "手工餅乾", "烏龍"]


def test_the_supplier_name_ranks_after_the_description(client, list_product):
    tea_house = SupplierFactory(name="茶葉之家")
    list_product(tea_house, "竹籃")
    other = SupplierFactory(name="綠色工作室")
    list_product(other, "木盒", description="可裝茶葉。")
    assert found(client, "茶葉") == ["木盒", "竹籃"]


def test_the_words_found_are_marked_and_the_rest_escaped(client, supplier, list_product):
    list_product(supplier, "<script>alert(1)</script>臺灣有機茶", summary="有機 & 美味")
    html = client.get(reverse("catalog:search"), {"q": "台灣 有機"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>臺灣有機</mark>茶" in html
    assert "<mark>有機</mark> &amp; 美味" in html


def test_marking_keeps_the_text_as_written():
    assert search.highlight("Eco TOTE 臺北", search.words("tote 台北")) == (
        "Eco <mark>TOTE</mark> <mark>臺北</mark>"
    )
    assert search.highlight("<b>", []) == "&lt;b&gt;"


def test_filters_by_pavilion_size_group_and_district(client, list_product):
    xinyi = SupplierFactory(name="信義工坊", district="110")
    neihu = SupplierFactory(name="內湖科技", district="114", size_group="sme")
    list_product(xinyi, "永續提袋", "sustainability")
    list_product(xinyi, "永續杯", "lifestyle")
    list_product(neihu, "永續感測器", "sustainability")
    assert found(client, "永續", district="110") == ["永續杯", "永續提袋"]
    assert found(client, "永續", district="110", pavilion="sustainability") == ["永續提袋"]
    assert found(client, "永續", group="sme") == ["永續感測器"]
    assert found(client, "永續", group="startup", district="114") == []
    html = client.get(reverse("catalog:search"), {"q": "永續", "district": "114"}).content.decode()
    assert '<option value="114" selected>Neihu District</option>' in html


def test_nothing_found_suggests_close_names_and_related_pavilions(client, supplier, list_product):
    list_product(supplier, "有機茶葉禮盒")
    list_product(supplier, "竹製餐具")
    response = client.get(reverse("catalog:search"), {"q": "有機茶菜"})
    assert response.context["page"].paginator.count == 0
    assert response.context["suggestions"] == ["有機茶葉禮盒"]
    html = response.content.decode()
    assert "Did you mean:" in html and "?q=%E6%9C%89" in html

    response = client.get(reverse("catalog:search"), {"q": "Lifestyle 火星"})
    assert [pavilion.code for pavilion in response.context["related_pavilions"]] == ["lifestyle"]
    assert 'href="/pavilions/lifestyle/"' in response.content.decode()


def test_a_search_page_runs_a_fixed_number_of_queries(
    client, supplier, list_product, django_assert_max_num_queries
):
    """Guards against N+1 queries on the results and against a costly no-hit hint."""
    Pavilion.objects.update(quota=50)
    for number in range(6):
        list_product(supplier, f"有機茶葉{number}")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("catalog:search"), {"q": "有機 茶葉"}).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("catalog:search"), {"q": "火星 茶菜"}).status_code == 200


def test_the_district_follows_an_accepted_profile_change(client, list_product, reviewer):
    supplier = SupplierFactory(name="信義工坊", district="110")
    list_product(supplier, "永續提袋")
    values = {**profile_changes.current_values(supplier), "district": "116"}
    change = profile_changes.profile_change_send(
        supplier=supplier, by=supplier.organisation.account, values=values
    )
    assert found(client, "永續", district="116") == []
    profile_changes.profile_change_accept(change=change, by=reviewer)
    assert found(client, "永續", district="116") == ["永續提袋"]


def test_a_rename_of_the_supplier_is_folded_too(supplier, list_product):
    product = list_product(supplier, "竹籃")
    supplier.name = "台北竹藝"
    products_reindex_for_supplier(supplier, renamed=True)
    assert list(search.search(Product.objects.public(), "臺北竹藝")) == [product]


def test_an_approved_supplier_is_found_in_its_registered_district(
    client, submitted, reviewer, list_product
):
    supplier = approve(submitted, reviewer)
    assert supplier.district == "110"  # the application's: 信義區
    list_product(supplier, "永續提袋")
    assert found(client, "永續", district="110") == ["永續提袋"]


def test_with_no_shared_piece_a_shared_character_is_suggested(client, supplier, list_product):
    list_product(supplier, "高山茶葉")
    list_product(supplier, "竹製餐具")
    response = client.get(reverse("catalog:search"), {"q": "火星茶"})
    assert response.context["suggestions"] == ["高山茶葉"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="only PostgreSQL reads a common word's ranks apart"
)
def test_a_common_words_pages_rank_as_if_every_match_were_ranked(
    client, supplier, list_product, monkeypatch
):
    """A common word's first pages are ranked among the newest matches of each rank only; they
    must be the pages ranking every match gives, with each rank's matches spread over time."""
    monkeypatch.setattr(search, "COMMON_WORD_MATCHES", 10)
    pavilion = list_product(supplier, "茶").pavilion  # the exact name, listed first (oldest)
    other = SupplierFactory(name="茶香有限公司", organisation__tax_id="24536806")
    texts = [
        ("茶葉禮盒", "送禮", "", supplier),  # the name starts with it
        ("高山好茶", "烏龍", "", supplier),  # the name holds it
        ("手工皂", "茶樹精油", "", supplier),  # the summary holds it
        ("竹製餐具", "耐用", "以茶油保養。", supplier),  # the description holds it
        ("陶瓷杯", "耐用", "", other),  # only the supplier's name holds it
    ]
    products = Product.objects.bulk_create(
        Product(supplier=owner, pavilion=pavilion)
        for _ in range(6)
        for _name, _summary, _description, owner in texts
    )
    versions = ProductVersion.objects.bulk_create(
        ProductVersion(
            product=product,
            name=f"{texts[number % 5][0]}{number}",
            summary=texts[number % 5][1],
            description=texts[number % 5][2] or "說明。",
            price=300,
            submitted_by=supplier.organisation.account,
            review="approved",
        )
        for number, product in enumerate(products)
    )
    now = timezone.now()
    for number, (product, version) in enumerate(zip(products, versions, strict=True)):
        product.published, product.status = version, "listed"
        product.listed_at = now - datetime.timedelta(minutes=number)
        search.product_index(product, version, product.supplier)
    Product.objects.bulk_update(
        products, ["published", "status", "listed_at", *search.INDEX_FIELDS]
    )

    everything = [product.pk for product in search.search(Product.objects.public(), "茶")]
    assert len(everything) == 31
    results = search.Results(Product.objects.public(), "茶")
    assert results._common_word()
    pages = [list(results[start : start + 7]) for start in (0, 7, 14)]
    assert pages == [everything[0:7], everything[7:14], everything[14:21]]
    shown = list(results[0:7])
    assert shown[0] == Product.objects.get(published__name="茶").pk
