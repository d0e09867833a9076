"""Every form that comes back with an error opens with one error summary (GOV.UK's pattern)
whose entries lead to the fields, including the pages allauth draws and the product form's
pictures."""

import re

import pytest
from django.urls import reverse

from catalog.models import Pavilion
from tests.builders import listed_supplier
from tests.catalog.forms import product_form_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_pages(client):
    client.cookies["django_language"] = "en"


def summary(response) -> list[str]:
    html = response.content.decode()
    assert html.count('class="error-summary"') == 1, html
    block = html[html.index('class="error-summary"') :]
    block = block[: block.index("</div>")]
    return [
        re.sub(r"\s+", " ", entry).strip() for entry in re.findall(r"<li>(.*?)</li>", block, re.S)
    ]


def test_the_password_reset_form(client):
    entries = summary(client.post(reverse("account_reset_password"), {"email": "not-an-address"}))
    assert len(entries) == 1
    assert (
        entries[0].startswith('<a href="#id_email">')
        and "Enter a valid email address." in entries[0]
    )


def test_the_password_change_form(client):
    client.force_login(UserFactory())
    response = client.post(reverse("account_change_password"), {"oldpassword": "wrong"})
    entries = summary(response)
    assert any('href="#id_oldpassword"' in entry for entry in entries)
    assert any('href="#id_password1"' in entry for entry in entries)


def test_the_contact_email_change_form(client):
    client.force_login(UserFactory())
    response = client.post(reverse("account_email"), {"action_add": "", "email": "nope"})
    assert any('href="#id_email"' in entry for entry in summary(response))


def test_the_product_forms_pictures_are_in_the_summary(client):
    supplier = listed_supplier()
    client.force_login(supplier.organisation.account)
    response = client.post(
        reverse("catalog:product_create"),
        product_form_data(pavilion=Pavilion.objects.first().pk, **{"pictures-0-order": "9"}),
    )
    entries = summary(response)
    assert any(
        'href="#id_pictures-0-order"' in entry and "Picture 1, Order:" in entry for entry in entries
    )
