"""Each stateful record's table of steps answers "which steps may this person take now"."""

import pytest
from django.contrib.auth.models import Group

from review.roles import ORGANIZER, REVIEWER
from suppliers.models import Application
from tests.factories import OrganisationFactory, UserFactory
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db

STAFF_REVIEW = {
    "take",
    "record_checks",
    "review_documents",
    "request_corrections",
    "approve",
    "reject",
}


def staff(role: str):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def application():
    return Application.objects.create(organisation=OrganisationFactory())


def test_a_draft_is_the_applicants_to_edit_submit_or_withdraw(application):
    applicant = application.organisation.account
    assert Application.workflow.steps_for(application, applicant) == {"edit", "submit", "withdraw"}
    assert Application.workflow.steps_for(application, staff(REVIEWER)) == set()
    assert Application.workflow.steps_for(application, UserFactory()) == set()


def test_a_submitted_application_is_the_staffs_turn(application):
    application.status = Application.Status.SUBMITTED
    assert Application.workflow.steps_for(application, staff(REVIEWER)) == STAFF_REVIEW
    assert Application.workflow.steps_for(application, staff(ORGANIZER)) == STAFF_REVIEW | {
        "decide_case",
        "move_due_date",
    }
    assert Application.workflow.steps_for(application, application.organisation.account) == {
        "withdraw"
    }


def test_a_decided_application_offers_no_step(application):
    application.status = Application.Status.APPROVED
    for user in (staff(ORGANIZER), application.organisation.account):
        assert Application.workflow.steps_for(application, user) == set()


def test_a_step_the_status_does_not_allow_is_refused_with_the_status_named(application):
    application.status = Application.Status.REJECTED
    with pytest.raises(StepRefused) as refused:
        Application.workflow.target(application, "approve")
    assert str(Application.Status.REJECTED.label) in str(refused.value.message)
    assert (
        Application.workflow.target(
            Application(status=Application.Status.NEEDS_CORRECTIONS), "submit"
        )
        == Application.Status.SUBMITTED
    )
