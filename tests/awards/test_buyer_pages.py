"""The buyer's pages: recording, correcting and withdrawing records, evidence, the summary."""

import datetime

import pytest
from django.urls import reverse

from awards.models import Edition, PurchaseRecord, SupplierAnswer
from awards.services.records import (
    purchase_record_answer,
    purchase_record_correct,
    purchase_record_reject,
)
from tests.builders import purchase_record, verified_purchase_record
from tests.factories import PASSWORD, OrganisationFactory, SupplierFactory
from tests.suppliers.files import pdf_bytes, pdf_file

from .moments import APPROVED, NOW, taipei

pytestmark = pytest.mark.django_db


def log_in(client, organisation):
    client.login(username=organisation.account.username, password=PASSWORD)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def own_record(buyer, supplier):
    return purchase_record(buyer, supplier, uploaded_at=taipei(2026, 3, 2, 9))


def protected_urls(own_record):
    return [
        reverse("awards:record_list"),
        reverse("awards:record_create"),
        reverse("awards:record_import"),
        reverse("awards:summary"),
        reverse("awards:apply", args=[Edition.objects.get().pk]),
        reverse("awards:record_edit", args=[own_record.pk]),
        reverse("awards:evidence_file", args=[own_record.evidence.get().public_id]),
    ]


def test_anonymous_visitors_are_sent_to_log_in(client, own_record, edition):
    for url in protected_urls(own_record):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_another_buyer_gets_404_for_the_record_and_its_evidence(client, own_record, edition):
    log_in(client, OrganisationFactory())
    for url in protected_urls(own_record)[-2:]:
        assert client.get(url).status_code == 404, url


def test_the_owner_sees_every_page(client, buyer, own_record, edition):
    log_in(client, buyer)
    for url in protected_urls(own_record):
        assert client.get(url).status_code == 200, url
    evidence = client.get(protected_urls(own_record)[-1])
    assert b"".join(evidence.streaming_content) == pdf_bytes()
    assert evidence["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_staff_without_the_reviewer_role_get_404_for_evidence(client, own_record):
    staff_member = OrganisationFactory().account
    staff_member.is_staff = True
    staff_member.save()
    client.login(username=staff_member.username, password=PASSWORD)
    url = reverse("awards:evidence_file", args=[own_record.evidence.get().public_id])
    assert client.get(url).status_code == 404


def test_reviewers_open_evidence(client, own_record, reviewer):
    client.force_login(reviewer)
    url = reverse("awards:evidence_file", args=[own_record.evidence.get().public_id])
    assert client.get(url).status_code == 200


def test_a_buyer_records_a_purchase_with_evidence(client, buyer, supplier):
    log_in(client, buyer)
    response = client.post(
        reverse("awards:record_create"),
        {
            "supplier": f"{supplier.name} ({supplier.organisation.tax_id})",
            "purchased_on": "2026-03-02",
            "amount": "NT$12,000",
            "description": "有機蔬菜禮盒",
            "impacts": ["local_procurement"],
            "evidence_kind": "invoice_or_receipt",
            "evidence_file": pdf_file("發票.pdf"),
        },
    )
    assert response.status_code == 302
    made = buyer.purchase_records.get()
    assert (made.supplier, made.amount, made.impacts) == (supplier, 12_000, ["local_procurement"])
    assert made.evidence.get().original_name == "發票.pdf"
    assert [e.kind for e in made.events.all()] == ["submitted"]


def test_a_supplier_typed_by_its_number_in_full_width_digits_is_found(client, buyer, supplier):
    log_in(client, buyer)
    full_width = supplier.organisation.tax_id.translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    )
    response = client.post(
        reverse("awards:record_create"),
        {
            "supplier": f"　{full_width} ",
            "purchased_on": "2026-03-02",
            "amount": "500",
            "description": "咖啡",
            "evidence_kind": "invoice_or_receipt",
            "evidence_file": pdf_file("發票.pdf"),
        },
    )
    assert response.status_code == 302
    assert buyer.purchase_records.get().supplier == supplier


def test_a_record_needs_evidence_when_typed_in(client, buyer, supplier):
    log_in(client, buyer)
    response = client.post(
        reverse("awards:record_create"),
        {
            "supplier": supplier.name,
            "purchased_on": "2026-03-02",
            "amount": "500",
            "description": "咖啡",
            "evidence_kind": "invoice_or_receipt",
        },
    )
    assert response.context["form"].errors == {"evidence_file": ["This field is required."]}
    assert not PurchaseRecord.objects.exists()


def correct(client, record, supplier, **changes):
    data = {
        "supplier": supplier.organisation.tax_id,
        "purchased_on": record.purchased_on.isoformat(),
        "amount": str(record.amount),
        "description": record.description,
        **changes,
    }
    return client.post(reverse("awards:record_edit", args=[record.pk]), data)


def test_a_new_amount_or_date_counts_as_uploaded_anew_and_asks_the_supplier_again(
    client, buyer, supplier, own_record
):
    purchase_record_answer(
        record=own_record,
        by=supplier.organisation.account,
        supplier=supplier,
        answer=SupplierAnswer.CONFIRMED,
    )
    log_in(client, buyer)
    response = correct(client, own_record, supplier, purchased_on="2026-03-03", amount="11000")
    assert response.status_code == 302
    own_record.refresh_from_db()
    assert own_record.amount == 11_000
    assert own_record.purchased_on == datetime.date(2026, 3, 3)
    # Otherwise an early placeholder record, corrected later, would win the first-uploaders
    # reading of the monthly exposure.
    assert own_record.uploaded_at == NOW
    assert own_record.supplier_answer == SupplierAnswer.NONE
    corrected = own_record.events.get(kind="corrected")
    assert corrected.changes["amount"] == ["10000", "11000"]


