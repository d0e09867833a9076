"""Staff verify records in the admin, seeing the supplier's answer; a rejection is mailed."""

import datetime

import pytest
from django.urls import reverse

from awards.models import AwardCategory, Edition
from awards.services.records import (
    purchase_evidence_add,
    purchase_evidence_remove,
    purchase_record_answer,
    purchase_record_verify,
)
from tests.builders import purchase_record, staff, verified_purchase_record
from tests.suppliers.files import pdf_file
from tops.uploads import check_upload
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db


def test_a_reviewer_sees_the_supplier_answer_and_verifies(client, buyer, supplier, reviewer):
    made = purchase_record(buyer, supplier)
    purchase_record_answer(
        record=made,
        by=supplier.organisation.account,
        supplier=supplier,
        answer="flagged",
        note="我們沒有這筆訂單",
    )
    client.force_login(reviewer)
    client.cookies["django_language"] = "en"
    listing = client.get(reverse("admin:awards_purchaserecord_changelist")).content.decode()
    assert "Flagged as wrong by the supplier" in listing
    page = client.get(reverse("admin:awards_purchaserecord_change", args=[made.pk])).content
    assert "我們沒有這筆訂單" in page.decode()
    response = client.post(
        reverse("admin:awards_verify", args=[made.pk]), {"version": made.version}, follow=True
    )
    assert "Verified: the purchase counts." in response.content.decode()
    made.refresh_from_db()
    assert (made.status, made.decided_by) == ("verified", reviewer)


def test_a_record_without_evidence_cannot_be_verified(buyer, supplier, reviewer):
    made = purchase_record(buyer, supplier, with_evidence=False)
    with pytest.raises(StepRefused, match="no evidence"):
        purchase_record_verify(record=made, by=reviewer)


def test_a_rejection_needs_a_reason_and_is_mailed_to_the_buyer(
    client, buyer, supplier, reviewer, mailbox
):
    made = purchase_record(buyer, supplier)
    client.force_login(reviewer)
    client.cookies["django_language"] = "en"
    url = reverse("admin:awards_reject", args=[made.pk])
    response = client.post(url, {"reason": "", "version": made.version})
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    client.post(url, {"reason": "發票抬頭不是貴單位", "version": made.version})
    made.refresh_from_db()
    assert (made.status, made.rejection_reason) == ("rejected", "發票抬頭不是貴單位")
    [mail] = mailbox.wait_for(to=buyer.account.email, subject="未通過")
    assert "發票抬頭不是貴單位" in mail.body
    assert "好食農產" in mail.body


def test_only_reviewers_verify(client, buyer, supplier):
    made = purchase_record(buyer, supplier)
    outsider = staff("Organizer", "organizer")
    outsider.groups.clear()
    outsider.save()
    client.force_login(outsider)
    assert client.post(reverse("admin:awards_verify", args=[made.pk])).status_code == 403
    made.refresh_from_db()
    assert made.status == "submitted"


def test_an_organizer_creates_an_edition_with_the_two_fixed_categories(client):
    client.force_login(staff("Organizer", "organizer"))
    response = client.post(
        reverse("admin:awards_edition_add"),
        {
            "name": "2027 第二屆",
            "counting_starts_on": "2027-01-01",
            "counting_ends_on": "2027-12-31",
            "applications_close_at_0": "2028-01-31",
            "applications_close_at_1": "17:00:00",
            "exposure_reading": "largest_amounts",
            "categories-TOTAL_FORMS": "0",
            "categories-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    edition = Edition.objects.get()
    assert sorted(AwardCategory.objects.values_list("kind", flat=True)) == [
        "sustainability",
        "total_amount",
    ]
    assert edition.applications_close_at.hour == 9  # 17:00 in Taipei is 09:00 UTC


def test_an_edition_cannot_end_before_it_starts(client):
    client.force_login(staff("Organizer", "organizer"))
    response = client.post(
        reverse("admin:awards_edition_add"),
        {
            "name": "錯誤的屆",
            "counting_starts_on": "2027-12-31",
            "counting_ends_on": "2027-01-01",
            "applications_close_at_0": "2028-01-31",
            "applications_close_at_1": "17:00:00",
            "exposure_reading": "first_uploaders",
            "categories-TOTAL_FORMS": "0",
            "categories-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert not Edition.objects.exists()


def test_the_list_opens_on_the_records_awaiting_verification(client, buyer, supplier, reviewer):
    purchase_record(buyer, supplier, amount=1_111)
    verified_purchase_record(buyer, supplier, amount=2_222, by=reviewer)
    client.force_login(reviewer)
    url = reverse("admin:awards_purchaserecord_changelist")
    waiting = client.get(url).content.decode()
    assert "1,111" in waiting and "2,222" not in waiting
    everything = client.get(url, {"status": "all"}).content.decode()
    assert "1,111" in everything and "2,222" in everything


def test_staff_decide_only_on_the_record_as_they_saw_it(client, buyer, supplier, reviewer):
    made = purchase_record(buyer, supplier)
    client.force_login(reviewer)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("admin:awards_purchaserecord_change", args=[made.pk]))
    seen = made.version
    html = page.content.decode()
    assert f'name="version" value="{seen}"' in html
    assert f"?version={seen}" in html
    reject_page = client.get(reverse("admin:awards_reject", args=[made.pk]), {"version": seen})
    assert f'name="version" value="{seen}"' in reject_page.content.decode()

    # Meanwhile the buyer adds a file and removes the one staff saw.
    purchase_evidence_add(
        record=made,
        by=buyer.account,
        kind="contract",
        upload=check_upload(pdf_file("contract.pdf")),
    )
    purchase_evidence_remove(
        evidence=made.evidence.get(original_name="invoice.pdf"), by=buyer.account
    )
    assert made.version != seen

    refused = "The record changed after you opened it"
    response = client.post(
        reverse("admin:awards_verify", args=[made.pk]), {"version": seen}, follow=True
    )
    assert refused in response.content.decode()
    response = client.post(
        reverse("admin:awards_reject", args=[made.pk]),
        {"reason": "發票看不清楚", "version": seen},
        follow=True,
    )
    assert refused in response.content.decode()
    made.refresh_from_db()
    assert made.status == "submitted"

    response = client.post(
        reverse("admin:awards_verify", args=[made.pk]), {"version": made.version}, follow=True
    )
    assert "Verified: the purchase counts." in response.content.decode()


def test_a_record_answered_since_is_not_verified_unseen(buyer, supplier, reviewer):
    made = purchase_record(buyer, supplier)
    seen = made.version
    purchase_record_answer(
        record=made,
        by=supplier.organisation.account,
        supplier=supplier,
        answer="flagged",
        note="沒有這筆訂單",
    )
    with pytest.raises(StepRefused, match="changed after you opened it"):
        purchase_record_verify(record=made, by=reviewer, expected_version=seen)


def test_evidence_added_or_removed_touches_the_record(buyer, supplier, frozen_clock):
    made = purchase_record(buyer, supplier)
    before = made.updated_at
    frozen_clock.shift(datetime.timedelta(minutes=5))
    purchase_evidence_add(
        record=made, by=buyer.account, kind="contract", upload=check_upload(pdf_file("c.pdf"))
    )
    made.refresh_from_db()
    assert made.updated_at == before + datetime.timedelta(minutes=5)
    frozen_clock.shift(datetime.timedelta(minutes=5))
    purchase_evidence_remove(evidence=made.evidence.get(original_name="c.pdf"), by=buyer.account)
    made.refresh_from_db()
    assert made.updated_at == before + datetime.timedelta(minutes=10)
