import pytest

from tests.builders import listed_supplier


@pytest.fixture
def supplier(db):
    """The catalogue's supplier, 綠色工作室, whose owner reads Chinese (the default)."""
    return listed_supplier()
