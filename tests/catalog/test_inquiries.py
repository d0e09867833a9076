"""A buyer asks a supplier about a product: the supplier is mailed, both keep it on the portal."""

import pytest
from django.urls import reverse

from catalog.models import Inquiry
from suppliers.models import Notice
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_pages(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def product(supplier, list_product):
    return list_product(supplier, "天然保健食品")


def test_a_buyer_sends_an_inquiry(client, product, supplier):
    buyer = OrganisationFactory(tax_id="04541302", name="臺北市立某某國中")
    client.force_login(buyer.account)
    url = reverse("catalog:product", args=[product.pk])
    response = client.post(url, {"subject": "團購報價", "message": "請問 200 盒的報價？"})
    assert response.status_code == 302

    inquiry = Inquiry.objects.get()
    assert (inquiry.buyer, inquiry.supplier, inquiry.product) == (buyer, supplier, product)
    notice = Notice.objects.filter(recipient=supplier.organisation.account.email).latest("sent_at")
    assert "請問 200 盒的報價？" in notice.body and "臺北市立某某國中" in notice.body
    assert buyer.contact_name in notice.body

    assert "團購報價" in client.get(reverse("catalog:inbox")).content.decode()  # sent
    client.force_login(supplier.organisation.account)
    assert "團購報價" in client.get(reverse("catalog:inbox")).content.decode()  # received


def test_an_empty_inquiry_is_refused_beside_the_field(client, product):
    client.force_login(OrganisationFactory(tax_id="04541302").account)
    response = client.post(
        reverse("catalog:product", args=[product.pk]), {"subject": "", "message": "內容"}
    )
    assert response.status_code == 200
    assert "subject" in response.context["inquiry_form"].errors
    assert "內容" in response.content.decode()
    assert not Inquiry.objects.exists()


def test_visitors_are_asked_to_log_in(client, product):
    url = reverse("catalog:product", args=[product.pk])
    assert "log in" in client.get(url).content.decode()
    response = client.post(url, {"subject": "x", "message": "y"})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not Inquiry.objects.exists()


def test_a_flood_of_inquiries_is_stopped_with_the_text_kept(client, product):
    buyer = OrganisationFactory(tax_id="04541302")
    client.force_login(buyer.account)
    url = reverse("catalog:product", args=[product.pk])
    answers = [
        client.post(url, {"subject": f"報價 {n}", "message": "請問報價？"}).status_code
        for n in range(11)
    ]
    assert answers == [302] * 10 + [429]
    refused = client.post(url, {"subject": "第十二封", "message": "還在嗎？"})
    assert "many inquiries" in refused.content.decode()
    assert "還在嗎？" in refused.content.decode()
    assert Inquiry.objects.count() == 10
