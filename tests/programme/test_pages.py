"""The public pages (no log-in): the list with its filters, the month view, an activity's
page, the calendar files; and an organisation registering from the activity's page."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from programme import services
from programme.models import Registration

from .conftest import make_activity, taipei
from .test_registration import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_the_list_shows_upcoming_activities_in_english_and_chinese(
    client, activity, django_assert_max_num_queries
):
    past = make_activity(
        title_en="Last month's talk",
        kind="talk",
        starts_at=taipei(2026, 11, 10, 14, 0),
        ends_at=taipei(2026, 11, 10, 15, 0),
        registration_opens_at=taipei(2026, 11, 1, 9, 0),
        registration_closes_at=taipei(2026, 11, 9, 9, 0),
    )
    client.cookies["django_language"] = "en"
    # A fixed number of queries, however many activities: guards against N+1.
    with django_assert_max_num_queries(8):
        page = client.get(reverse("programme:list")).content.decode()
    assert "Sustainable purchasing matchmaking" in page
    assert "Matchmaking meeting" in page
    assert past.title_en not in page
    client.cookies["django_language"] = "zh-hant"
    page = client.get(reverse("programme:list")).content.decode()
    assert "永續採購媒合會" in page and "Sustainable purchasing" not in page


def test_the_list_filters_by_kind_and_audience(english, activity):
    course = make_activity(kind="course", title_en="Packaging course", audience="suppliers")
    page = english.get(reverse("programme:list"), {"kind": "course"}).content.decode()
    assert course.title_en in page and activity.title_en not in page
    page = english.get(reverse("programme:list"), {"audience": "buyers"}).content.decode()
    assert course.title_en not in page and activity.title_en in page


def test_the_month_view_needs_no_script(english, activity):
    response = english.get(reverse("programme:month", args=[2026, 12]))
    page = response.content.decode()
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    assert activity.title_en in page
    assert reverse("programme:month", args=[2027, 1]) in page
    assert reverse("programme:month", args=[2026, 11]) in page
    assert (
        activity.title_en
        not in english.get(reverse("programme:month", args=[2027, 1])).content.decode()
    )
    assert english.get(reverse("programme:month", args=[2026, 13])).status_code == 404
    assert english.get(reverse("programme:this_month")).url.endswith("/2026/12/")


def test_the_address_is_for_registrants_only(english, activity, buyer_org):
    page = english.get(reverse("programme:detail", args=[activity.pk])).content.decode()
    assert activity.venue in page and "市府路1號" not in page
    assert "Log in" in page
    english.force_login(buyer_org.account)
    register(activity, buyer_org)
    page = english.get(reverse("programme:detail", args=[activity.pk])).content.decode()
    assert "市府路1號" in page and "Your registration is confirmed" in page


def test_home_and_footer_link_to_the_activities(english, activity):
    page = english.get(reverse("home")).content.decode()
    assert page.count(f'href="{reverse("programme:list")}"') >= 2


def test_an_organisation_registers_two_named_attendees(english, activity, buyer_org, mailoutbox):
    english.force_login(buyer_org.account)
    response = english.post(
        reverse("programme:register", args=[activity.pk]),
        {"name_1": "陳小明", "job_title_1": "採購經理", "name_2": "林美麗", "job_title_2": ""},
    )
    assert response.status_code == 302
    registration = Registration.objects.get(organisation=buyer_org)
    assert [a.name for a in registration.attendees.all()] == ["陳小明", "林美麗"]
    page = english.get(response.url).content.decode()
    assert "Your registration is confirmed" in page and "林美麗" in page


def test_a_registration_without_a_name_is_refused_beside_the_field(english, activity, buyer_org):
    english.force_login(buyer_org.account)
    response = english.post(
        reverse("programme:register", args=[activity.pk]),
        {"name_1": "", "job_title_1": "採購經理", "name_2": "", "job_title_2": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Name at least one attendee." in page
    assert 'value="採購經理"' in page
    assert not Registration.objects.exists()


def test_registering_needs_a_log_in(client, activity):
    response = client.post(reverse("programme:register", args=[activity.pk]), {"name_1": "王"})
    assert response.status_code == 302 and "login" in response.url
    assert not Registration.objects.exists()


def test_only_the_organisation_cancels_its_registration(english, activity, buyer_org, other_buyer):
    registration = register(activity, buyer_org)
    english.force_login(other_buyer.account)
    assert english.post(reverse("programme:cancel", args=[registration.pk])).status_code == 404
    english.force_login(buyer_org.account)
    assert english.post(reverse("programme:cancel", args=[registration.pk])).status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_the_calendar_file_of_an_activity(english, activity, buyer_org):
    response = english.get(reverse("programme:ics", args=[activity.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    event = calendar.events[0]
    assert event.start == taipei(2026, 12, 8, 14, 0)
    assert event.start.utcoffset().total_seconds() == 8 * 3600
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Taipei"]
    assert str(event["SUMMARY"]) == activity.title_en
    assert "市府路1號" not in str(event["LOCATION"])
    assert event["STATUS"] == "CONFIRMED" and event["SEQUENCE"] == 0
    english.force_login(buyer_org.account)
    register(activity, buyer_org)
    event = Calendar.from_ical(english.get(reverse("programme:ics", args=[activity.pk])).content)
    assert "市府路1號" in str(event.events[0]["LOCATION"])


def test_the_feed_keeps_uids_and_marks_changes(english, activity):
    other = make_activity(kind="talk", title_en="A talk")
    first = Calendar.from_ical(english.get(reverse("programme:feed")).content)
    uids = {str(event["UID"]) for event in first.events}
    assert len(uids) == 2
    services.activity_cancel(activity=other, by=None)
    later = Calendar.from_ical(english.get(reverse("programme:feed")).content)
    assert {str(event["UID"]) for event in later.events} == uids
    cancelled = next(e for e in later.events if str(e["SUMMARY"]) == "A talk")
    assert cancelled["STATUS"] == "CANCELLED" and cancelled["SEQUENCE"] == 1


def test_an_activity_page_in_chinese_and_english(client, activity):
    url = reverse("programme:detail", args=[activity.pk])
    client.cookies["django_language"] = "zh-hant"
    page = client.get(url).content.decode()
    assert '<html lang="zh-Hant' in page
    assert activity.title_zh in page and activity.description_zh in page
    assert activity.title_en not in page
    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()
    assert activity.title_en in page and activity.description_en in page
    assert "14:00" in page  # Taipei time, however the server's clock is set
