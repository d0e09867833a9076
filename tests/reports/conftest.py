import pytest
from django.utils import translation

from tests.catalog.conftest import list_product, reviewer  # noqa: F401
from tests.factories import SupplierFactory


@pytest.fixture(autouse=True)
def english_pages(client):
    """These tests read the pages, the messages and the e-mails a reporter gets, in English."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def supplier(db):
    return SupplierFactory(
        organisation__tax_id="22099131",
        organisation__account__email="green@example.com",
        organisation__account__preferred_language="en",
        name="綠色工作室",
    )
