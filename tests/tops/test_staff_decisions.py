"""Every staff decision checks the role itself, so no screen, action or job can skip it."""

import inspect

import pytest
from django.utils import translation

from awards.services import records
from catalog import services as catalog_services
from reports import services as report_services
from review import audits
from review import services as review_services
from suppliers import lifecycle
from tests.factories import UserFactory
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db

ROLE_REFUSALS = {
    "Your role does not allow this step.",
    "Your role does not allow disqualifying suppliers.",
    "Only an organizer can decide a case.",
    "Only an organizer can move a due date.",
}

DECISIONS = [
    review_services.application_take,
    review_services.violation_check_record,
    review_services.document_review,
    review_services.application_approve,
    review_services.application_request_corrections,
    review_services.application_reject,
    review_services.case_decide,
    review_services.due_date_move,
    review_services.closed_day_declare,
    audits.audit_record,
    lifecycle.supplier_disqualify,
    lifecycle.supplier_reinstate,
    lifecycle.withdrawal_confirm,
    catalog_services.version_list,
    catalog_services.version_return,
    catalog_services.product_delist,
    catalog_services.products_delist_for_overdue_update,
    report_services.report_investigate,
    report_services.report_dismiss,
    report_services.report_uphold,
    records.purchase_record_verify,
    records.purchase_record_reject,
]


@pytest.mark.parametrize("decision", DECISIONS, ids=lambda decision: decision.__name__)
def test_a_buyer_account_is_refused_before_anything_is_read(decision):
    buyer = UserFactory()
    # Nothing to decide on: the role is checked first, so the missing record is never read.
    arguments = {name: None for name in inspect.signature(decision).parameters} | {"by": buyer}
    with translation.override("en"), pytest.raises(StepRefused) as refused:
        decision(**arguments)
    with translation.override("en"):
        assert str(refused.value.message) in ROLE_REFUSALS
