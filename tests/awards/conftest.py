import datetime
import zoneinfo

import pytest
import time_machine
from django.utils import translation

from awards.models import Edition, RecordStatus
from awards.services.editions import edition_ensure_categories
from awards.services.records import purchase_record_create, purchase_record_verify
from tests.factories import OrganisationFactory, SupplierFactory
from tests.review.steps import staff
from tests.suppliers.files import pdf_file
from tops.uploads import check_upload

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
APPROVED = datetime.date(2026, 1, 5)


def taipei(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=TAIPEI)


# Inside the edition below: its counting period runs, applications are open.
NOW = taipei(2026, 11, 26, 10, 0)


@pytest.fixture(autouse=True)
def frozen_clock():
    """The awards tests read dates against a fixed day, not the real clock; a test that
    needs another moment travels there itself."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def edition(db):
    edition = Edition.objects.create(
        name="2026 第一屆",
        counting_starts_on=datetime.date(2026, 1, 1),
        counting_ends_on=datetime.date(2026, 12, 31),
        applications_close_at=taipei(2027, 1, 31, 17, 0),
    )
    edition_ensure_categories(edition=edition)
    return edition


@pytest.fixture
def supplier(db):
    return SupplierFactory(name="好食農產", approved_on=APPROVED)


@pytest.fixture
def buyer(db):
    return OrganisationFactory(name="示範採購股份有限公司")


@pytest.fixture
def reviewer(db):
    return staff("Reviewer", "awards.reviewer", email="reviewer@example.gov.taipei")


def evidence():
    return [("invoice_or_receipt", check_upload(pdf_file("invoice.pdf")))]


def record(
    buyer,
    supplier,
    *,
    amount=10_000,
    purchased_on=datetime.date(2026, 3, 2),
    uploaded_at=None,
    verified_by=None,
    with_evidence=True,
    impacts=(),
):
    """A record from ``buyer``, optionally uploaded at a given time and verified."""
    made = purchase_record_create(
        buyer=buyer,
        by=buyer.account,
        supplier=supplier,
        purchased_on=purchased_on,
        amount=amount,
        description="有機蔬菜禮盒",
        impacts=impacts,
        evidence=evidence() if with_evidence else [],
    )
    if uploaded_at is not None:
        type(made).objects.filter(pk=made.pk).update(uploaded_at=uploaded_at)
        made.refresh_from_db()
    if verified_by is not None:
        made = purchase_record_verify(record=made, by=verified_by)
        assert made.status == RecordStatus.VERIFIED
    return made