def test_a_new_supplier_counts_as_uploaded_anew(client, buyer, own_record):
    other = SupplierFactory(name="另一家供應方", approved_on=APPROVED)
    log_in(client, buyer)
    assert correct(client, own_record, other).status_code == 302
    own_record.refresh_from_db()
    assert (own_record.supplier, own_record.uploaded_at) == (other, NOW)


def test_a_correction_of_the_description_alone_keeps_the_upload_time(
    client, buyer, supplier, own_record
):
    log_in(client, buyer)
    response = correct(
        client, own_record, supplier, description="有機蔬菜禮盒 20 盒", impacts=["green_products"]
    )
    assert response.status_code == 302
    own_record.refresh_from_db()
    assert own_record.description == "有機蔬菜禮盒 20 盒"
    assert own_record.impacts == ["green_products"]
    assert own_record.uploaded_at == taipei(2026, 3, 2, 9)


def test_a_rejected_record_sent_again_counts_as_uploaded_anew(buyer, supplier, reviewer):
    rejected = purchase_record(buyer, supplier, uploaded_at=taipei(2026, 3, 2, 9))
    purchase_record_reject(record=rejected, by=reviewer, reason="發票看不清楚")
    again = purchase_record_correct(record=rejected, by=buyer.account, fields={})
    assert (again.status, again.uploaded_at) == ("submitted", NOW)


def test_a_verified_record_can_no_longer_be_changed(client, buyer, supplier, reviewer):
    verified = verified_purchase_record(buyer, supplier, by=reviewer)
    log_in(client, buyer)
    page = client.get(reverse("awards:record_edit", args=[verified.pk]))
    assert "form" not in page.context
    response = client.post(reverse("awards:record_withdraw", args=[verified.pk]), follow=True)
    assert "This step is not possible" in response.content.decode()
    verified.refresh_from_db()
    assert verified.status == "verified"


def test_a_buyer_withdraws_a_record_after_confirming(client, buyer, own_record):
    log_in(client, buyer)
    url = reverse("awards:record_withdraw", args=[own_record.pk])
    response = client.post(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tick the box to confirm: a withdrawn record cannot be restored." in html
    assert 'aria-describedby="withdraw-confirm-error"' in html
    own_record.refresh_from_db()
    assert own_record.status == "submitted"

    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    own_record.refresh_from_db()
    assert own_record.status == "withdrawn"


def test_the_withdraw_form_asks_for_confirmation(client, buyer, own_record):
    log_in(client, buyer)
    page = client.get(reverse("awards:record_edit", args=[own_record.pk])).content.decode()
    assert "I withdraw this record; it will no longer count" in page


def test_evidence_is_added_to_an_imported_record(client, buyer, supplier):
    imported = purchase_record(buyer, supplier, with_evidence=False)
    log_in(client, buyer)
    response = client.post(
        reverse("awards:evidence_add", args=[imported.pk]),
        {"kind": "contract", "file": pdf_file("合約.pdf")},
    )
    assert response.status_code == 302
    assert imported.evidence.get().kind == "contract"


def test_the_summary_shows_the_verified_total(client, buyer, supplier, reviewer, edition):
    verified_purchase_record(buyer, supplier, amount=10_000, by=reviewer)
    purchase_record(buyer, supplier, amount=7_000)
    log_in(client, buyer)
    html = client.get(reverse("awards:summary")).content.decode()
    assert "NT$ 10,000" in html
    assert "Awaiting verification by staff." in html


def test_consent_to_be_named(client, buyer, edition):
    log_in(client, buyer)
    client.post(reverse("awards:consent", args=[edition.pk]), {"consent": "on"})
    assert edition.consents.filter(buyer=buyer).exists()
    client.post(reverse("awards:consent", args=[edition.pk]), {})
    assert not edition.consents.exists()


def test_a_wrong_file_is_removed_until_the_record_is_verified(
    client, buyer, supplier, own_record, reviewer
):
    evidence = own_record.evidence.get()
    url = reverse("awards:evidence_remove", args=[evidence.public_id])
    log_in(client, OrganisationFactory())
    assert client.post(url).status_code == 404
    log_in(client, buyer)
    client.post(url)
    assert not own_record.evidence.exists()
    assert own_record.events.last().note == "invoice.pdf"

    verified = verified_purchase_record(buyer, supplier, by=reviewer)
    kept = verified.evidence.get()
    response = client.post(reverse("awards:evidence_remove", args=[kept.public_id]), follow=True)
    assert "Evidence can be removed only until the record is verified." in (
        response.content.decode()
    )
    assert verified.evidence.exists()


def test_the_summary_counts_statuses_of_the_chosen_edition_only(
    client, buyer, supplier, reviewer, edition
):
    verified_purchase_record(buyer, supplier, amount=10_000, by=reviewer)
    purchase_record(buyer, supplier, amount=7_000, purchased_on=datetime.date(2026, 4, 1))
    earlier = Edition.objects.create(
        name="2025 試辦",
        counting_starts_on=datetime.date(2025, 1, 1),
        counting_ends_on=datetime.date(2025, 12, 31),
        applications_close_at=taipei(2026, 1, 31, 17, 0),
    )
    log_in(client, buyer)
    summary = client.get(reverse("awards:summary"), {"edition": edition.pk}).context["summary"]
    assert summary.by_status["Verified"] == 1
    assert summary.by_status["Awaiting verification"] == 1
    summary = client.get(reverse("awards:summary"), {"edition": earlier.pk}).context["summary"]
    assert set(summary.by_status.values()) == {0}
