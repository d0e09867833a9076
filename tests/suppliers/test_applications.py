"""The application as the applicant takes it through its steps (參.二(四))."""

import datetime
import importlib

import pytest
import time_machine
from django.apps import apps as django_apps
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from review import services as review_services
from suppliers import services
from suppliers.models import Application, ApplicationEvent
from suppliers.terms import TERMS_VERSION
from tests.builders import approve, staff, upload_document
from tests.factories import OrganisationFactory
from tops.models import HistoryIsAppendOnly
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db
Status = Application.Status


def test_one_open_application_per_organisation(buyer, draft):
    with pytest.raises(StepRefused, match="already has an open application"):
        services.application_start(organisation=buyer, by=buyer.account)
    # The database holds the rule even if the service is bypassed.
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(organisation=buyer)


def test_another_organisation_may_apply_at_the_same_time(draft):
    other = OrganisationFactory(tax_id="04541302")
    assert services.application_start(organisation=other, by=other.account).status == Status.DRAFT


def test_an_approved_supplier_cannot_apply_again(buyer, complete_draft):
    services.application_submit(application=complete_draft, by=buyer.account)
    approve(complete_draft, staff())
    with pytest.raises(StepRefused, match="already a listed supplier"):
        services.application_start(organisation=buyer, by=buyer.account)


def test_after_a_rejection_a_new_application_starts_prefilled(buyer, complete_draft):
    services.application_submit(application=complete_draft, by=buyer.account)
    Application.objects.filter(pk=complete_draft.pk).update(status=Status.REJECTED)

    again = services.application_start(organisation=buyer, by=buyer.account)

    assert again.pk != complete_draft.pk
    assert again.status == Status.DRAFT
    assert again.street_address == "信義路五段7號"
    assert again.paid_in_capital == 5_000_000
    assert again.founded_on == datetime.date(2020, 5, 1)
    assert not again.documents.exists()
    assert again.declared_no_violations_at is None  # declarations are made afresh


def test_declarations_record_when_they_were_made_and_the_terms_version(buyer, draft):
    with time_machine.travel("2026-11-26 09:30 +0800", tick=False):
        services.application_update(
            application=draft, step="company", by=buyer.account, declarations={"obligations": True}
        )
    with time_machine.travel("2026-11-27 10:00 +0800", tick=False):
        services.application_update(
            application=draft,
            step="company",
            by=buyer.account,
            declarations={"obligations": True, "invoices": True},
        )
    draft.refresh_from_db()
    assert draft.accepted_obligations_at == datetime.datetime(
        2026, 11, 26, 1, 30, tzinfo=datetime.UTC
    )  # the first time, not re-stamped
    assert draft.declared_invoices_at.date() == datetime.date(2026, 11, 27)
    assert draft.terms_version == TERMS_VERSION

    services.application_update(
        application=draft, step="company", by=buyer.account, declarations={"obligations": False}
    )
    draft.refresh_from_db()
    assert draft.accepted_obligations_at is None and draft.terms_version == ""


def test_submitting_an_incomplete_application_lists_what_is_missing(buyer, draft):
    draft = services.application_update(
        application=draft, step="company", by=buyer.account, fields={"registration_type": "company"}
    )
    missing = [item.message for item in services.application_missing_items(draft)]
    assert "Choose the district of the registered address." in missing
    assert "Enter the founding date." in missing
    assert "Declare that none of the 7 violation situations applies." in missing
    assert "Upload the document: Labour-insurance payment list." in missing
    assert "Upload the document: Company registration approval letter." in missing
    assert "Choose the registration type." not in missing

    with pytest.raises(StepRefused):
        services.application_submit(application=draft, by=buyer.account)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_business_needs_the_business_documents(buyer, draft):
    draft = services.application_update(
        application=draft,
        step="company",
        by=buyer.account,
        fields={"registration_type": "business"},
    )
    missing = [item.message for item in services.application_missing_items(draft)]
    assert "Upload the document: Business registration transcript." in missing
    assert "Upload the document: Company registration (amendment) form." not in missing


def test_an_organisation_that_is_not_an_sme_cannot_submit(buyer, complete_draft):
    application = services.application_update(
        application=complete_draft,
        step="company",
        by=buyer.account,
        fields={"paid_in_capital": 100_000_001, "regular_employees": 200},
    )
    missing = [item.message for item in services.application_missing_items(application)]
    assert any("not an SME" in message for message in missing)


def test_submission_sets_the_due_date_and_mails_applicant_and_reviewers(
    buyer, complete_draft, mailbox, settings
):
    with time_machine.travel("2026-11-26 10:00 +0800", tick=False):  # a Thursday
        application = services.application_submit(application=complete_draft, by=buyer.account)

    assert application.status == Status.SUBMITTED
    assert application.due_on == datetime.date(2026, 12, 3)  # 5 working days later
    [to_applicant] = mailbox.wait_for(to="buyer@example.com")
    assert "2026年12月3日" in to_applicant.body
    assert "已收到" in to_applicant.subject  # in the applicant's language (zh-hant by default)
    [to_reviewers] = mailbox.wait_for(to=settings.REVIEWERS_EMAIL)
    assert "22099131" in to_reviewers.subject


def test_the_applicant_mail_is_in_the_applicants_language(buyer, complete_draft, mailbox):
    buyer.account.preferred_language = "en"
    buyer.account.save()
    services.application_submit(application=complete_draft, by=buyer.account)
    [mail] = mailbox.wait_for(to="buyer@example.com")
    assert mail.subject.endswith("Your supplier application has been received")


