import datetime

import pytest
import time_machine

from awards.models import Edition
from awards.services.editions import edition_ensure_categories
from tests.factories import PASSWORD, OrganisationFactory, SupplierFactory

from .moments import APPROVED, NOW, taipei


@pytest.fixture(autouse=True)
def frozen_clock():
    """The awards tests read dates against a fixed day, not the real clock; a test that
    needs another moment travels there itself."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


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
    """The awards' supplier, 好食農產, listed since APPROVED: purchases before then do not count."""
    return SupplierFactory(name="好食農產", approved_on=APPROVED)


@pytest.fixture
def buyer(db):
    """A buyer recording purchases, not the applicant of tests/conftest.py: named, as the
    supplier's and the public pages show it."""
    return OrganisationFactory(name="示範採購股份有限公司")


@pytest.fixture
def logged_in(client, buyer):
    """The buyer, logged in, reading the pages in English."""
    client.login(username=buyer.account.username, password=PASSWORD)
    client.cookies["django_language"] = "en"
    return client
