import datetime

import pytest
import time_machine
from django.urls import reverse

from figures.models import FiguresSnapshot
from figures.tasks import take_public_figures

pytestmark = pytest.mark.django_db

STATISTICS = reverse("figures:statistics")


def test_before_the_first_night_the_page_says_the_figures_are_not_ready(client):
    client.cookies["django_language"] = "en"
    page = client.get(STATISTICS).content.decode()
    assert "The figures are computed every night; the first ones are not ready yet." in page


@time_machine.travel(datetime.datetime(2026, 12, 4, 2, 45, tzinfo=datetime.UTC), tick=False)
def test_the_nightly_task_stores_the_public_figures_once_a_day(known_data, tasks_in_process):
    take_public_figures.delay()
    take_public_figures.delay()

    snapshot = FiguresSnapshot.objects.get()
    assert snapshot.taken_on == datetime.date(2026, 12, 4)
    figures = snapshot.figures
    # Listed now: the five suppliers of the data set; the seller's public products are the
    # basket and the bag (the tea is delisted).
    assert figures["suppliers"] == 5
    assert figures["products"] == 2
    assert figures["suppliers_by_group"] == [["sme", 3], ["startup", 2]]
    pavilions = {code: count for code, _zh, _en, count in figures["suppliers_by_pavilion"]}
    assert pavilions == {
        "lifestyle": 1,
        "biotech-health": 0,
        "service-tech": 0,
        "sustainability": 1,
        "creative-design": 0,
    }
    assert figures["amounts_by_quarter"] == [["2026 Q2", 7_000, 1], ["2026 Q3", 35_000, 3]]
    assert figures["verified_amount"] == 42_000
    # Decided in the last 12 months: after 4, 7, 5 and 3 working days.
    assert figures["review_days_mean"] == 4.8


def test_the_page_shows_the_latest_figures_with_their_date_in_both_languages(client, known_data):
    from figures.services import figures_snapshot_take

    figures_snapshot_take(today=datetime.date(2026, 12, 3))
    page = client.get(STATISTICS).content.decode()
    assert "2026-12-03" in page
    assert "生活良品" in page and "35,000" in page
    client.cookies["django_language"] = "en"
    page = client.get(STATISTICS).content.decode()
    assert "Figures of 2026-12-03, updated every night." in page
    assert "Lifestyle" in page and "2026 Q3" in page
