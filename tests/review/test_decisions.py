"""Decisions on an application: the approval guard, the organizer's exception, corrections,
rejection, the notices kept, and two reviewers deciding at once."""

import threading

import pytest
from django.db import connection, connections
from django.utils import translation

from review import services
from suppliers.models import Application, Notice, Supplier
from tests.builders import accept_documents, approve, record_all_checks
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db
Status = Application.Status


def test_approval_is_impossible_until_all_seven_checks_are_recorded(submitted, reviewer):
    accept_documents(submitted, reviewer)
    services.violation_check_record(
        application=submitted,
        by=reviewer,
        item=1,
        result="none_found",
        source="司法院裁判書系統",
        checked_on=submitted.received_at.date(),
    )
    with pytest.raises(StepRefused, match="not recorded yet: 2, 3, 4, 5, 6, 7"):
        services.application_approve(application=submitted, by=reviewer)
    assert not Supplier.objects.exists()


def test_approval_needs_the_required_documents_accepted(submitted, reviewer):
    record_all_checks(submitted, reviewer)
    with pytest.raises(StepRefused, match="Required documents not accepted yet"):
        services.application_approve(application=submitted, by=reviewer)


def test_approval_lists_the_supplier_in_its_size_group_and_notifies(submitted, reviewer, mailbox):
    supplier = approve(submitted, reviewer)

    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED and submitted.decided_at
    assert supplier.organisation == submitted.organisation
    assert supplier.size_group == submitted.size_group_on(supplier.approved_on)
    assert supplier.name == submitted.organisation.name
    [mail] = mailbox.wait_for(to="buyer@example.com", subject="審核通過")
    notice = Notice.objects.filter(application=submitted).latest("sent_at")
    assert notice.body.strip() == mail.body.strip() and notice.recipient == "buyer@example.com"


def test_a_found_violation_blocks_approval(submitted, reviewer):
    record_all_checks(submitted, reviewer, found={5})
    accept_documents(submitted, reviewer)
    with pytest.raises(StepRefused, match=r"items 5"):
        services.application_approve(application=submitted, by=reviewer)


def test_a_case_decision_covers_only_the_findings_it_was_made_on(submitted, reviewer, organizer):
    with pytest.raises(StepRefused, match="no case to decide"):
        services.case_decide(application=submitted, by=organizer, reason="預先核可")
    record_all_checks(submitted, reviewer, found={5})
    accept_documents(submitted, reviewer)
    services.case_decide(application=submitted, by=organizer, reason="裁罰經行政法院撤銷")
    services.violation_check_record(
        application=submitted,
        by=reviewer,
        item=2,
        result="found",
        source="政府採購網",
        checked_on=submitted.received_at.date(),
        note="列於拒絕往來廠商名單",
    )
    with pytest.raises(StepRefused, match=r"items 2\b"):
        services.application_approve(application=submitted, by=reviewer)


def test_only_an_organizer_decides_the_case(submitted, reviewer, organizer):
    record_all_checks(submitted, reviewer, found={5})
    accept_documents(submitted, reviewer)
    with pytest.raises(StepRefused, match="Only an organizer"):
        services.case_decide(application=submitted, by=reviewer, reason="裁罰已撤銷")

    services.case_decide(application=submitted, by=organizer, reason="裁罰經行政法院撤銷")
    supplier = services.application_approve(application=submitted, by=reviewer)
    assert supplier.status == Supplier.Status.ACTIVE
    assert submitted.events.filter(kind="case_decided", by=organizer).exists()


def test_rejection_states_its_reasons_to_the_applicant(submitted, reviewer, mailbox):
    with pytest.raises(StepRefused):
        services.application_reject(application=submitted, by=reviewer, reasons="  ")
    services.application_reject(application=submitted, by=reviewer, reasons="勞動法規裁罰逾10萬元")
    submitted.refresh_from_db()
    assert submitted.status == Status.REJECTED
    [mail] = mailbox.wait_for(to="buyer@example.com", subject="審核結果")
    assert "勞動法規裁罰逾10萬元" in mail.body


