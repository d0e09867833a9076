"""The supplier's coaching pages and the staff's screens in the admin."""

import pytest
from django.urls import reverse

from coaching import services
from coaching.models import CoachingCase, CoachingSettings
from tests.builders import staff
from tests.coaching.conftest import apply, closed, in_progress
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.english

TYPED = {
    "topic": "other",
    "topic_other": "",
    "needs": "想了解如何申請政府補助計畫。",
    "preferred_times": "三月的週三上午",
}


class TestSupplierPages:
    def test_the_dashboard_offers_coaching(self, client, supplier):
        client.force_login(supplier.organisation.account)
        page = client.get(reverse("suppliers:dashboard")).content.decode()
        assert "One-on-one coaching" in page
        assert reverse("coaching:apply") in page

    def test_anonymous_is_sent_to_log_in(self, client, supplier):
        case = apply(supplier)
        for url in (reverse("coaching:apply"), reverse("coaching:case", args=[case.pk])):
            response = client.get(url)
            assert response.status_code == 302
            assert response.url.startswith(reverse("account_login"))

    def test_a_buyer_that_is_not_a_supplier_cannot_apply(self, client, db):
        client.force_login(OrganisationFactory(tax_id="04541302").account)
        assert client.get(reverse("coaching:apply")).status_code == 404
        assert (
            client.post(
                reverse("coaching:apply"), {**TYPED, "topic": "brand_marketing"}
            ).status_code
            == 404
        )
        assert not CoachingCase.objects.exists()

    def test_another_supplier_gets_404_on_someone_elses_case(
        self, client, supplier, other_supplier, reviewer
    ):
        case = closed(apply(supplier), reviewer)
        client.force_login(other_supplier.organisation.account)
        assert client.get(reverse("coaching:case", args=[case.pk])).status_code == 404
        response = client.post(reverse("coaching:rate", args=[case.pk]), {"rating": "1"})
        assert response.status_code == 404
        case.refresh_from_db()
        assert case.rating is None

    def test_other_without_a_name_is_refused_next_to_the_field_keeping_the_text(
        self, client, supplier
    ):
        client.force_login(supplier.organisation.account)
        response = client.post(reverse("coaching:apply"), TYPED)
        assert response.status_code == 400
        page = response.content.decode()
        assert "Name the topic you need coaching on." in page
        assert 'href="#id_topic_other"' in page
        assert "想了解如何申請政府補助計畫。" in page
        assert not CoachingCase.objects.exists()

    def test_the_supplier_applies_and_sees_its_case(self, client, supplier):
        client.force_login(supplier.organisation.account)
        response = client.post(
            reverse("coaching:apply"), {**TYPED, "topic_other": "政府補助計畫申請"}
        )
        case = CoachingCase.objects.get()
        assert response.status_code == 302 and response.url == reverse(
            "coaching:case", args=[case.pk]
        )
        page = client.get(response.url).content.decode()
        assert "政府補助計畫申請" in page and "Submitted" in page
        assert "Withdraw this application" in page

    def test_the_case_page_shows_sessions_and_asks_for_a_rating_once(
        self, client, supplier, reviewer
    ):
        case = closed(apply(supplier), reviewer)
        client.force_login(supplier.organisation.account)
        page = client.get(reverse("coaching:case", args=[case.pk])).content.decode()
        assert "台北市政府 B1 會議室" in page and "完成品牌定位草案。" in page
        assert "How did the coaching go?" in page

        refused = client.post(reverse("coaching:rate", args=[case.pk]), {"comment": "不錯"})
        assert refused.status_code == 400
        assert "Choose a rating from 1 to 5." in refused.content.decode()
        assert "不錯" in refused.content.decode()

        client.post(
            reverse("coaching:rate", args=[case.pk]), {"rating": "5", "comment": "很有收穫"}
        )
        page = client.get(reverse("coaching:case", args=[case.pk])).content.decode()
        assert "5 out of 5" in page and "How did the coaching go?" not in page
        again = client.post(reverse("coaching:rate", args=[case.pk]), {"rating": "1"}, follow=True)
        assert "already rated" in again.content.decode()
        case.refresh_from_db()
        assert case.rating == 5