def test_nothing_changes_after_submission(buyer, complete_draft):
    services.application_submit(application=complete_draft, by=buyer.account)
    with pytest.raises(StepRefused, match="submitted"):
        services.application_update(
            application=complete_draft,
            step="company",
            by=buyer.account,
            fields={"street_address": "別處"},
        )
    with pytest.raises(StepRefused):
        services.application_submit(application=complete_draft, by=buyer.account)


def submitted_on_monday_then_returned(application, buyer, **note):
    """Submitted on Monday 23 November 2026; the reviewer asks for a new labour-insurance list."""
    with time_machine.travel("2026-11-23 10:00 +0800", tick=False):
        services.application_submit(application=application, by=buyer.account)
    review_services.application_request_corrections(
        application=application,
        by=staff(),
        items=[{"item": "document:labour_insurance_list", "note": "請上傳最近一期"}],
        **note,
    )


def test_corrections_hand_the_application_back_and_resubmission_restarts_the_clock(
    buyer, complete_draft
):
    submitted_on_monday_then_returned(complete_draft, buyer, note="勞保清單過期")
    complete_draft.refresh_from_db()
    assert complete_draft.status == Status.NEEDS_CORRECTIONS
    assert complete_draft.due_on is None
    assert services.open_corrections(complete_draft).items[0]["note"] == "請上傳最近一期"

    # Only what the reviewer listed can change.
    with pytest.raises(StepRefused, match="Only the parts"):
        services.application_update(
            application=complete_draft,
            step="company",
            by=buyer.account,
            fields={"street_address": "信義路五段8號"},
        )
    upload_document(complete_draft, "labour_insurance_list", "勞保-最新.pdf")
    with time_machine.travel("2026-11-27 16:00 +0800", tick=False):  # a Friday
        services.application_submit(application=complete_draft, by=buyer.account)
    complete_draft.refresh_from_db()
    assert complete_draft.due_on == datetime.date(2026, 12, 4)
    # The first receipt is kept beside the latest, from which the 5 working days run again.
    assert timezone.localtime(complete_draft.first_received_at).date() == datetime.date(
        2026, 11, 23
    )
    assert timezone.localtime(complete_draft.received_at).date() == datetime.date(2026, 11, 27)


def test_applicant_and_reviewers_are_told_of_both_receipts_and_the_restarted_clock(
    client, buyer, complete_draft, mailbox, settings
):
    submitted_on_monday_then_returned(complete_draft, buyer)
    client.force_login(buyer.account)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    overview = client.get(reverse("suppliers:application")).content.decode()
    assert "start again in full when you submit the application again" in overview
    assert "pause" not in overview

    upload_document(complete_draft, "labour_insurance_list", "勞保-最新.pdf")
    with time_machine.travel("2026-11-27 16:00 +0800", tick=False):
        services.application_submit(application=complete_draft, by=buyer.account)
    overview = client.get(reverse("suppliers:application")).content.decode()
    assert "Received on 27 Nov 2026, 16:00" in overview
    assert "It was first received on 23 Nov 2026, 10:00" in overview

    to_reviewers = mailbox.wait_for(to=settings.REVIEWERS_EMAIL, count=2)
    # The reviewers' mailbox reads Traditional Chinese.
    [again] = [mail for mail in to_reviewers if "2026年11月27日 16:00" in mail.body]
    assert "2026年11月23日 10:00" in again.body


def test_the_first_receipt_of_an_older_application_comes_from_its_history(buyer, complete_draft):
    migration = importlib.import_module("suppliers.migrations.0011_application_first_received_at")
    with time_machine.travel("2026-11-23 10:00 +0800", tick=False):
        services.application_submit(application=complete_draft, by=buyer.account)
    Application.objects.filter(pk=complete_draft.pk).update(
        first_received_at=None, received_at=timezone.now()
    )
    migration.first_submission_from_the_history(django_apps, None)
    complete_draft.refresh_from_db()
    assert timezone.localtime(complete_draft.first_received_at).date() == datetime.date(
        2026, 11, 23
    )


def test_withdrawing_before_a_decision(buyer, complete_draft):
    services.application_submit(application=complete_draft, by=buyer.account)
    services.application_withdraw(application=complete_draft, by=buyer.account)
    complete_draft.refresh_from_db()
    assert complete_draft.status == Status.WITHDRAWN
    with pytest.raises(StepRefused):
        services.application_withdraw(application=complete_draft, by=buyer.account)
    # A new one may start.
    assert services.application_start(organisation=buyer, by=buyer.account)


def test_every_status_change_is_in_the_history(buyer, complete_draft):
    services.application_submit(application=complete_draft, by=buyer.account)
    services.application_withdraw(application=complete_draft, by=buyer.account)
    changes = list(
        complete_draft.events.filter(kind="status_changed").values_list("from_status", "to_status")
    )
    assert changes == [("draft", "submitted"), ("submitted", "withdrawn")]


def test_history_cannot_be_rewritten(draft):
    event = draft.events.first()
    event.note = "changed"
    with pytest.raises(HistoryIsAppendOnly):
        event.save()
    with pytest.raises(HistoryIsAppendOnly):
        event.delete()
    assert ApplicationEvent.objects.get(pk=event.pk).note != "changed"