def test_corrections_stop_the_clock_and_are_told_to_the_applicant(submitted, reviewer, mailbox):
    services.application_request_corrections(
        application=submitted,
        by=reviewer,
        items=[{"item": "document:labour_insurance_list", "label": "勞保繳費清單", "note": "過期"}],
        note="請於一週內補正",
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.NEEDS_CORRECTIONS and submitted.due_on is None
    [mail] = mailbox.wait_for(to="buyer@example.com", subject="請補正")
    assert "勞保繳費清單: 過期" in mail.body and "請於一週內補正" in mail.body


def test_nothing_is_decided_twice(submitted, reviewer):
    services.application_reject(application=submitted, by=reviewer, reasons="不符資格")
    with pytest.raises(StepRefused, match="no longer waiting"):
        approve(submitted, reviewer)


def test_taking_an_application_assigns_it_and_is_logged(submitted, reviewer, organizer):
    services.application_take(application=submitted, by=reviewer)
    with pytest.raises(StepRefused, match="reviewer has already taken"):
        services.application_take(application=submitted, by=organizer)
    services.application_take(application=submitted, by=organizer, from_colleague=True)
    submitted.refresh_from_db()
    assert submitted.assignee == organizer
    notes = list(submitted.events.filter(kind="assigned").values_list("note", flat=True))
    assert notes == ["— → reviewer", "reviewer → organizer"]


def test_an_organizer_moves_a_due_date_with_a_reason(submitted, reviewer, organizer):
    new_date = submitted.due_on.replace(day=28) if submitted.due_on.day < 28 else submitted.due_on
    with pytest.raises(StepRefused):
        services.due_date_move(application=submitted, by=reviewer, due_on=new_date, reason="x")
    with pytest.raises(StepRefused):
        services.due_date_move(application=submitted, by=organizer, due_on=new_date, reason="")
    services.due_date_move(application=submitted, by=organizer, due_on=new_date, reason="颱風")
    submitted.refresh_from_db()
    assert submitted.due_on == new_date
    assert "颱風" in submitted.events.get(kind="due_date_moved").note


def test_a_declared_closed_day_pushes_back_the_due_dates_it_falls_in(submitted, organizer):
    due = submitted.due_on
    services.closed_day_declare(day=due, reason="颱風停班", by=organizer)
    submitted.refresh_from_db()
    assert submitted.due_on > due
    assert submitted.events.filter(kind="due_date_moved", by=None).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks between connections need PostgreSQL"
)
def test_two_reviewers_deciding_at_once(submitted, reviewer, organizer):
    """One decision wins; the other is told the application was already decided."""
    record_all_checks(submitted, reviewer)
    accept_documents(submitted, reviewer)
    barrier = threading.Barrier(2)
    outcomes = {}

    def decide(name, step):
        try:
            barrier.wait(timeout=10)
            with translation.override("en"):
                step()
            outcomes[name] = "done"
        except StepRefused as refused:
            outcomes[name] = refused.message
        finally:
            connections.close_all()

    threads = [
        threading.Thread(
            target=decide,
            args=(
                "approve",
                lambda: services.application_approve(application=submitted, by=reviewer),
            ),
        ),
        threading.Thread(
            target=decide,
            args=(
                "reject",
                lambda: services.application_reject(
                    application=submitted, by=organizer, reasons="不符資格"
                ),
            ),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["approve", "reject"]
    assert list(outcomes.values()).count("done") == 1
    loser = next(message for message in outcomes.values() if message != "done")
    assert "no longer waiting" in str(loser)
    submitted.refresh_from_db()
    decisions = submitted.events.filter(to_status__in=["approved", "rejected"])
    assert decisions.count() == 1
    assert Supplier.objects.filter(organisation=submitted.organisation).exists() == (
        submitted.status == Status.APPROVED
    )
