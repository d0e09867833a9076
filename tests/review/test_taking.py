"""Taking an application is a lock: a colleague cannot record checks, request corrections,
approve or reject it without taking it over, which is logged and tells the first reviewer."""

import pytest
from django.urls import reverse

from review import services
from suppliers.models import ApplicationEvent
from tests.builders import accept_documents, record_all_checks, staff
from tops.models import OutgoingMail
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(db):
    return staff("Reviewer", "colleague", email="colleague@example.gov.taipei")


def test_a_step_on_an_application_nobody_holds_takes_it(submitted, reviewer):
    record_all_checks(submitted, reviewer)
    submitted.refresh_from_db()
    assert submitted.assignee == reviewer


@pytest.mark.parametrize("step", ["checks", "corrections", "approve", "reject"])
def test_a_colleague_cannot_act_on_an_application_someone_holds(
    submitted, reviewer, colleague, step
):
    services.application_take(application=submitted, by=reviewer)
    take = {
        "checks": lambda: record_all_checks(submitted, colleague),
        "corrections": lambda: services.application_request_corrections(
            application=submitted, by=colleague, items=[], note="請補件"
        ),
        "approve": lambda: services.application_approve(application=submitted, by=colleague),
        "reject": lambda: services.application_reject(
            application=submitted, by=colleague, reasons="不符資格"
        ),
    }[step]
    with pytest.raises(StepRefused, match="reviewer holds this application. Take it over"):
        take()
    submitted.refresh_from_db()
    assert submitted.status == "submitted" and submitted.assignee == reviewer
    assert not submitted.violation_checks.exists()


def test_taking_over_is_logged_and_tells_the_first_reviewer(submitted, reviewer, colleague):
    services.application_take(application=submitted, by=reviewer)
    with pytest.raises(StepRefused, match="reviewer has already taken this application"):
        services.application_take(application=submitted, by=colleague)
    services.application_take(application=submitted, by=colleague, from_colleague=True)
    submitted.refresh_from_db()
    assert submitted.assignee == colleague
    assert ApplicationEvent.objects.filter(
        application=submitted, kind="assigned", by=colleague, note="reviewer → colleague"
    ).exists()
    (told,) = [m for m in OutgoingMail.objects.all() if m.to == ["reviewer@example.gov.taipei"]]
    assert "colleague" in told.body and submitted.organisation.name in told.body
    # The new holder goes on; the first reviewer no longer can.
    record_all_checks(submitted, colleague)
    accept_documents(submitted, colleague)
    with pytest.raises(StepRefused):
        services.application_approve(application=submitted, by=reviewer)
    services.application_approve(application=submitted, by=colleague)


def test_the_admin_says_who_holds_it_and_offers_the_take_over(
    client, submitted, reviewer, colleague
):
    services.application_take(application=submitted, by=reviewer)
    client.cookies["django_language"] = "en"
    client.force_login(colleague)
    response = client.post(
        reverse("admin:review_reject", args=[submitted.pk]), {"reasons": "不符資格"}
    )
    assert "Reviewer holds this application. Take it over from them first" in (
        response.content.decode()
    )
    page = client.get(reverse("admin:suppliers_application_change", args=[submitted.pk]))
    assert "Take over from reviewer" in page.content.decode()