def admin_url(name, *args):
    return reverse(f"admin:coaching_case_{name}", args=args)


class TestStaffScreens:
    @pytest.mark.parametrize("role", ["Reviewer", "Organizer"])
    def test_staff_take_a_case_through_the_admin(self, client, supplier, role):
        member = staff(role, username=f"{role.lower()}-coach")
        older = apply(supplier, "sustainability")
        case = apply(supplier)
        client.force_login(member)

        queue = client.get(
            reverse("admin:coaching_coachingcase_changelist"), {"status": "submitted"}
        )
        assert queue.status_code == 200
        queue_page = queue.content.decode()
        older_at = queue_page.index(reverse("admin:coaching_coachingcase_change", args=[older.pk]))
        newer_at = queue_page.index(reverse("admin:coaching_coachingcase_change", args=[case.pk]))
        assert older_at < newer_at  # the oldest application first

        change = client.get(reverse("admin:coaching_coachingcase_change", args=[case.pk]))
        assert admin_url("assign", case.pk) in change.content.decode()

        refused = client.post(admin_url("assign", case.pk), {"coach_name": ""})
        assert refused.status_code == 200
        assert "not both" in refused.content.decode()

        response = client.post(admin_url("assign", case.pk), {"coach": member.pk})
        assert response.status_code == 302
        response = client.post(
            admin_url("propose_session", case.pk),
            {"starts_at": "2026-12-20 10:00", "online_url": "https://meet.example.com/tops"},
        )
        assert response.status_code == 302
        session = case.sessions.get()
        change = client.get(reverse("admin:coaching_coachingcase_change", args=[case.pk]))
        assert admin_url("record_session", case.pk, session.pk) in change.content.decode()
        client.post(
            admin_url("record_session", case.pk, session.pk),
            {"held_on": "2026-12-20", "hours": "1.5", "outcome": "建立數位工具導入清單。"},
        )
        client.post(admin_url("close", case.pk), {"note": "輔導完成"})
        case.refresh_from_db()
        assert case.status == "closed" and case.coach == member
        session.refresh_from_db()
        assert str(session.hours) == "1.5"

    def test_staff_see_the_ratings(self, client, supplier, reviewer):
        case = closed(apply(supplier), reviewer)
        services.case_rate(
            case=case, by=supplier.organisation.account, rating=3, comment="時間太短"
        )
        client.force_login(reviewer)
        page = client.get(
            reverse("admin:coaching_coachingcase_change", args=[case.pk])
        ).content.decode()
        assert "時間太短" in page

    def test_a_refused_step_is_reported_and_changes_nothing(self, client, supplier, reviewer):
        case, _session = in_progress(apply(supplier), reviewer)
        client.force_login(reviewer)
        response = client.post(admin_url("decline", case.pk), {"reason": "太晚了"})
        assert response.status_code == 302
        case.refresh_from_db()
        assert case.status == "in_progress"
        messages = [str(m) for m in response.wsgi_request._messages]
        assert any("not possible" in m for m in messages)

    def test_staff_without_the_role_get_403(self, client, supplier):
        case = apply(supplier)
        client.force_login(UserFactory(is_staff=True))
        assert client.get(admin_url("assign", case.pk)).status_code == 403

    def test_organizers_set_the_yearly_limit(self, client, organizer, reviewer):
        row = CoachingSettings.load()
        url = reverse("admin:coaching_coachingsettings_change", args=[row.pk])
        client.force_login(reviewer)
        assert client.get(url).status_code == 403
        client.force_login(organizer)
        response = client.post(url, {"cases_per_year": "3"})
        assert response.status_code == 302
        assert CoachingSettings.load().cases_per_year == 3
