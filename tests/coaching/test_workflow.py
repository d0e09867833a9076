"""A coaching case's steps: which the table allows, which it refuses, who may take them, and
the history and mail each step leaves."""

import datetime
import io
import json
import zipfile

import pytest

from accounts.personal_data import export_write
from coaching import services
from coaching.models import CoachingCase, CoachingEvent
from tests.builders import staff
from tests.coaching.conftest import TAIPEI, apply, closed, in_progress
from tests.factories import UserFactory
from tops.models import HistoryIsAppendOnly
from tops.workflow import StepRefused

pytestmark = pytest.mark.english


class TestTransitions:
    def test_the_full_path_writes_each_step_in_the_history(self, supplier, reviewer):
        case = closed(apply(supplier), reviewer)
        assert case.status == "closed"
        steps = list(case.events.values_list("step", "from_status", "to_status"))
        assert steps == [
            ("submit", "", "submitted"),
            ("assign", "submitted", "assigned"),
            ("propose_session", "assigned", "in_progress"),
            ("record_session", "in_progress", "in_progress"),
            ("close", "in_progress", "closed"),
        ]
        with pytest.raises(HistoryIsAppendOnly):
            case.events.first().delete()

    def test_a_session_cannot_be_proposed_before_a_coach_is_assigned(self, supplier, reviewer):
        case = apply(supplier)
        with pytest.raises(StepRefused, match="“Submitted”"):
            services.session_propose(
                case=case,
                by=reviewer,
                starts_at=datetime.datetime(2026, 12, 15, 14, tzinfo=TAIPEI),
                place="線上",
            )

    def test_a_case_without_a_held_session_cannot_be_closed(self, supplier, reviewer):
        case, _session = in_progress(apply(supplier), reviewer)
        with pytest.raises(StepRefused, match="Record at least one session"):
            services.case_close(case=case, by=reviewer)

    def test_closing_a_case_still_submitted_is_refused(self, supplier, reviewer):
        case = apply(supplier)
        with pytest.raises(StepRefused):
            services.case_close(case=case, by=reviewer)

    def test_the_supplier_withdraws_until_the_coaching_starts(self, supplier, reviewer):
        account = supplier.organisation.account
        case = apply(supplier)
        services.case_assign(case=case, by=reviewer, coach=reviewer)
        assert services.case_withdraw(case=case, by=account).status == "withdrawn"

        started, _session = in_progress(apply(supplier, "digital_tools"), reviewer)
        with pytest.raises(StepRefused, match="“In progress”"):
            services.case_withdraw(case=started, by=account)

    def test_declining_needs_a_reason_and_only_a_submitted_case(self, supplier, reviewer):
        case = apply(supplier)
        with pytest.raises(StepRefused, match="Write the reason"):
            services.case_decline(case=case, by=reviewer, reason="  ")
        declined = services.case_decline(case=case, by=reviewer, reason="本案需求超出輔導範圍。")
        assert declined.status == "declined"
        assert declined.events.last().note == "本案需求超出輔導範圍。"
        with pytest.raises(StepRefused):
            services.case_assign(case=declined, by=reviewer, coach=reviewer)

    def test_a_coach_is_a_staff_member_or_a_consultant_not_both(self, supplier, reviewer):
        case = apply(supplier)
        with pytest.raises(StepRefused, match="not both"):
            services.case_assign(case=case, by=reviewer, coach=reviewer, coach_name="王顧問")
        with pytest.raises(StepRefused, match="not both"):
            services.case_assign(case=case, by=reviewer)
        assert CoachingCase.objects.get(pk=case.pk).status == "submitted"

    def test_staff_without_the_role_cannot_take_staff_steps(self, supplier):
        case = apply(supplier)
        with pytest.raises(StepRefused, match="role does not allow"):
            services.case_assign(case=case, by=UserFactory(is_staff=True), coach_name="王顧問")
        with pytest.raises(StepRefused, match="role does not allow"):
            services.case_assign(case=case, by=supplier.organisation.account, coach_name="王")

    def test_an_organizer_takes_the_steps_too(self, supplier, organizer):
        assert closed(apply(supplier), organizer).status == "closed"

    def test_other_needs_its_topic_named(self, supplier):
        with pytest.raises(StepRefused, match="Name the topic"):
            apply(supplier, "other", topic_other=" ")
        case = apply(supplier, "other", topic_other="食品標示法規")
        assert case.topic_label == "食品標示法規"


class TestRating:
    def test_once_only_after_close(self, supplier, reviewer):
        account = supplier.organisation.account
        case = apply(supplier)
        with pytest.raises(StepRefused, match="“Submitted”"):
            services.case_rate(case=case, by=account, rating=5)
        case = closed(case, reviewer)
        rated = services.case_rate(case=case, by=account, rating=4, comment="很實用")
        assert (rated.rating, rated.rating_comment) == (4, "很實用")
        with pytest.raises(StepRefused, match="already rated"):
            services.case_rate(case=case, by=account, rating=1)
        rated.refresh_from_db()
        assert rated.rating == 4
        assert CoachingEvent.objects.filter(case=case, step="rate").count() == 1

    def test_rating_outside_one_to_five_is_refused(self, supplier, reviewer):
        case = closed(apply(supplier), reviewer)
        with pytest.raises(StepRefused, match="from 1 to 5"):
            services.case_rate(case=case, by=supplier.organisation.account, rating=6)


class TestMail:
    def test_the_supplier_is_mailed_at_each_change(self, supplier, mailbox):
        reviewer = staff("Reviewer", email="reviewer@example.gov.taipei")
        case = closed(apply(supplier), reviewer)
        mails = mailbox.wait_for(to="green@example.com", count=5)
        subjects = [mail.subject for mail in mails]
        assert all(f"Coaching case no. {case.pk}" in subject for subject in subjects)
        headlines = [
            "We received your application for coaching.",
            "A coach is assigned to your coaching case.",
            "A coaching session is proposed.",
            "A coaching session is recorded.",
            "Your coaching case is closed. Please tell us how it went.",
        ]
        assert [h for h in headlines if any(h in s for s in subjects)] == headlines
        proposed = next(m for m in mails if "proposed" in m.subject)
        assert "2026-12-15 14:00" in proposed.body and "台北市政府 B1 會議室" in proposed.body
        assert f"/supplier/coaching/{case.pk}/" in proposed.body
        assert supplier.organisation.account.email == "green@example.com"


def test_the_organisations_copy_of_its_data_holds_its_coaching(supplier, other_supplier, reviewer):
    closed(apply(supplier, needs="想建立品牌故事。"), reviewer)
    apply(other_supplier, needs="別家的需求")
    archive = io.BytesIO()
    export_write(supplier.organisation, "en", archive)
    with zipfile.ZipFile(archive) as copy:
        cases = json.loads(copy.read("data/coaching_cases.json"))
        sessions = json.loads(copy.read("data/coaching_sessions.json"))
    assert [case["fields"]["needs"] for case in cases] == ["想建立品牌故事。"]
    assert [session["fields"]["outcome"] for session in sessions] == ["完成品牌定位草案。"]
