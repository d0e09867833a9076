"""A buyer asks a supplier about a product: the supplier is mailed, both keep it on the portal."""

import pytest
from django.urls import reverse

from catalog.models import Inquiry
from suppliers.models import Notice
from tests.factories import OrganisationFactory
from tops.models import OutgoingMail

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
    sent = OutgoingMail.objects.get(to=[supplier.organisation.account.email], private=True)
    assert "請問 200 盒的報價？" in sent.body and "臺北市立某某國中" in sent.body
    assert buyer.contact_name in sent.body
    assert not Notice.objects.filter(body__contains="請問 200 盒的報價？").exists()

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


def test_reviewers_see_that_an_inquiry_was_sent_but_not_its_text(
    client, product, supplier, reviewer
):
    buyer = OrganisationFactory(tax_id="04541302")
    client.force_login(buyer.account)
    client.post(
        reverse("catalog:product", args=[product.pk]),
        {"subject": "私下報價", "message": "我們的預算是五十萬元。"},
    )
    client.force_login(reviewer)
    outbox = client.get(reverse("admin:tops_outgoingmail_changelist")).content.decode()
    assert supplier.organisation.account.email in outbox  # that it was sent
    sent = OutgoingMail.objects.get(private=True)
    page = client.get(reverse("admin:tops_outgoingmail_change", args=[sent.pk])).content.decode()
    for private in ("私下報價", "五十萬元"):
        assert private not in outbox and private not in page
    notices = client.get(reverse("admin:suppliers_notice_changelist")).content.decode()
    assert "私下報價" not in notices


def test_reviewers_see_that_an_inquiry_was_sent_but_not_what_it_says(client, product, reviewer):
    buyer = OrganisationFactory(tax_id="04541302", name="臺北市立某某國中")
    client.force_login(buyer.account)
    client.post(
        reverse("catalog:product", args=[product.pk]),
        {"subject": "團購報價", "message": "請問 200 盒的報價？"},
    )
    inquiry = Inquiry.objects.get()

    client.force_login(reviewer)
    listing = client.get(reverse("admin:catalog_inquiry_changelist")).content.decode()
    assert "臺北市立某某國中" in listing
    assert "團購報價" not in listing and "請問 200 盒" not in listing
    page = client.get(reverse("admin:catalog_inquiry_change", args=[inquiry.pk])).content.decode()
    assert "臺北市立某某國中" in page
    assert "團購報價" not in page and "請問 200 盒" not in page
    # Nor can the text be found by searching for it.
    found = client.get(reverse("admin:catalog_inquiry_changelist"), {"q": "報價"})
    assert found.context["cl"].result_count == 0
