"""Whether a supplier was validly listed on a given day: approved by then, not disqualified."""

import datetime

import pytest

from suppliers.models import Disqualification, DisqualificationEnd, Supplier
from tests.factories import SupplierFactory, UserFactory

pytestmark = pytest.mark.django_db

APPROVED = datetime.date(2026, 3, 10)
DISQUALIFIED = datetime.date(2026, 6, 1)
REINSTATED = datetime.date(2026, 7, 15)


def disqualify(supplier, *, ended_on=None):
    return Disqualification.objects.create(
        supplier=supplier,
        route="audit",
        ground="violation",
        reason="Tax arrears found on the Taipei list.",
        effective_on=DISQUALIFIED,
        decided_by=UserFactory(is_staff=True),
        ended_on=ended_on,
        end=DisqualificationEnd.REINSTATED if ended_on else "",
    )


@pytest.mark.parametrize(
    ("day", "listed"),
    [
        (APPROVED - datetime.timedelta(days=1), False),
        (APPROVED, True),
        (DISQUALIFIED - datetime.timedelta(days=1), True),
        (DISQUALIFIED, False),
        (datetime.date(2026, 12, 31), False),
    ],
)
def test_a_supplier_is_listed_from_approval_until_disqualification(day, listed):
    supplier = SupplierFactory(approved_on=APPROVED)
    disqualify(supplier)
    assert supplier.was_listed_on(day) is listed


@pytest.mark.parametrize(
    ("day", "listed"),
    [
        (DISQUALIFIED, False),
        (REINSTATED - datetime.timedelta(days=1), False),
        (REINSTATED, True),
        (datetime.date(2026, 12, 31), True),
    ],
)
def test_a_reinstatement_ends_the_gap(day, listed):
    supplier = SupplierFactory(approved_on=APPROVED)
    disqualify(supplier, ended_on=REINSTATED)
    assert supplier.was_listed_on(day) is listed


def test_listed_on_selects_exactly_the_suppliers_listed_that_day():
    early = SupplierFactory(approved_on=APPROVED)
    late = SupplierFactory(approved_on=datetime.date(2026, 9, 1))
    gone = SupplierFactory(approved_on=APPROVED)
    disqualify(gone)
    day = datetime.date(2026, 8, 1)
    assert set(Supplier.objects.listed_on(day)) == {early}
    assert set(Supplier.objects.listed_on(datetime.date(2026, 9, 1))) == {early, late}
