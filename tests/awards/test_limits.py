"""Caps that keep the award records a record of purchases, not free storage: files of evidence
per record, records per buyer per day."""

import pytest

from awards.services import records
from tests.builders import purchase_record
from tests.suppliers.files import pdf_file
from tops.uploads import check_upload
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db


def test_a_record_takes_at_most_ten_files_of_evidence(buyer, supplier):
    made = purchase_record(buyer, supplier)  # with its invoice: one file
    for number in range(records.MAX_EVIDENCE_PER_RECORD - 1):
        records.purchase_evidence_add(
            record=made,
            by=buyer.account,
            kind="invoice_or_receipt",
            upload=check_upload(pdf_file(f"收據-{number}.pdf")),
        )
    with pytest.raises(StepRefused, match="at most 10 files"):
        records.purchase_evidence_add(
            record=made,
            by=buyer.account,
            kind="invoice_or_receipt",
            upload=check_upload(pdf_file("one-too-many.pdf")),
        )
    assert made.evidence.count() == 10


def test_a_buyer_adds_a_bounded_number_of_records_a_day(buyer, supplier, monkeypatch):
    monkeypatch.setattr(records, "MAX_RECORDS_PER_DAY", 3)
    for _ in range(3):
        purchase_record(buyer, supplier, with_evidence=False)
    with pytest.raises(StepRefused, match="continue tomorrow"):
        purchase_record(buyer, supplier, with_evidence=False)
