"""The reviewers' admin: who gets in, the queue, its filters, the steps, and the audit trail."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from review import services
from suppliers import services as supplier_services
from suppliers.models import Application, ApplicationEvent
from tests.builders import (
    accept_documents,
    complete_application,
    draft_application,
    record_all_checks,
)
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:suppliers_application_changelist")


@pytest.fixture(autouse=True)
def english_admin(client):
    client.cookies["django_language"] = "en"


def submit_for(tax_id, at, founded=datetime.date(2020, 5, 1)):
    organisation = OrganisationFactory(tax_id=tax_id, name=f"公司{tax_id}")
    application = complete_application(draft_application(organisation))
    supplier_services.application_update(
        application=application,
        by=organisation.account,
        step="size",
        fields={"founded_on": founded},
    )
    with time_machine.travel(at, tick=False):
        return supplier_services.application_submit(
            application=application, by=organisation.account
        )


def names(response):
    return [a.organisation.name for a in response.context["cl"].result_list]


class TestWhoGetsIn:
    def test_buyers_never_reach_the_admin(self, client, draft):
        client.force_login(draft.organisation.account)
        assert client.get(QUEUE).status_code == 302
        assert client.get(reverse("admin:login")).status_code == 403

    def test_staff_log_in_through_the_portal_and_are_locked_out_after_failures(
        self, client, reviewer
    ):
        response = client.get(reverse("admin:login"))
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
        for _ in range(5):
            client.post("/accounts/login/", {"login": "reviewer", "password": "wrong"})
        client.post(
            "/accounts/login/", {"login": "reviewer", "password": "correct-horse-battery-42"}
        )
        assert client.get(QUEUE).status_code == 302  # still not in

    def test_a_reviewer_cannot_edit_users_or_groups(self, client, reviewer):
        client.force_login(reviewer)
        assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
        assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
        assert client.get(QUEUE).status_code == 200

    def test_staff_without_a_role_cannot_review(self, client, submitted):
        client.force_login(UserFactory(is_staff=True))
        assert client.get(QUEUE).status_code == 403
        url = reverse("admin:review_checks", args=[submitted.pk])
        assert client.get(url).status_code == 403

    def test_only_organizers_move_due_dates(self, client, submitted, reviewer, organizer):
        url = reverse("admin:review_due", args=[submitted.pk])
        client.force_login(reviewer)
        assert client.get(url).status_code == 403
        client.force_login(organizer)
        assert client.get(url).status_code == 200


class TestTheQueue:
    @pytest.fixture
    def queue(self, db):
        return {
            "late": submit_for("04541302", "2026-11-16 10:00 +0800"),  # due 11-23
            "soon": submit_for("96979933", "2026-11-24 10:00 +0800"),  # due 12-01
            "old_sme": submit_for("97176270", "2026-11-20 10:00 +0800", datetime.date(2001, 1, 1)),
            "draft": supplier_services.application_start(
                organisation=OrganisationFactory(tax_id="22555003", name="公司草稿"),
                by=None,
            ),
        }

    @time_machine.travel("2026-11-26 09:00 +0800", tick=False)
    def test_it_opens_on_what_awaits_staff_earliest_due_first(self, client, reviewer, queue):
        client.force_login(reviewer)
        response = client.get(QUEUE)
        assert names(response) == ["公司04541302", "公司97176270", "公司96979933"]
        html = response.content.decode()
        assert "3 overdue" in html  # 11-23 due, three working days ago
        assert "公司草稿" not in html

    @time_machine.travel("2026-11-26 09:00 +0800", tick=False)
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"next": "applicant"}, ["公司草稿"]),
            ({"due": "overdue"}, ["公司04541302"]),
            ({"due": "week"}, ["公司04541302", "公司97176270"]),  # due Monday, Friday
            ({"size_group": "sme"}, ["公司97176270"]),
            ({"size_group": "startup"}, ["公司04541302", "公司96979933"]),
            ({"q": "96979933"}, ["公司96979933"]),
            ({"q": "　９６９７９９３３ "}, ["公司96979933"]),  # full-width, as a Chinese IME types
            ({"q": "公司0454"}, ["公司04541302"]),
        ],
    )
    def test_filters_and_search(self, client, reviewer, queue, query, expected):
        client.force_login(reviewer)
        assert names(client.get(QUEUE, query)) == expected

    def test_taking_from_the_list_never_takes_from_a_colleague(
        self, client, reviewer, organizer, queue
    ):
        services.application_take(application=queue["late"], by=organizer)
        client.force_login(reviewer)
        client.post(
            QUEUE, {"action": "take", "_selected_action": [queue["late"].pk, queue["soon"].pk]}
        )
        queue["late"].refresh_from_db()
        assert queue["late"].assignee == organizer
        assert Application.objects.get(pk=queue["soon"].pk).assignee == reviewer

    def test_taking_from_the_list(self, client, reviewer, queue):
        client.force_login(reviewer)
        client.post(
            QUEUE, {"action": "take", "_selected_action": [queue["late"].pk, queue["soon"].pk]}
        )
        assert set(Application.objects.filter(assignee=reviewer)) == {queue["late"], queue["soon"]}
        mine = client.get(QUEUE, {"assignee__id__exact": reviewer.pk})
        assert sorted(names(mine)) == ["公司04541302", "公司96979933"]


class TestTheSteps:
    def test_saving_the_checks_unchanged_keeps_who_recorded_them(
        self, client, reviewer, organizer, submitted
    ):
        record_all_checks(submitted, reviewer)
        client.force_login(organizer)
        url = reverse("admin:review_checks", args=[submitted.pk])
        form = client.get(url).context["form"]
        data = {
            name: (value.isoformat() if hasattr(value, "isoformat") else value or "")
            for name, value in ((name, form[name].value()) for name in form.fields)
        }
        client.post(url, data)
        assert set(submitted.violation_checks.values_list("recorded_by", flat=True)) == {
            reviewer.pk
        }

    def test_recording_the_checks_from_the_admin(self, client, reviewer, submitted):
        client.force_login(reviewer)
        url = reverse("admin:review_checks", args=[submitted.pk])
        page = client.get(url)
        assert "Judicial Yuan judgment search system" in page.content.decode()  # prefilled
        data = {}
        for n in range(1, 8):
            data |= {
                f"item{n}_result": "none_found",
                f"item{n}_source": "查詢系統",
                f"item{n}_checked_on": "2026-11-27",
                f"item{n}_note": "",
            }
        data["item3_result"] = "found"  # a finding needs a note
        response = client.post(url, data)
        assert response.status_code == 200 and "item3_note" in response.context["form"].errors
        data["item3_note"] = "列於重大欠稅名單"
        data["item3_violation_on"] = "2025-06-01"  # within the 3 years that count
        assert client.post(url, data).status_code == 302
        assert submitted.violation_checks.count() == 7
        assert submitted.violation_checks.get(item=3).result == "found"

    def test_a_correction_request_prechecks_the_documents_marked(self, client, reviewer, submitted):
        client.force_login(reviewer)
        labour = submitted.documents.get(kind="labour_insurance_list")
        services.document_review(
            document=labour, by=reviewer, status="needs_correction", note="請附最近一期"
        )
        url = reverse("admin:review_corrections", args=[submitted.pk])
        form = client.get(url).context["form"]
        assert form["parts"].initial == ["document:labour_insurance_list"]
        client.post(url, {"parts": ["document:labour_insurance_list", "step:size"], "note": ""})
        submitted.refresh_from_db()
        assert submitted.status == "needs_corrections"
        items = submitted.events.get(kind="corrections_requested").items
        assert items[0]["note"] == "請附最近一期"
        assert [item["item"] for item in items] == ["document:labour_insurance_list", "step:size"]

    def test_approve_shows_what_blocks_it(self, client, reviewer, submitted):
        client.force_login(reviewer)
        url = reverse("admin:review_approve", args=[submitted.pk])
        assert "not recorded yet" in client.get(url).content.decode()
        client.post(url)
        submitted.refresh_from_db()
        assert submitted.status == "submitted"
        record_all_checks(submitted, reviewer)
        accept_documents(submitted, reviewer)
        client.post(url)
        submitted.refresh_from_db()
        assert submitted.status == "approved"

    def test_the_figures_page(self, client, reviewer, submitted):
        client.force_login(reviewer)
        record_all_checks(submitted, reviewer)
        accept_documents(submitted, reviewer)
        services.application_approve(application=submitted, by=reviewer)
        response = client.get(reverse("admin:review_figures"))
        assert response.context["overall"] == {"decided": 1, "on_time": 1, "percent": 100}


class TestTheAuditTrail:
    def test_it_is_shown_and_cannot_be_changed_through_the_admin(
        self, client, reviewer, organizer, submitted
    ):
        services.application_take(application=submitted, by=reviewer)
        client.force_login(organizer)
        page = client.get(reverse("admin:suppliers_application_change", args=[submitted.pk]))
        html = page.content.decode()
        assert "Audit trail" in html and "— → reviewer" in html
        # No page edits or deletes an event, or the application itself.
        edit = client.post(
            reverse("admin:suppliers_application_change", args=[submitted.pk]),
            {"events-0-note": "edited"},
        )
        assert edit.status_code == 403
        delete = client.post(
            reverse("admin:suppliers_application_delete", args=[submitted.pk]), {"post": "yes"}
        )
        assert delete.status_code == 403
        with pytest.raises(Exception):  # noqa: B017
            reverse("admin:suppliers_applicationevent_changelist")
        assert ApplicationEvent.objects.filter(application=submitted, note="edited").count() == 0
        assert Application.objects.filter(pk=submitted.pk).exists()
