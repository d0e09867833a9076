import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("admin:figures_figuressnapshot_changelist")
Q3 = {"start": "2026-07-01", "end": "2026-09-30"}


def _english(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


class TestWhoSeesWhat:
    def test_anonymous_visitors_are_sent_to_log_in(self, client):
        response = client.get(DASHBOARD)
        assert response.status_code == 302 and "login" in response.url

    def test_buyers_and_staff_without_a_role_are_kept_out(self, client, buyer):
        client.force_login(buyer.account)
        assert client.get(DASHBOARD).status_code == 302
        client.force_login(UserFactory(is_staff=True))
        assert client.get(DASHBOARD).status_code == 403
        assert (
            client.get(
                reverse("admin:figures_dashboard_export", args=["applications", "csv"])
            ).status_code
            == 403
        )

    def test_organizers_see_every_section(self, client, organizer, known_data):
        page = _english(client, organizer).get(DASHBOARD, Q3).content.decode()
        for title in [
            "Buyers registered, by organisation type",
            "Review time against the 5-working-day clock",
            "Suppliers first listed in the period, by district",
            "Reasons for delisting",
            "Reports received, by outcome so far",
            "Verified purchase amounts (NT$) by pavilion of the products bought",
        ]:
            assert title in page
        assert "遲到審查有限公司" in page
        assert page.count("<svg") >= 10, "a chart beside each comparing table"

    def test_reviewers_see_only_the_review(self, client, reviewer, known_data):
        response = _english(client, reviewer).get(DASHBOARD, Q3)
        page = response.content.decode()
        assert response.status_code == 200
        assert "Review time against the 5-working-day clock" in page
        assert "Buyers registered" not in page
        assert "Verified purchase amounts" not in page
        url = reverse("admin:figures_dashboard_export", args=["purchases_by_buyer_type", "csv"])
        assert client.get(url, Q3).status_code == 404


def test_a_period_that_ends_before_it_starts_is_refused_next_to_the_field(client, organizer):
    response = _english(client, organizer).get(
        DASHBOARD, {"start": "2026-09-30", "end": "2026-07-01"}
    )
    page = response.content.decode()
    assert "The end of the period comes before its start." in page
    assert 'value="2026-09-30"' in page and 'value="2026-07-01"' in page
    assert 'aria-describedby="id_end_error"' in page and 'id="id_end_error"' in page


def test_every_table_downloads_as_csv_and_xlsx(client, organizer, known_data):
    _english(client, organizer)
    url = reverse("admin:figures_dashboard_export", args=["purchases_by_buyer_type", "csv"])
    response = client.get(url, Q3)
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Organisation type", "This period", "Previous period"]
    assert ["Government agency (central or local)", "30000", "0"] in rows

    url = reverse("admin:figures_dashboard_export", args=["late_decisions", "xlsx"])
    sheet = load_workbook(io.BytesIO(client.get(url, Q3).content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1] == ["遲到審查有限公司", "2026-08-04", "2026-08-11", "2026-08-13", 7]


def test_a_name_typed_as_a_formula_stays_text_in_the_download(client, organizer, known_data):
    Organisation.objects.filter(name="遲到審查有限公司").update(name='=HYPERLINK("x")')
    url = reverse("admin:figures_dashboard_export", args=["late_decisions", "xlsx"])
    sheet = load_workbook(io.BytesIO(_english(client, organizer).get(url, Q3).content)).active
    assert sheet["A2"].value == '\'=HYPERLINK("x")'
    assert sheet["A2"].data_type == "s"
