"""Products and suppliers in English: entered by the supplier, reviewed like any other change,
shown on the English pages (the Chinese otherwise) and found by English searches."""

import pytest
from django.urls import reverse

from catalog import search, selectors, services
from catalog.models import Pavilion, Product
from suppliers import profile_changes
from tests.builders import pictures_made
from tests.catalog.forms import product_form_data
from tests.suppliers.files import png_file

pytestmark = pytest.mark.django_db


def _search(query):
    return list(search.search(Product.objects.public(), query))


def page(client, url, language, **params):
    client.cookies["django_language"] = language
    return client.get(url, params).content.decode()


def test_the_supplier_enters_the_english_name_in_the_product_form(client, supplier, reviewer):
    client.force_login(supplier.organisation.account)
    response = client.post(
        reverse("catalog:product_create"),
        product_form_data(
            pavilion=Pavilion.objects.get(code="lifestyle").pk,
            name_en="Organic Oolong Tea",
            summary_en="Hand-picked on Alishan.",
            **{"pictures-0-file": png_file("a.png"), "pictures-0-alt_text": "正面"},
        ),
    )
    assert response.status_code == 302
    version = Product.objects.get().latest_version
    assert (version.name_en, version.summary_en) == (
        "Organic Oolong Tea",
        "Hand-picked on Alishan.",
    )


def test_english_text_is_shown_on_english_pages_and_searched(client, supplier, list_product):
    product = list_product(
        supplier, "阿里山烏龍茶", name_en="Organic Oolong Tea", summary_en="Hand-picked leaves."
    )
    url = reverse("catalog:product", args=[product.pk])
    assert "<h1>Organic Oolong Tea</h1>" in page(client, url, "en")
    assert "<h1>阿里山烏龍茶</h1>" in page(client, url, "zh-hant")

    html = page(client, reverse("catalog:search"), "en", q="oolong TEA")
    assert "Organic <mark>Oolong</mark> <mark>Tea</mark>" in html
    assert "Hand-picked leaves." in html
    # An English name ranks as a name: typed whole, it comes first.
    list_product(supplier, "茶具", description="泡 organic oolong tea 用。")
    results = page(client, reverse("catalog:search"), "en", q="organic oolong tea")
    assert results.index("Oolong</mark>") < results.index("茶具")


def test_without_english_text_the_chinese_is_shown(client, supplier, list_product):
    product = list_product(supplier, "竹製餐具")
    assert "<h1>竹製餐具</h1>" in page(client, reverse("catalog:product", args=[product.pk]), "en")


def test_an_english_change_is_reviewed_like_any_other(supplier, list_product, reviewer):
    product = list_product(supplier, "竹製餐具")
    listed = product.published
    version = services.product_edit(
        product=product,
        by=supplier.organisation.account,
        content={
            **{field: getattr(listed, field) for field in services.CONTENT_FIELDS},
            "name_en": "Bamboo Tableware",
        },
        pictures=[services.Picture(alt_text="竹製餐具的照片", existing=listed.images.get())],
    )
    differences = selectors.version_compare(version, listed).differences
    assert [(d.before, d.after) for d in differences] == [("", "Bamboo Tableware")]
    product.refresh_from_db()
    assert product.published == listed  # the public still sees the listed version
    services.version_list(version=pictures_made(version), by=reviewer)
    assert _search("bamboo tableware") == [product]


def test_a_supplier_english_name_is_accepted_shown_and_searched(
    client, supplier, list_product, reviewer
):
    list_product(supplier, "竹製餐具")
    values = {
        **profile_changes.current_values(supplier),
        "name_en": "Green Studio",
        "summary_en": "Tableware from Taiwan bamboo.",
    }
    change = profile_changes.profile_change_send(
        supplier=supplier, by=supplier.organisation.account, values=values
    )
    assert not _search("green studio")  # not before the review
    profile_changes.profile_change_accept(change=change, by=reviewer)
    assert [p.published.name for p in _search("green studio")] == ["竹製餐具"]
    html = page(client, reverse("catalog:supplier", args=[supplier.pk]), "en")
    assert "<h1>Green Studio</h1>" in html and "Tableware from Taiwan bamboo." in html
    assert "<h1>綠色工作室</h1>" in page(
        client, reverse("catalog:supplier", args=[supplier.pk]), "zh-hant"
    )
