"""The buyer's "my organisation" page: who may see it, editing, and changing the contact e-mail."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

DETAIL_URL = reverse("accounts:organisation")
EDIT_URL = reverse("accounts:organisation_edit")


@pytest.fixture
def organisation():
    return OrganisationFactory(
        tax_id="22099131", name="好物設计股份有限公司", account__email="buyer@example.com"
    )


@pytest.mark.parametrize("url", [DETAIL_URL, EDIT_URL])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("url", [DETAIL_URL, EDIT_URL])
def test_an_account_without_an_organisation_gets_404(client, url):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 404


def test_a_buyer_sees_only_its_own_organisation(client, organisation):
    other = OrganisationFactory(tax_id="04541302", name="另一家公司")
    client.force_login(organisation.account)
    html = client.get(DETAIL_URL).content.decode()
    assert organisation.name in html
    assert other.name not in html
    assert "02-2720-8889 #6627" in html


def test_editing_saves_the_data(client, organisation):
    client.force_login(organisation.account)
    response = client.post(
        EDIT_URL,
        {
            "type": "legal_person",
            "name": "好物文化基金會",
            "representative": "張三",
            "industry": "R",
            "contact_name": "王小美",
            "contact_phone": "0912 345 678",
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "好物文化基金會"
    assert organisation.type == "legal_person"
    assert organisation.contact_phone == "tel:+886-912-345-678"
    assert organisation.tax_id == "22099131"


def test_bad_input_is_refused_and_kept(client, organisation):
    client.force_login(organisation.account)
    response = client.post(
        EDIT_URL,
        {
            "type": "legal_person",
            "name": "好物文化基金會",
            "representative": "",
            "industry": "R",
            "contact_name": "王小美",
            "contact_phone": "12345",
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"representative", "contact_phone"}
    html = response.content.decode()
    assert 'value="好物文化基金會"' in html and 'value="12345"' in html
    organisation.refresh_from_db()
    assert organisation.name == "好物設计股份有限公司"


def test_a_new_contact_email_counts_only_once_verified(client, organisation, mailbox):
    client.force_login(organisation.account)
    response = client.post(reverse("account_email"), {"action_add": "", "email": "new@example.com"})
    assert response.status_code == 302

    organisation.refresh_from_db()
    assert organisation.contact_email == "buyer@example.com"
    [mail] = mailbox.wait_for(to="new@example.com")
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.body, re.MULTILINE).group(1)
    client.post(reverse("account_email_verification_sent"), {"code": code})

    organisation.account.refresh_from_db()
    assert organisation.contact_email == "new@example.com"
    assert EmailAddress.objects.get(email="new@example.com").verified
    assert not EmailAddress.objects.filter(email="buyer@example.com").exists()


def test_identity_data_stays_as_submitted_while_under_review(client, organisation):
    from suppliers.models import Application

    Application.objects.create(organisation=organisation, status="submitted")
    client.force_login(organisation.account)
    client.post(
        EDIT_URL,
        {
            "type": "legal_person",
            "name": "完全不同的名字",
            "representative": "張三",
            "industry": "R",
            "contact_name": "王小美",
            "contact_phone": "0912 345 678",
        },
    )
    organisation.refresh_from_db()
    assert organisation.name == "好物設计股份有限公司"  # reviewed data kept
    assert organisation.type == "registered_company"
    assert organisation.contact_name == "王小美"  # the contact window may still change
