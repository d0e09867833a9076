"""The buyer's "my organisation" page: who may see it, editing, and changing the contact e-mail."""

import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import translation

from review import services as review_services
from tests import builders
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


# What the page says about the supplier application, in each of its states


def supplier_section(client, organisation):
    client.force_login(organisation.account)
    html = client.get(DETAIL_URL).content.decode()
    start = html.index('<section class="supplier-status"')
    return html[start : html.index("</section>", start)]


def zh(msgid):
    with translation.override("zh-hant"):
        return translation.gettext(msgid)


def test_without_an_application_it_offers_to_become_a_supplier(client, organisation):
    section = supplier_section(client, organisation)
    assert "申請成為供應方" in section
    assert reverse("suppliers:application") in section


def test_a_draft_is_offered_to_be_continued(client, draft):
    section = supplier_section(client, draft.organisation)
    assert "申請成為供應方" not in section
    assert "繼續填寫申請" in section
    assert zh("Supplier application") in section


def test_a_submitted_application_is_under_review_since_its_receipt(client, draft):
    with time_machine.travel("2026-11-26 10:00 +0800", tick=False):
        builders.submitted_application(draft)
    section = supplier_section(client, draft.organisation)
    assert "申請成為供應方" not in section and "繼續填寫申請" not in section
    assert "2026年11月26日 10:00" in section  # received
    assert "2026年12月3日" in section  # due, 5 working days later
    assert reverse("suppliers:application") in section


def test_corrections_requested_link_to_what_to_correct(client, submitted, reviewer):
    review_services.application_request_corrections(
        application=submitted,
        by=reviewer,
        items=[{"item": "document:labour_insurance_list", "label": "勞保繳費清單", "note": "過期"}],
    )
    section = supplier_section(client, submitted.organisation)
    assert "申請成為供應方" not in section
    assert "待補正" in section
    assert zh("See what to correct") in section
    assert reverse("suppliers:application") in section


def test_an_approved_application_leads_to_the_supplier_dashboard(client, submitted, reviewer):
    builders.approve(submitted, reviewer)
    section = supplier_section(client, submitted.organisation)
    assert "申請成為供應方" not in section
    assert "供應方專區" in section
    assert reverse("suppliers:dashboard") in section


def test_a_rejected_application_offers_to_apply_again(client, submitted, reviewer):
    review_services.application_reject(application=submitted, by=reviewer, reasons="不符資格")
    section = supplier_section(client, submitted.organisation)
    assert "申請成為供應方" in section
