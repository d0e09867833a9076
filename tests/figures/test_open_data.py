import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog import services as catalog_services
from suppliers.models import Supplier
from tests.builders import listed_supplier
from tests.factories import new_tax_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(list_product, reviewer):
    """Two listed suppliers with products in three pavilions, one delisted product, and a
    disqualified supplier whose product the public no longer sees."""
    green = listed_supplier(
        "綠色工作室", tax_id=new_tax_id(901), website="https://green.example.tw"
    )
    tea = listed_supplier("=山茶行", tax_id=new_tax_id(902), size_group="sme")
    gone = listed_supplier("停權商行", tax_id=new_tax_id(903))
    list_product(green, "竹編提籃", pavilion="lifestyle")
    list_product(green, "竹製餐具", pavilion="lifestyle")
    list_product(green, "環保袋", pavilion="sustainability")
    list_product(tea, "高山茶", pavilion="biotech-health")
    delisted = list_product(tea, "茶包", pavilion="lifestyle")
    catalog_services.product_delist(
        product=delisted, by=reviewer, reasons=["false_advertising"], note="不實廣告"
    )
    list_product(gone, "舊商品", pavilion="lifestyle")
    Supplier.objects.filter(pk=gone.pk).update(status=Supplier.Status.DISQUALIFIED)
    return green, tea, gone


def _csv_rows(response) -> list[dict]:
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for spreadsheets"
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_the_suppliers_csv_lists_the_listed_suppliers_as_their_public_pages_show_them(
    client, catalogue
):
    rows = _csv_rows(client.get("/open-data/suppliers.csv"))

    assert [row["供應方名稱"] for row in rows] == ["'=山茶行", "綠色工作室"]
    for row in rows:
        page = client.get(row["供應方頁面"].removeprefix("http://testserver"))
        assert page.status_code == 200
        html = page.content.decode()
        assert re.search(r"<h1>\s*" + re.escape(row["供應方名稱"].lstrip("'")), html)
        assert row["規模組別"] in html
        assert (row["網站"] in html) if row["網站"] else True
        for pavilion in row["展館"].split("、"):
            assert pavilion in html, "a pavilion of one of the products the page lists"
    green = rows[1]
    assert green["規模組別代碼"] == "startup"
    assert green["規模組別"] == "新創企業組"
    assert green["展館"] == "生活良品、永續 ESG"
    assert green["網站"] == "https://green.example.tw"
    assert rows[0]["展館"] == "生技健康", "the delisted product's pavilion is not counted"


def test_the_json_says_when_it_was_updated_and_under_which_licence(client, catalogue):
    data = client.get("/open-data/suppliers.json").json()

    assert data["license"].startswith("政府資料開放授權條款")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["updated"])
    assert [row["name"] for row in data["data"]] == ["=山茶行", "綠色工作室"]
    assert data["data"][1]["pavilions"] == ["生活良品", "永續 ESG"]
    assert set(data["data"][0]) == {
        "name",
        "size_group",
        "size_group_name",
        "pavilions",
        "website",
        "url",
    }, "nothing the public pages do not show: no 統一編號, no address"


def test_the_pavilions_product_counts_are_the_public_products(client, catalogue):
    rows = _csv_rows(client.get("/open-data/pavilions.csv"))

    counts = {row["展館代碼"]: int(row["上架商品數"]) for row in rows}
    assert counts == {
        "lifestyle": 2,
        "biotech-health": 1,
        "service-tech": 0,
        "sustainability": 1,
        "creative-design": 0,
    }
    assert rows[0]["展館名稱"] == "生活良品"
    lifestyle = client.get(reverse("catalog:pavilion", args=["lifestyle"])).content.decode()
    assert "竹編提籃" in lifestyle and "竹製餐具" in lifestyle and "茶包" not in lifestyle


def test_the_data_dictionary_names_the_licence_and_every_column(client, catalogue):
    page = client.get(reverse("figures:open_data")).content.decode()

    assert "政府資料開放授權條款" in page
    for heading in ["供應方名稱", "規模組別", "展館", "網站", "供應方頁面", "上架商品數"]:
        assert heading in page
    assert 'href="/open-data/suppliers.csv"' in page


def test_an_unknown_data_set_is_not_found(client, db):
    assert client.get("/open-data/buyers.csv").status_code == 404
    assert client.get("/open-data/suppliers.xml").status_code == 404


def test_the_suppliers_file_takes_as_many_queries_with_more_suppliers(
    client, catalogue, list_product
):
    """Guards against N+1: one more supplier with a product adds no query."""
    with CaptureQueriesContext(connection) as before:
        client.get("/open-data/suppliers.json")
    list_product(listed_supplier("新開店", tax_id=new_tax_id(904)), "新品", pavilion="service-tech")
    with CaptureQueriesContext(connection) as after:
        client.get("/open-data/suppliers.json")
    assert len(after) == len(before)
