"""Suppliers invite their customers to the award scheme (參.二(二)1): by mail or a personal
link; the buyer who registers or records a purchase through it is credited; staff see the
figures per supplier, log their follow-ups and are reminded when the next one is due."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from awards.models import Invitation, InvitationFollowUp
from awards.services import invitations
from tests.accounts.test_registration import signup_data
from tests.builders import purchase_record
from tests.factories import PASSWORD, OrganisationFactory
from tests.suppliers.files import pdf_file
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def supplier_client(client, supplier):
    client.force_login(supplier.organisation.account)
    client.cookies["django_language"] = "en"
    return client


def test_a_supplier_invites_by_mail_and_the_new_buyer_is_credited(
    supplier_client, supplier, mailbox
):
    response = supplier_client.post(
        reverse("awards:invitations"), {"customer": "好鄰居商行", "email": "buyer@example.com"}
    )
    assert response.status_code == 302
    [mail] = mailbox.wait_for(to="buyer@example.com")
    invitation = Invitation.objects.get()
    link = reverse("awards:invited", args=[invitation.token])
    assert link in mail.body and "好食農產" in mail.subject

    # The customer follows the link and registers.
    visitor = Client()
    assert "好食農產" in visitor.get(link).content.decode()
    visitor.post(reverse("account_signup"), signup_data(email="buyer@example.com"))

    invitation.refresh_from_db()
    assert invitation.buyer.tax_id == "22099131" and invitation.credited_at
    page = supplier_client.get(reverse("awards:invitations")).content.decode()
    assert "台北好物股份有限公司" in page


def test_a_logged_in_buyer_is_credited_by_recording_a_purchase_from_the_supplier(
    client, supplier, buyer
):
    invitation = invitations.invitation_send(
        supplier=supplier, by=supplier.organisation.account, customer="示範採購"
    )
    client.login(username=buyer.account.username, password=PASSWORD)
    client.get(reverse("awards:invited", args=[invitation.token]))
    response = client.post(
        reverse("awards:record_create"),
        {
            "supplier": f"{supplier.name} ({supplier.organisation.tax_id})",
            "purchased_on": "2026-03-02",
            "amount": "12,000",
            "description": "有機蔬菜禮盒",
            "evidence_kind": "invoice_or_receipt",
            "evidence_file": pdf_file("發票.pdf"),
        },
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.buyer == buyer


def test_the_first_buyer_stays_credited(supplier, buyer):
    invitation = invitations.invitation_send(
        supplier=supplier, by=supplier.organisation.account, customer="示範採購"
    )
    invitations.invitation_credit(token=invitation.token, buyer=buyer)
    invitations.invitation_credit(token=invitation.token, buyer=OrganisationFactory())
    invitation.refresh_from_db()
    assert invitation.buyer == buyer


def test_invitations_are_limited_per_day(supplier, monkeypatch):
    monkeypatch.setattr(invitations, "MAX_INVITATIONS_PER_DAY", 2)
    for number in range(2):
        invitations.invitation_send(
            supplier=supplier, by=supplier.organisation.account, customer=f"客戶{number}"
        )
    with pytest.raises(StepRefused, match="At most 2 invitations"):
        invitations.invitation_send(
            supplier=supplier, by=supplier.organisation.account, customer="再一位"
        )


def test_staff_see_the_figures_and_log_a_follow_up(client, reviewer, supplier, buyer):
    invitation = invitations.invitation_send(
        supplier=supplier, by=supplier.organisation.account, customer="示範採購"
    )
    invitations.invitation_credit(token=invitation.token, buyer=buyer)
    purchase_record(buyer, supplier)
    client.force_login(reviewer)
    client.cookies["django_language"] = "en"

    listing = client.get(reverse("admin:awards_invitationstanding_changelist")).content.decode()
    assert "好食農產" in listing
    assert '<td class="field-invitations_sent">1</td>' in listing
    assert '<td class="field-buyers_reached">1</td>' in listing
    assert '<td class="field-purchases_recorded">1</td>' in listing

    change = reverse("admin:awards_invitationstanding_change", args=[supplier.pk])
    prefix = "invitation_follow_ups"
    form = {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-followed_up_on": "2026-11-26",
        f"{prefix}-0-channel": "phone",
        f"{prefix}-0-note": "已提醒邀請更多客戶",
        f"{prefix}-0-next_follow_up_on": "2026-12-10",
        "award_invitations-TOTAL_FORMS": "0",
        "award_invitations-INITIAL_FORMS": "0",
    }
    response = client.post(change, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    follow_up = InvitationFollowUp.objects.get()
    assert follow_up.staff == reviewer and follow_up.next_follow_up_on == datetime.date(
        2026, 12, 10
    )


def test_staff_are_reminded_of_a_due_follow_up_once(reviewer, supplier, mailbox):
    InvitationFollowUp.objects.create(
        supplier=supplier,
        staff=reviewer,
        channel="phone",
        note="下次確認邀請成果",
        followed_up_on=datetime.date(2026, 11, 1),
        next_follow_up_on=datetime.date(2026, 11, 20),
    )
    assert invitations.follow_ups_remind(datetime.date(2026, 11, 26)) == 1
    assert invitations.follow_ups_remind(datetime.date(2026, 11, 27)) == 0
    [mail] = mailbox.wait_for(to=reviewer.email)
    assert "好食農產" in mail.subject and "下次確認邀請成果" in mail.body
