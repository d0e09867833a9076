"""Suppliers see the purchases recorded against them and confirm them or flag them as wrong."""

import pytest
from django.urls import reverse

from tests.builders import purchase_record
from tests.factories import PASSWORD, OrganisationFactory, SupplierFactory

from .moments import APPROVED

pytestmark = pytest.mark.django_db


@pytest.fixture
def against(buyer, supplier):
    return purchase_record(buyer, supplier, amount=12_000)


def log_in(client, organisation):
    client.login(username=organisation.account.username, password=PASSWORD)
    client.cookies["django_language"] = "en"


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("awards:supplier_records"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_buyer_that_is_not_a_supplier_gets_404(client, buyer):
    log_in(client, buyer)
    assert client.get(reverse("awards:supplier_records")).status_code == 404


def test_another_supplier_cannot_see_or_answer_the_record(client, against):
    other = SupplierFactory(name="別家供應方", approved_on=APPROVED)
    log_in(client, other.organisation)
    assert "示範採購" not in client.get(reverse("awards:supplier_records")).content.decode()
    response = client.post(
        reverse("awards:supplier_answer", args=[against.pk]), {"answer": "confirmed"}
    )
    assert response.status_code == 404
    against.refresh_from_db()
    assert against.supplier_answer == "none"


def test_the_supplier_confirms(client, supplier, against):
    log_in(client, supplier.organisation)
    page = client.get(reverse("awards:supplier_records")).content.decode()
    assert "示範採購股份有限公司" in page and "NT$ 12,000" in page
    client.post(reverse("awards:supplier_answer", args=[against.pk]), {"answer": "confirmed"})
    against.refresh_from_db()
    assert against.supplier_answer == "confirmed"
    assert against.events.last().kind == "confirmed"


def test_flagging_needs_a_note(client, supplier, against):
    log_in(client, supplier.organisation)
    response = client.post(
        reverse("awards:supplier_answer", args=[against.pk]), {"answer": "flagged", "note": " "}
    )
    html = response.content.decode()
    error_id = f"note-{against.pk}-error"
    assert f'<ul class="errorlist" id="{error_id}"><li>Say what is wrong with this record.' in html
    assert f'aria-describedby="{error_id}"' in html
    client.post(
        reverse("awards:supplier_answer", args=[against.pk]),
        {"answer": "flagged", "note": "金額應為 10,000 元"},
    )
    against.refresh_from_db()
    assert (against.supplier_answer, against.supplier_note) == ("flagged", "金額應為 10,000 元")


def test_each_flag_button_names_its_buyer(client, supplier, against):
    purchase_record(OrganisationFactory(name="另一採購方"), supplier)
    log_in(client, supplier.organisation)
    html = client.get(reverse("awards:supplier_records")).content.decode()
    assert "Flag the purchase by 示範採購股份有限公司 as wrong" in html
    assert "Flag the purchase by 另一採購方 as wrong" in html
