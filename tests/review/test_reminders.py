"""The working-morning mail to reviewers, and the one reminder to a silent applicant."""

import pytest
import time_machine

from review import services, tasks
from suppliers.models import Notice
from tests.builders import staff

pytestmark = pytest.mark.django_db


def corrections(application, reviewer):
    services.application_request_corrections(
        application=application,
        by=reviewer,
        items=[{"item": "step:size", "label": "規模", "note": ""}],
    )


class TestReviewersMorningMail:
    def test_due_and_overdue_applications_are_mailed_to_each_reviewer(
        self, submitted, reviewer, organizer
    ):
        other = staff("Reviewer", "reviewer2", email="reviewer2@example.gov.taipei")
        services.application_take(application=submitted, by=other)
        with time_machine.travel(f"{submitted.due_on} 08:00 +0800", tick=False):
            assert tasks.remind_reviewers() == 1
        [notice] = Notice.objects.filter(recipient__endswith="@example.gov.taipei").exclude(
            recipient="tops-review@example.gov.taipei"
        )
        assert notice.recipient == "reviewer2@example.gov.taipei"  # it is theirs
        assert submitted.organisation.name in notice.body

    def test_unassigned_applications_go_to_every_reviewer(self, submitted, reviewer, organizer):
        with time_machine.travel(f"{submitted.due_on} 08:00 +0800", tick=False):
            assert tasks.remind_reviewers() == 2
        assert set(
            Notice.objects.filter(recipient__endswith="@example.gov.taipei")
            .exclude(recipient="tops-review@example.gov.taipei")
            .values_list("recipient", flat=True)
        ) == {"reviewer@example.gov.taipei", "organizer@example.gov.taipei"}

    def test_nothing_before_the_due_day(self, submitted, reviewer):
        with time_machine.travel("2026-11-20 08:00 +0800", tick=False):
            assert tasks.remind_reviewers() == 0

    def test_nothing_on_a_day_off(self, submitted, reviewer):
        with time_machine.travel("2027-02-08 08:00 +0800", tick=False):  # Lunar New Year
            assert tasks.remind_reviewers() == 0


class TestApplicantsReminder:
    def test_one_reminder_after_ten_working_days(self, submitted, reviewer):
        with time_machine.travel("2026-11-27 10:00 +0800", tick=False):  # a Friday
            corrections(submitted, reviewer)
        told = Notice.objects.filter(recipient="buyer@example.com").count()
        with time_machine.travel("2026-12-10 09:00 +0800", tick=False):  # 9 working days on
            assert tasks.remind_applicants_of_corrections() == 0
        with time_machine.travel("2026-12-11 09:00 +0800", tick=False):  # the 10th
            assert tasks.remind_applicants_of_corrections() == 1
        with time_machine.travel("2026-12-14 09:00 +0800", tick=False):
            assert tasks.remind_applicants_of_corrections() == 0  # only once
        assert Notice.objects.filter(recipient="buyer@example.com").count() == told + 1
        assert submitted.events.filter(kind="reminder_sent").count() == 1
