"""The application's page beside the company registry: each mismatch marked, the time of the
lookup, and a refresh; a registry that does not answer leaves the check to the reviewer."""

import pytest
import time_machine
from django.urls import reverse

from registry.models import CompanyRecord
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_admin(client):
    client.cookies["django_language"] = "en"


def page(client, application):
    return client.get(reverse("admin:suppliers_application_change", args=[application.pk]))


def rows(response):
    return {str(row.label): row for row in response.context["registry_rows"]}


def registered_as_applied(registry, application, **fields):
    organisation = application.organisation
    as_applied = {
        "Company_Name": organisation.name,
        "Responsible_Name": organisation.representative,
        "Company_Location": "臺北市信義區信義路五段7號",
        "Paid_In_Capital_Amount": 5_000_000,
        "Company_Setup_Date": "1090501",  # 2020-05-01, as the application says
    }
    registry.found(organisation.tax_id, **(as_applied | fields))


@time_machine.travel("2026-12-01 10:00 +0800", tick=False)
def test_a_registry_that_agrees_marks_nothing(client, reviewer, submitted, registry):
    registered_as_applied(registry, submitted)
    client.force_login(reviewer)
    response = page(client, submitted)
    assert not [row for row in rows(response).values() if row.mismatch]
    html = response.content.decode()
    assert "Read from the registry at 1 Dec 2026" in html
    assert "Mismatch" not in html


@time_machine.travel("2026-12-01 10:00 +0800", tick=False)
def test_every_kind_of_mismatch_is_marked(client, reviewer, submitted, registry):
    registered_as_applied(
        registry,
        submitted,
        Company_Name="別家股份有限公司",
        Responsible_Name="林美玲",
        Company_Location="新北市板橋區中山路一段161號",
        Paid_In_Capital_Amount=150_000_000,
        Company_Setup_Date="1030501",  # 2014: more than 8 years, the SME group
        Company_Status="06",
        Company_Status_Desc="解散",
    )
    client.force_login(reviewer)
    response = page(client, submitted)
    marked = {label: str(row.mismatch) for label, row in rows(response).items()}
    assert marked == {
        "Organisation's full name": "The names differ.",
        "Representative's name": "The representatives differ.",
        "Address": "The registered address is outside Taipei City.",
        "Paid-in capital": "The registry's capital is over NT$100,000,000.",
        "Founding date": "The registry's founding date puts it in the other size group.",
        "Status": "The company is not active in the registry.",
    }
    html = response.content.decode()
    assert html.count('class="mismatch"') == 6
    assert "NT$ 150,000,000" in html and "解散" in html


def test_names_written_with_台_or_臺_agree(client, reviewer, submitted, registry):
    submitted.organisation.name = "台北好物股份有限公司"
    submitted.organisation.save()
    registered_as_applied(registry, submitted, Company_Name="臺北好物股份有限公司")
    client.force_login(reviewer)
    assert not rows(page(client, submitted))["Organisation's full name"].mismatch


def test_a_number_the_registry_does_not_hold_is_said(client, reviewer, submitted, registry):
    client.force_login(reviewer)
    html = page(client, submitted).content.decode()
    assert "The registry has no company with this Unified Business Number." in html


def test_a_registry_that_does_not_answer_leaves_the_page_working(
    client, reviewer, submitted, registry
):
    registry.answers[submitted.organisation.tax_id] = ("slow", 2, [])
    client.force_login(reviewer)
    response = page(client, submitted)
    assert response.status_code == 200
    assert "The company registry did not answer" in response.content.decode()


def test_a_reviewer_refreshes_the_registry_answer(client, reviewer, submitted, registry):
    registered_as_applied(registry, submitted)
    client.force_login(reviewer)
    with time_machine.travel("2026-12-01 10:00 +0800", tick=False):
        page(client, submitted)
    registered_as_applied(registry, submitted, Responsible_Name="林美玲")
    with time_machine.travel("2026-12-01 15:30 +0800", tick=False):
        assert not rows(page(client, submitted))["Representative's name"].mismatch  # kept for a day
        response = client.post(
            reverse("admin:review_registry_refresh", args=[submitted.pk]), follow=True
        )
    assert "The registry&#x27;s answer is refreshed." in response.content.decode()
    record = CompanyRecord.objects.get()
    assert record.representative == "林美玲"
    assert record.fetched_at.hour == 7  # 15:30 in Taipei
    assert rows(page(client, submitted))["Representative's name"].mismatch


def test_staff_without_the_reviewer_role_cannot_refresh(client, submitted, registry):
    client.force_login(UserFactory(is_staff=True))
    response = client.post(reverse("admin:review_registry_refresh", args=[submitted.pk]))
    assert response.status_code == 403
    assert registry.requests == []
