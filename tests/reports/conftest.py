import pytest

from tests.builders import listed_supplier


@pytest.fixture(autouse=True)
def english_pages(client):
    """The pages too are read in English (the messages and e-mails are: tests/conftest.py)."""
    client.cookies["django_language"] = "en"


@pytest.fixture
def supplier(db):
    """綠色工作室 again, but its owner reads English at a known address: the tests read the
    e-mails it gets."""
    return listed_supplier(email="green@example.com", language="en")
