"""A known data set for the dashboard: the third quarter of 2026 and the one before it, with
figures counted by hand in the tests."""

import datetime
import zoneinfo

import pytest

from accounts.models import Organisation, OrganisationType
from awards.models import PurchaseRecord
from catalog import services as catalog_services
from catalog.models import ProductDelisting
from figures.periods import Period
from reports.models import Report
from suppliers.models import Application
from tests.builders import purchase_record, verified_purchase_record
from tests.factories import OrganisationFactory, SupplierFactory

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
Q3 = Period(datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))


def taipei(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=TAIPEI)


def _buyer(kind, created_at, name=None):
    organisation = OrganisationFactory(type=kind, **({"name": name} if name else {}))
    Organisation.objects.filter(pk=organisation.pk).update(created_at=created_at)
    return organisation


def _application(status, received_at, due_on=None, decided_at=None, name=None):
    organisation = OrganisationFactory(**({"name": name} if name else {}))
    return Application.objects.create(
        organisation=organisation,
        status=status,
        first_received_at=received_at,
        received_at=received_at,
        due_on=due_on,
        decided_at=decided_at,
    )


def _supplier(approved_on, size_group, district):
    organisation = OrganisationFactory()
    return SupplierFactory(
        organisation=organisation,
        application=Application.objects.create(
            organisation=organisation, status="approved", district=district
        ),
        approved_on=approved_on,
        size_group=size_group,
    )


@pytest.fixture
def known_data(reviewer, list_product):
    return build_known_data(reviewer, list_product)


def build_known_data(reviewer, list_product):
    """The data set; returns the supplier that sells the products and is bought from."""
    G = OrganisationType
    # Buyers: three in the quarter (one in its last half hour), one the day before it, one after.
    _buyer(G.GOVERNMENT_AGENCY, taipei(2026, 7, 15, 10, 0))
    _buyer(G.GOVERNMENT_AGENCY, taipei(2026, 9, 30, 23, 30))
    _buyer(G.REGISTERED_COMPANY, taipei(2026, 8, 1, 9, 0))
    _buyer(G.PUBLIC_ENTERPRISE, taipei(2026, 6, 30, 12, 0))
    _buyer(G.LEGAL_PERSON, taipei(2026, 10, 1, 0, 0))

    # Applications and the 5-working-day clock.
    S = Application.Status
    # Received Mon 6 July in office hours: counts from that day, due Mon 13 July;
    # approved Fri 10 July after 4 working days.
    _application(
        S.APPROVED, taipei(2026, 7, 6, 10), datetime.date(2026, 7, 13), taipei(2026, 7, 10, 15)
    )
    # Received Mon 3 August after 17:30: counts from Tue 4 August, due Tue 11 August;
    # approved Thu 13 August after 7 working days: late.
    _application(
        S.APPROVED,
        taipei(2026, 8, 3, 18),
        datetime.date(2026, 8, 11),
        taipei(2026, 8, 13, 11),
        name="遲到審查有限公司",
    )
    # Received Tue 1 September, rejected on its due day, Tue 8 September: 5 working days.
    _application(
        S.REJECTED, taipei(2026, 9, 1, 9), datetime.date(2026, 9, 8), taipei(2026, 9, 8, 16)
    )
    _application(S.WITHDRAWN, taipei(2026, 7, 15, 9), None, taipei(2026, 7, 20, 9))
    _application(S.SUBMITTED, taipei(2026, 9, 29, 9), datetime.date(2026, 10, 6))
    # The previous period: received Mon 22 June, approved Thu 25 June after 3 working days.
    _application(
        S.APPROVED, taipei(2026, 6, 22, 10), datetime.date(2026, 6, 29), taipei(2026, 6, 25, 10)
    )

    # Suppliers first listed: two startups and an SME in the quarter, one SME before it.
    _supplier(datetime.date(2026, 7, 2), "startup", "110")
    _supplier(datetime.date(2026, 9, 30), "startup", "114")
    _supplier(datetime.date(2026, 8, 8), "sme", "110")
    _supplier(datetime.date(2026, 5, 5), "sme", "100")

    # Products: the seller is listed since January (outside both periods).
    seller = _supplier(datetime.date(2026, 1, 5), "sme", "106")
    basket = list_product(seller, "竹編提籃", pavilion="lifestyle")
    tea = list_product(seller, "高山茶", pavilion="biotech-health")
    bag = list_product(seller, "環保袋", pavilion="sustainability")
    for product, listed_at in [
        (basket, taipei(2026, 7, 3, 10)),
        (tea, taipei(2026, 5, 3, 10)),
        (bag, taipei(2026, 12, 1, 10)),
    ]:
        type(product).objects.filter(pk=product.pk).update(listed_at=listed_at)
    delisting = catalog_services.product_delist(
        product=tea, by=reviewer, reasons=["false_advertising", "food_safety"], note="不實"
    )
    ProductDelisting.objects.filter(pk=delisting.pk).update(delisted_at=taipei(2026, 8, 10, 10))

    # Reports: in the quarter two new, one dismissed, one upheld; one the quarter before.
    for status, received_at in [
        ("new", taipei(2026, 7, 1, 0, 0)),
        ("new", taipei(2026, 9, 1, 9)),
        ("dismissed", taipei(2026, 8, 1, 9)),
        ("upheld", taipei(2026, 8, 2, 9)),
        ("dismissed", taipei(2026, 6, 30, 23, 59)),
    ]:
        Report.objects.create(
            supplier=seller,
            reason="other",
            description="說明",
            contact_email="someone@example.com",
            language="zh-hant",
            status=status,
            received_at=received_at,
            closed_at=None if status == "new" else received_at,
        )

    # Purchases from the seller, verified unless said otherwise.
    agency = _buyer(G.GOVERNMENT_AGENCY, taipei(2025, 1, 1, 9))
    company = _buyer(G.REGISTERED_COMPANY, taipei(2025, 1, 1, 9))
    first = verified_purchase_record(
        agency, seller, by=reviewer, amount=10_000, purchased_on=datetime.date(2026, 7, 10)
    )
    first.products.set([basket, tea])
    verified_purchase_record(
        company, seller, by=reviewer, amount=5_000, purchased_on=datetime.date(2026, 7, 20)
    )
    third = verified_purchase_record(
        agency, seller, by=reviewer, amount=20_000, purchased_on=datetime.date(2026, 9, 5)
    )
    third.products.set([basket])
    purchase_record(agency, seller, amount=99_999, purchased_on=datetime.date(2026, 8, 1))
    verified_purchase_record(
        company, seller, by=reviewer, amount=7_000, purchased_on=datetime.date(2026, 5, 5)
    )
    assert PurchaseRecord.objects.count() == 5
    return seller
