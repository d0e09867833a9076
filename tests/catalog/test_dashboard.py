"""The supplier's dashboard: profile, adding and editing products, and who gets in."""

import pytest
from django.urls import reverse

from catalog.models import Product
from suppliers import profile_changes
from tests.catalog.forms import product_form_data
from tests.factories import OrganisationFactory
from tests.suppliers.files import png_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_pages(client):
    client.cookies["django_language"] = "en"


@pytest.mark.parametrize("url", [reverse("suppliers:dashboard"), reverse("catalog:product_create")])
def test_only_an_active_supplier_gets_in(client, supplier, url):
    assert client.get(url).status_code == 302  # anonymous: to log in
    client.force_login(OrganisationFactory(tax_id="04541302").account)  # a buyer only
    assert client.get(url).status_code == 404
    client.force_login(supplier.organisation.account)
    assert client.get(url).status_code == 200


def test_pictures_in_the_chosen_order_with_the_first_as_cover(client, supplier):
    from catalog.models import Pavilion

    client.force_login(supplier.organisation.account)
    pavilion = Pavilion.objects.get(code="lifestyle")
    response = client.post(
        reverse("catalog:product_create"),
        product_form_data(
            pavilion=pavilion.pk,
            **{
                "pictures-0-file": png_file("a.png"),
                "pictures-0-alt_text": "背面",
                "pictures-0-order": "2",
                "pictures-1-file": png_file("b.png"),
                "pictures-1-alt_text": "正面",
                "pictures-1-order": "1",
            },
        ),
    )
    assert response.status_code == 302
    version = Product.objects.get().latest_version
    assert list(version.images.values_list("alt_text", flat=True)) == ["正面", "背面"]


def test_a_picture_without_alt_text_is_refused_beside_it(client, supplier):
    from catalog.models import Pavilion

    client.force_login(supplier.organisation.account)
    response = client.post(
        reverse("catalog:product_create"),
        product_form_data(
            pavilion=Pavilion.objects.get(code="lifestyle").pk,
            **{"pictures-0-file": png_file("a.png"), "pictures-0-alt_text": ""},
        ),
    )
    assert response.status_code == 200
    assert response.context["pictures"].forms[0].errors["alt_text"]
    assert 'value="天然保健食品"' in response.content.decode()
    assert not Product.objects.exists()


def test_a_profile_change_is_public_once_accepted_and_search_follows_the_new_name(
    client, supplier, list_product, reviewer
):
    list_product(supplier, "竹製餐具")
    client.force_login(supplier.organisation.account)
    response = client.post(
        reverse("suppliers:profile_edit"),
        {
            "name": "竹藝工坊",
            "introduction": "手作竹製品。",
            "website": "www.example.tw",
            "logo_upload": png_file("logo.png"),
            **{
                name: value if value is not None else ""
                for name, value in profile_changes.registered_data(supplier).items()
            },
        },
    )
    assert response.status_code == 302
    supplier.refresh_from_db()
    assert supplier.name == "綠色工作室" and not supplier.logo  # not before the review
    assert not client.get(reverse("catalog:search"), {"q": "竹藝工坊"}).context["page"].object_list

    profile_changes.profile_change_accept(change=supplier.profile_changes.get(), by=reviewer)
    supplier.refresh_from_db()
    assert supplier.name == "竹藝工坊" and supplier.website == "https://www.example.tw"
    assert supplier.logo
    page = client.get(reverse("catalog:search"), {"q": "竹藝工坊"}).context["page"]
    assert [product.published.name for product in page.object_list] == ["竹製餐具"]
