"""The seven checks' sources as links, and the brochure's numbers for a finding: only the last
3 years count (items 3 to 7), and for labour law only a fine over NT$100,000 (item 5)."""

import datetime

import pytest
from django.urls import reverse

from review import services
from suppliers.violations import VIOLATION_CHECKS
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_admin(client):
    client.cookies["django_language"] = "en"


def checks_data(**changes):
    data = {}
    for n in range(1, 8):
        data |= {
            f"item{n}_result": "none_found",
            f"item{n}_source": "查詢系統",
            f"item{n}_checked_on": "2026-11-27",
            f"item{n}_note": "",
        }
    return data | changes


def test_each_source_is_a_link_with_what_to_search_for(client, reviewer, submitted):
    client.force_login(reviewer)
    html = client.get(reverse("admin:review_checks", args=[submitted.pk])).content.decode()
    for check in VIOLATION_CHECKS:
        assert f'href="{check.url}"' in html
    assert html.count('class="violation-source"') == 7
    organisation = submitted.organisation
    assert f"(search for {organisation.representative})" in html  # judgments: the person
    assert html.count(f"(search for {organisation.tax_id})") == 6


def test_a_labour_fine_of_100000_or_less_does_not_count(client, reviewer, submitted):
    client.force_login(reviewer)
    url = reverse("admin:review_checks", args=[submitted.pk])
    found = {
        "item5_result": "found",
        "item5_note": "加班費未給付",
        "item5_violation_on": "2025-03-01",
    }
    response = client.post(url, checks_data(**found))
    assert response.context["form"].errors["item5_fine_amount"] == ["Give the amount of the fine."]
    response = client.post(url, checks_data(**found, item5_fine_amount="NT$100,000"))
    assert "Only a fine over NT$ 100,000 counts" in str(
        response.context["form"].errors["item5_fine_amount"]
    )
    assert 'value="NT$100,000"' in response.content.decode()  # what was typed, kept
    assert client.post(url, checks_data(**found, item5_fine_amount="120,000")).status_code == 302
    record = submitted.violation_checks.get(item=5)
    assert (record.fine_amount, record.violation_on) == (120_000, datetime.date(2025, 3, 1))


def test_a_violation_older_than_3_years_does_not_count(client, reviewer, submitted):
    client.force_login(reviewer)
    url = reverse("admin:review_checks", args=[submitted.pk])
    found = {"item4_result": "found", "item4_note": "空污裁罰"}
    response = client.post(url, checks_data(**found, item4_violation_on="2023-11-26"))
    assert "more than 3 years before the check" in str(
        response.context["form"].errors["item4_violation_on"]
    )
    assert (
        client.post(url, checks_data(**found, item4_violation_on="2023-11-27")).status_code == 302
    )


def test_the_service_refuses_the_same_findings(submitted, reviewer):
    with pytest.raises(StepRefused, match="more than 3 years"):
        services.violation_check_record(
            application=submitted,
            by=reviewer,
            item=6,
            result="found",
            source="食藥署",
            checked_on=datetime.date(2026, 11, 27),
            note="檢驗不合格",
            violation_on=datetime.date(2022, 1, 1),
        )
    assert not submitted.violation_checks.exists()
