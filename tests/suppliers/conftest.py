import datetime

import pytest
from django.utils import translation

from suppliers import services
from suppliers.models import DocumentKind, RegistrationType
from tests.factories import OrganisationFactory
from tests.suppliers.files import pdf_file
from tops.uploads import check_upload


@pytest.fixture(autouse=True)
def english():
    """These tests read the portal's messages in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def buyer():
    return OrganisationFactory(tax_id="22099131", account__email="buyer@example.com")


@pytest.fixture
def draft(buyer):
    return services.application_start(organisation=buyer, by=buyer.account)


def upload(application, kind, name=None):
    return services.document_upload(
        application=application,
        by=application.organisation.account,
        kind=kind,
        upload=check_upload(pdf_file(name or f"{kind}.pdf")),
    )


def complete(application):
    """Fill in everything a company's application needs to be submitted."""
    application = services.application_update(
        application=application,
        step="company",
        by=application.organisation.account,
        fields={
            "registration_type": RegistrationType.COMPANY,
            "district": "110",
            "street_address": "信義路五段7號",
            "paid_in_capital": 5_000_000,
            "regular_employees": 12,
            "founded_on": datetime.date(2020, 5, 1),
            "introduction": "我們設計永續包裝。",
        },
        declarations={
            "not_foreign_branch": True,
            "invoices": True,
            "no_violations": True,
            "obligations": True,
        },
    )
    for kind in application.required_documents:
        upload(application, kind)
    return application


@pytest.fixture
def complete_draft(draft):
    return complete(draft)


__all__ = ["DocumentKind", "complete", "upload"]
