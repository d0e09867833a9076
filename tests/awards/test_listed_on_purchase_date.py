"""A purchase counts only if the supplier was validly listed on the purchase date (貳.一1)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import PurchaseRecord
from awards.rules import find_supplier
from awards.services.records import purchase_record_create, purchase_record_verify
from suppliers.models import Disqualification
from tests.builders import invoice_evidence, purchase_record
from tests.factories import PASSWORD, SupplierFactory, UserFactory
from tests.suppliers.files import pdf_file
from tops.workflow import StepRefused

from .moments import APPROVED

pytestmark = pytest.mark.django_db

DISQUALIFIED = datetime.date(2026, 6, 1)


def disqualify(supplier, *, effective_on=DISQUALIFIED):
    return Disqualification.objects.create(
        supplier=supplier,
        route="audit",
        ground="violation",
        reason="查有重大欠稅",
        effective_on=effective_on,
        decided_by=UserFactory(is_staff=True),
    )


def create(buyer, supplier, day):
    return purchase_record_create(
        buyer=buyer,
        by=buyer.account,
        supplier=supplier,
        purchased_on=day,
        amount=5_000,
        description="禮盒",
        evidence=invoice_evidence(),
    )


def test_a_purchase_before_the_approval_is_refused_with_the_listing_date(buyer, supplier):
    with pytest.raises(StepRefused) as refused:
        create(buyer, supplier, APPROVED - datetime.timedelta(days=1))
    assert refused.value.field == "purchased_on"
    assert refused.value.message == (
        "好食農產 was not listed on the portal on 4 Jan 2026 (listed from 5 Jan 2026): "
        "only purchases from listed suppliers count."
    )
    assert not PurchaseRecord.objects.exists()


def test_a_purchase_on_the_approval_day_counts(buyer, supplier):
    assert create(buyer, supplier, APPROVED).status == "submitted"


def test_a_purchase_on_or_after_a_disqualification_is_refused(buyer, supplier):
    disqualify(supplier)
    assert create(buyer, supplier, DISQUALIFIED - datetime.timedelta(days=1))
    for day in (DISQUALIFIED, DISQUALIFIED + datetime.timedelta(days=30)):
        with pytest.raises(StepRefused) as refused:
            create(buyer, supplier, day)
        assert "was disqualified on" in refused.value.message
        assert "(from 1 Jun 2026)" in refused.value.message
    assert PurchaseRecord.objects.count() == 1


def test_a_purchase_date_in_the_future_is_refused(buyer, supplier):
    with pytest.raises(StepRefused, match="cannot be in the future"):
        create(buyer, supplier, timezone.localdate() + datetime.timedelta(days=1))


def test_a_purchase_from_ones_own_organisation_does_not_count(supplier):
    with pytest.raises(StepRefused) as refused:
        create(supplier.organisation, supplier, APPROVED)
    assert refused.value.field == "supplier"


def test_verification_checks_the_rule_again(buyer, supplier, reviewer):
    """A disqualification recorded late, back to a day before the purchase, still counts."""
    made = purchase_record(buyer, supplier, purchased_on=datetime.date(2026, 7, 1))
    disqualify(supplier)
    with pytest.raises(StepRefused, match="was disqualified on 1 Jul 2026"):
        purchase_record_verify(record=made, by=reviewer)


def test_the_form_says_so_next_to_the_date_in_the_buyers_language(client, buyer, supplier):
    client.login(username=buyer.account.username, password=PASSWORD)
    response = client.post(
        reverse("awards:record_create"),
        {
            "supplier": supplier.organisation.tax_id,
            "purchased_on": "2026-01-02",
            "amount": "12,000",
            "description": "有機蔬菜禮盒",
            "evidence_kind": "invoice_or_receipt",
            "evidence_file": pdf_file("invoice.pdf"),
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["purchased_on"] == [
        "好食農產 於 2026年1月2日 尚未登錄於平台（自 2026年1月5日 起登錄）："
        "僅計入向有效登錄供應方之採購。"
    ]
    html = response.content.decode()
    assert 'value="12,000"' in html
    assert "有機蔬菜禮盒" in html
    assert not PurchaseRecord.objects.exists()


def test_the_disqualification_covering_a_day(supplier):
    disqualification = disqualify(supplier)
    assert supplier.disqualification_on(DISQUALIFIED - datetime.timedelta(days=1)) is None
    assert supplier.disqualification_on(DISQUALIFIED) == disqualification
    disqualification.ended_on, disqualification.end = datetime.date(2026, 7, 1), "reinstated"
    disqualification.save()
    assert supplier.disqualification_on(datetime.date(2026, 6, 30)) == disqualification
    assert supplier.disqualification_on(datetime.date(2026, 7, 1)) is None


def test_a_supplier_is_found_by_name_with_a_place_in_brackets(db):
    branch = SupplierFactory(name="好食農產 (台北)", approved_on=APPROVED)
    assert find_supplier("好食農產 (台北)") == branch
    assert find_supplier(f"好食農產 (台北) ({branch.organisation.tax_id})") == branch
    assert find_supplier(branch.organisation.tax_id) == branch
