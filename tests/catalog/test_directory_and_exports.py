"""The supplier directory, and downloads of search results and pavilion listings for buyers."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from catalog import exports
from catalog.models import Pavilion
from tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_pages(client):
    client.cookies["django_language"] = "en"


def directory(client, **filters):
    response = client.get(reverse("catalog:directory"), filters)
    assert response.status_code == 200
    return [supplier.name for supplier in response.context["page"].object_list]


@pytest.fixture
def suppliers(list_product):
    made = {
        "綠色工作室": SupplierFactory(name="綠色工作室", district="110"),
        "中華茶行": SupplierFactory(name="中華茶行", district="114", size_group="sme"),
        "Aurora Labs": SupplierFactory(name="Aurora Labs", district="110"),
    }
    list_product(made["綠色工作室"], "竹製餐具", "lifestyle")
    list_product(made["綠色工作室"], "回收提袋", "sustainability")
    list_product(made["中華茶行"], "烏龍茶", "lifestyle")
    list_product(made["Aurora Labs"], "Sensor", "service-tech")
    SupplierFactory(name="尚無商品")  # listed, but with nothing public yet
    return made


def test_the_directory_lists_suppliers_with_products_by_name(client, suppliers):
    # Unicode order: Latin first, then 中 (U+4E2D) before 綠 (U+7DA0).
    assert directory(client) == ["Aurora Labs", "中華茶行", "綠色工作室"]
    html = client.get(reverse("catalog:directory")).content.decode()
    assert "Xinyi District" in html and "SME group" in html
    assert (
        'href="/pavilions/lifestyle/">Lifestyle</a>、<a href="/pavilions/sustainability/"' in html
    )


def test_the_directory_filters_by_pavilion_group_and_district(client, suppliers):
    assert directory(client, pavilion="lifestyle") == ["中華茶行", "綠色工作室"]
    assert directory(client, group="sme") == ["中華茶行"]
    assert directory(client, district="110") == ["Aurora Labs", "綠色工作室"]
    assert directory(client, district="110", pavilion="lifestyle") == ["綠色工作室"]
    assert directory(client, district="999") == ["Aurora Labs", "中華茶行", "綠色工作室"]


def test_the_directory_is_paginated_in_a_fixed_number_of_queries(
    client, list_product, django_assert_max_num_queries
):
    """Guards against a query per supplier for its pavilions."""
    for number in range(32):
        supplier = SupplierFactory(name=f"供應商{number:02d}")
        list_product(supplier, f"商品{number}")
    with django_assert_max_num_queries(7):
        assert len(directory(client)) == 30
    assert directory(client, page=2) == ["供應商30", "供應商31"]


def test_the_directory_is_linked_from_every_page(client):
    assert reverse("catalog:directory") in client.get(reverse("home")).content.decode()


def test_search_results_download_as_csv_with_the_filters(client, suppliers):
    response = client.get(
        reverse("catalog:search_export", args=["csv"]), {"q": "茶", "district": "114"}
    )
    assert response["Content-Disposition"] == 'attachment; filename="tops-search.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][:5] == [
        "Product or service",
        "Name in English",
        "One-line summary",
        "Price",
        "Supplier",
    ]
    assert rows[1][0] == "烏龍茶" and rows[1][3] == "NT$ 1,200" and rows[1][4] == "中華茶行"
    assert rows[1][-1].startswith("http://testserver/products/")
    assert len(rows) == 2


def test_a_pavilion_downloads_as_xlsx(client, suppliers):
    response = client.get(reverse("catalog:pavilion_export", args=["lifestyle", "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["烏龍茶", "竹製餐具"]
    html = client.get(reverse("catalog:pavilion", args=["lifestyle"])).content.decode()
    assert 'href="/pavilions/lifestyle/export.xlsx"' in html


def test_a_download_is_capped_and_a_name_never_runs_as_a_formula(
    client, supplier, list_product, monkeypatch
):
    monkeypatch.setattr(exports, "MAX_ROWS", 2)
    Pavilion.objects.update(quota=10)
    list_product(supplier, "=HYPERLINK(1)")
    for number in range(3):
        list_product(supplier, f"提袋{number}")
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("catalog:pavilion_export", args=["lifestyle", "csv"]))
                .content.decode()
                .lstrip("\ufeff")
            )
        )
    )
    assert len(rows) == 3  # the header and two rows
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("catalog:search_export", args=["csv"]), {"q": "HYPERLINK"})
                .content.decode()
                .lstrip("\ufeff")
            )
        )
    )
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_an_unknown_format_is_not_found(client):
    assert client.get(reverse("catalog:search_export", args=["pdf"])).status_code == 404
