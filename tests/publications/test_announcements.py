"""Announcements: the public list and page, the Atom and RSS feeds, the home page's latest
three."""

import datetime
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from .conftest import announce

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def announcements():
    now = timezone.now()
    return [announce(f"Notice {n}", now - datetime.timedelta(days=n)) for n in range(1, 6)] + [
        announce("Next week's notice", now + datetime.timedelta(days=7))
    ]


def test_the_atom_feed_parses_and_lists_the_published_announcements(client, announcements):
    response = client.get(reverse("publications:feed_atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == [f"Notice {n}（中文）" for n in range(1, 6)]  # not the scheduled one
    link = feed.find(f"{ATOM}entry").find(f"{ATOM}link").get("href")
    assert link.endswith(announcements[0].get_absolute_url())


def test_the_rss_feed_parses_in_english(english, announcements):
    response = english.get(reverse("publications:feed_rss"))
    channel = ElementTree.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.find("title").text for item in items][:2] == ["Notice 1", "Notice 2"]
    assert items[0].find("pubDate").text


def test_the_home_page_shows_the_latest_three_pinned_first(english, announcements):
    pinned = announcements[4]
    pinned.pinned = True
    pinned.save()
    response = english.get("/")
    text = response.content.decode()
    shown = [a for a in announcements if a.title_en in text]
    assert shown == [announcements[0], announcements[1], pinned]
    assert text.index("Notice 5") < text.index("Notice 1")
    assert "Next week" not in text


def test_the_home_page_asks_one_query_for_its_announcements(
    english, announcements, django_assert_max_num_queries
):
    # Guards against a query per announcement: pavilions (2), announcements (1), products (1)
    # and the request's savepoint pair.
    english.get("/")
    with django_assert_max_num_queries(6):
        english.get("/")


def test_an_announcement_is_shown_with_its_markup_and_without_raw_html(english):
    notice = announce(
        "Quota",
        timezone.now(),
        body_en="- **ten** per pavilion\n\n<script>alert(1)</script> [x](javascript:alert(1))",
    )
    response = english.get(notice.get_absolute_url())
    text = response.content.decode()
    assert "<li><strong>ten</strong> per pavilion</li>" in text
    assert "<script>alert" not in text
    assert 'href="javascript' not in text


def test_a_scheduled_announcement_is_not_public_yet(client):
    notice = announce("Soon", timezone.now() + datetime.timedelta(hours=1))
    assert client.get(notice.get_absolute_url()).status_code == 404
    assert client.get(reverse("publications:announcements")).status_code == 200


def test_the_list_asks_the_same_queries_for_many_announcements(
    english, django_assert_max_num_queries
):
    # Guards against a query per announcement: the count, the page, the request's savepoints.
    for n in range(15):
        announce(f"Notice {n}", timezone.now() - datetime.timedelta(hours=n))
    with django_assert_max_num_queries(6):
        response = english.get(reverse("publications:announcements"))
    assert response.content.decode().count('class="card"') == 15
