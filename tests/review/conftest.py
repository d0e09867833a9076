import pytest
from django.utils import translation

from suppliers import services as supplier_services
from tests.review.steps import staff
from tests.suppliers.conftest import buyer, complete, draft  # noqa: F401


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def reviewer():
    return staff("Reviewer", "reviewer", email="reviewer@example.gov.taipei")


@pytest.fixture
def organizer():
    return staff("Organizer", "organizer", email="organizer@example.gov.taipei")


@pytest.fixture
def submitted(draft):  # noqa: F811
    application = complete(draft)
    return supplier_services.application_submit(
        application=application, by=application.organisation.account
    )
