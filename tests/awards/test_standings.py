"""Edition standings for staff: verified amounts only, within the counting period."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import Edition
from awards.selectors import edition_summary, monthly_amounts, standings
from awards.services.records import purchase_record_reject, purchase_record_withdraw
from tests.builders import purchase_record, verified_purchase_record
from tests.factories import PASSWORD, OrganisationFactory, SupplierFactory

from .moments import APPROVED, taipei

pytestmark = pytest.mark.django_db


@pytest.fixture
def purchases(edition, buyer, supplier, reviewer):
    other_supplier = SupplierFactory(name="綠色工作室", approved_on=APPROVED)
    verified_purchase_record(
        buyer, supplier, amount=10_000, by=reviewer, impacts=["local_procurement"]
    )
    verified_purchase_record(
        buyer,
        other_supplier,
        amount=25_000,
        purchased_on=datetime.date(2026, 5, 20),
        by=reviewer,
        impacts=["local_procurement", "green_products"],
    )
    purchase_record(buyer, supplier, amount=7_000)  # awaiting verification
    rejected = purchase_record(buyer, supplier, amount=3_000)
    purchase_record_reject(record=rejected, by=reviewer, reason="發票金額不符")
    withdrawn = purchase_record(buyer, supplier, amount=4_000)
    purchase_record_withdraw(record=withdrawn, by=buyer.account)
    other_buyer = OrganisationFactory(name="第二採購方")
    verified_purchase_record(other_buyer, supplier, amount=50_000, by=reviewer)
    return other_buyer


def test_totals_count_only_verified_records(edition, buyer, purchases):
    first, second = standings(edition)
    assert (first.buyer.name, first.total, first.count) == ("第二採購方", 50_000, 1)
    assert (second.buyer, second.total, second.count) == (buyer, 35_000, 2)
    assert second.awaiting == 1
    assert second.supplier_count == 2
    assert second.impacts == {"local_procurement": 2, "green_products": 1}


def test_the_counting_period_bounds_the_totals(buyer, purchases):
    march_only = Edition.objects.create(
        name="2026 春季",
        counting_starts_on=datetime.date(2026, 3, 1),
        counting_ends_on=datetime.date(2026, 3, 31),
        applications_close_at=taipei(2026, 4, 30, 17),
    )
    row = next(row for row in standings(march_only) if row.buyer == buyer)
    assert (row.total, row.count) == (10_000, 1)
    summary = edition_summary(march_only, buyer)
    may = next(r for r in summary.records if r.purchased_on == datetime.date(2026, 5, 20))
    assert may.not_counted_because == "Purchased outside this edition's counting period."


def test_the_buyers_summary_says_why_each_record_counts_or_not(edition, buyer, purchases):
    summary = edition_summary(edition, buyer)
    assert (summary.verified_total, summary.verified_count) == (35_000, 2)
    reasons = sorted(r.not_counted_because for r in summary.records if r.not_counted_because)
    assert reasons == [
        "Awaiting verification by staff.",
        "Rejected: 發票金額不符",
        "Withdrawn.",
    ]


def test_monthly_amounts_for_the_chart(edition, purchases):
    amounts = dict(monthly_amounts(edition))
    assert amounts[datetime.date(2026, 3, 1)] == 60_000
    assert amounts[datetime.date(2026, 5, 1)] == 25_000
    assert amounts[datetime.date(2026, 4, 1)] == 0


def test_standings_export_as_csv_and_xlsx(admin_client, edition, purchases):
    admin_client.cookies["django_language"] = "en"
    response = admin_client.get(reverse("admin:awards_standings_export", args=[edition.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == [
        "Buyer",
        "Unified Business Number",
        "Verified amount (NT$)",
        "Verified records",
    ]
    assert rows[1][0] == "第二採購方" and rows[1][2] == "50000"
    assert rows[2][2:4] == ["35000", "2"]

    response = admin_client.get(reverse("admin:awards_standings_export", args=[edition.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][0] == "第二採購方" and values[1][2] == 50_000
    assert len(values) == 3


def test_the_standings_page_shows_totals_and_the_chart(admin_client, edition, purchases):
    admin_client.cookies["django_language"] = "en"
    html = admin_client.get(reverse("admin:awards_standings", args=[edition.pk])).content.decode()
    assert "35,000" in html and "50,000" in html
    assert "Verified amounts by month of purchase" in html
    assert '<rect width="100" height="8"/>' in html  # March, the largest month


def test_staff_pages_need_the_role(client, edition, buyer):
    client.login(username=buyer.account.username, password=PASSWORD)
    response = client.get(reverse("admin:awards_standings", args=[edition.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_reviewers_open_the_staff_pages(client, edition, reviewer):
    client.force_login(reviewer)
    for name in ("admin:awards_exposure", "admin:awards_standings"):
        assert client.get(reverse(name, args=[edition.pk])).status_code == 200


@pytest.mark.parametrize(
    "name", ["=1+1", '=HYPERLINK("https://example.com","點我")', "+886", "-2", "@SUM(A1)"]
)
def test_names_are_exported_as_text_never_as_formulas(admin_client, edition, reviewer, name):
    verified_purchase_record(
        OrganisationFactory(name=name),
        SupplierFactory(name=name, approved_on=APPROVED),
        by=reviewer,
    )
    url = reverse("admin:awards_standings_export", args=[edition.pk, "csv"])
    rows = list(csv.reader(io.StringIO(admin_client.get(url).content.decode("utf-8-sig"))))
    assert rows[1][0] == "'" + name
    assert rows[1][6] == "'" + name  # the suppliers column

    url = reverse("admin:awards_standings_export", args=[edition.pk, "xlsx"])
    sheet = load_workbook(io.BytesIO(admin_client.get(url).content)).active
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("'" + name, "s")
    assert (sheet["G2"].value, sheet["G2"].data_type) == ("'" + name, "s")


def test_suppliers_of_the_same_name_are_counted_apart(edition, buyer, reviewer):
    for _ in range(2):
        verified_purchase_record(
            buyer, SupplierFactory(name="同名商行", approved_on=APPROVED), by=reviewer
        )
    (row,) = standings(edition)
    assert row.supplier_count == 2
    assert row.supplier_names == ["同名商行", "同名商行"]
