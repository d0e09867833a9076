"""Monthly exposure (參.一(二)3): 3 buyers a month, once per edition, verified records only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from awards.exposure import monthly_exposure
from awards.models import ExposureReading
from awards.services.editions import exposure_consent_set
from awards.services.records import purchase_record_verify
from tests.builders import purchase_record, verified_purchase_record
from tests.factories import OrganisationFactory

from .moments import taipei

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyers(db):
    return {name: OrganisationFactory(name=f"採購方{name}") for name in "ABCDE"}


def month(results, year, number):
    return next(r for r in results if r.month == datetime.date(year, number, 1))


def names(candidates):
    return [c.buyer.name for c in candidates]


def reasons(result):
    return {c.buyer.name: c.reason for c in result.others}


def test_first_uploaders_with_a_tie_and_the_once_per_edition_cap(
    edition, buyers, supplier, reviewer
):
    A, B, C, D, E = (buyers[n] for n in "ABCDE")
    verified_purchase_record(A, supplier, uploaded_at=taipei(2026, 3, 1, 9, 0), by=reviewer)
    verified_purchase_record(B, supplier, uploaded_at=taipei(2026, 3, 2, 10, 0), by=reviewer)
    # C and D upload at the very same moment: the lower record number (C's) goes first.
    verified_purchase_record(C, supplier, uploaded_at=taipei(2026, 3, 3, 10, 0), by=reviewer)
    verified_purchase_record(D, supplier, uploaded_at=taipei(2026, 3, 3, 10, 0), by=reviewer)
    # E was first of all, but staff have not verified its record.
    purchase_record(E, supplier, uploaded_at=taipei(2026, 3, 1, 8, 0))
    # April: A and B come first again but were featured in March; D and E take the places.
    verified_purchase_record(A, supplier, uploaded_at=taipei(2026, 4, 1, 9, 0), by=reviewer)
    verified_purchase_record(D, supplier, uploaded_at=taipei(2026, 4, 2, 9, 0), by=reviewer)
    verified_purchase_record(B, supplier, uploaded_at=taipei(2026, 4, 3, 9, 0), by=reviewer)
    verified_purchase_record(E, supplier, uploaded_at=taipei(2026, 4, 4, 9, 0), by=reviewer)

    results = monthly_exposure(edition)
    march, april = month(results, 2026, 3), month(results, 2026, 4)
    assert names(march.featured) == ["採購方A", "採購方B", "採購方C"]
    assert reasons(march) == {
        "採購方D": "Ranked 4: the 3 places were taken.",
        "採購方E": "Records uploaded this month are not verified yet.",
    }
    assert names(april.featured) == ["採購方D", "採購方E"]
    assert reasons(april) == {
        "採購方A": "Already featured in 2026-03 (once per edition).",
        "採購方B": "Already featured in 2026-03 (once per edition).",
    }
    assert len(results) == 12 and month(results, 2026, 5).featured == []


def test_largest_amounts_with_a_tie_broken_by_the_earlier_upload(
    edition, buyers, supplier, reviewer
):
    edition.exposure_reading = ExposureReading.LARGEST_AMOUNTS
    edition.save()
    A, B, C, D, E = (buyers[n] for n in "ABCDE")
    # A's two records of the month add up.
    verified_purchase_record(
        A, supplier, amount=30_000, uploaded_at=taipei(2026, 3, 5, 9), by=reviewer
    )
    verified_purchase_record(
        A, supplier, amount=20_000, uploaded_at=taipei(2026, 3, 6, 9), by=reviewer
    )
    # B, C and D tie at 40,000: C uploaded first, then B, then D.
    verified_purchase_record(
        B, supplier, amount=40_000, uploaded_at=taipei(2026, 3, 2, 9), by=reviewer
    )
    verified_purchase_record(
        C, supplier, amount=40_000, uploaded_at=taipei(2026, 3, 1, 9), by=reviewer
    )
    verified_purchase_record(
        D, supplier, amount=40_000, uploaded_at=taipei(2026, 3, 3, 9), by=reviewer
    )
    # E's large record is not verified: it does not count.
    purchase_record(E, supplier, amount=900_000, uploaded_at=taipei(2026, 3, 1, 8))
    # April: A has the largest amount but was featured in March.
    verified_purchase_record(
        A, supplier, amount=80_000, uploaded_at=taipei(2026, 4, 1, 9), by=reviewer
    )
    verified_purchase_record(
        D, supplier, amount=5_000, uploaded_at=taipei(2026, 4, 2, 9), by=reviewer
    )

    results = monthly_exposure(edition)
    march, april = month(results, 2026, 3), month(results, 2026, 4)
    assert names(march.featured) == ["採購方A", "採購方C", "採購方B"]
    assert [c.amount for c in march.featured] == [50_000, 40_000, 40_000]
    assert reasons(march)["採購方D"] == "Ranked 4: the 3 places were taken."
    assert reasons(march)["採購方E"] == "Records uploaded this month are not verified yet."
    assert names(april.featured) == ["採購方D"]
    assert reasons(april) == {"採購方A": "Already featured in 2026-03 (once per edition)."}


def test_the_month_is_the_upload_month_in_taipei(edition, buyers, supplier, reviewer):
    # 23:30 in Taipei on 31 March is still March there (15:30 UTC).
    verified_purchase_record(
        buyers["A"], supplier, uploaded_at=taipei(2026, 3, 31, 23, 30), by=reviewer
    )
    results = monthly_exposure(edition)
    assert names(month(results, 2026, 3).featured) == ["採購方A"]
    assert month(results, 2026, 4).featured == []


def test_the_public_page_names_only_buyers_who_consented(
    client, edition, buyers, supplier, reviewer
):
    verified_purchase_record(buyers["A"], supplier, uploaded_at=taipei(2026, 3, 1, 9), by=reviewer)
    verified_purchase_record(buyers["B"], supplier, uploaded_at=taipei(2026, 3, 2, 9), by=reviewer)
    exposure_consent_set(edition=edition, buyer=buyers["B"], by=buyers["B"].account, consent=True)
    html = client.get(reverse("awards:featured")).content.decode()
    assert "採購方B" in html
    assert "採購方A" not in html


def test_the_staff_page_shows_each_month_with_reasons(admin_client, edition, buyers, supplier):
    purchase_record(buyers["E"], supplier, uploaded_at=taipei(2026, 3, 1, 8))
    response = admin_client.get(reverse("admin:awards_exposure", args=[edition.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "2026-03" in html and "2026-12" in html
    assert "採購方E" in html


def test_the_public_page_reads_a_fixed_number_of_queries(
    client, edition, buyers, supplier, reviewer, django_assert_num_queries
):
    """Guards against N+1: the number of queries does not grow with the buyers featured."""
    for day, name in enumerate("ABCDE", start=1):
        verified_purchase_record(
            buyers[name],
            supplier,
            uploaded_at=taipei(2026, 3 + day % 2, day, 9),
            by=reviewer,
        )
        exposure_consent_set(
            edition=edition, buyer=buyers[name], by=buyers[name].account, consent=True
        )
    # The edition, the consents, the records with their buyers, the pavilions of the menu;
    # and the request's savepoint around them.
    with django_assert_num_queries(7):  # with the editions whose results are announced
        html = client.get(reverse("awards:featured")).content.decode()
    assert all(f"採購方{name}" in html for name in "ABCDE")


def consent(edition, *organisations):
    for organisation in organisations:
        exposure_consent_set(
            edition=edition, buyer=organisation, by=organisation.account, consent=True
        )


def test_a_month_in_progress_is_not_public(client, edition, buyers, supplier, reviewer):
    # Today is 26 November 2026: November is not over, so its result may still change.
    verified_purchase_record(buyers["A"], supplier, uploaded_at=taipei(2026, 11, 2, 9), by=reviewer)
    consent(edition, buyers["A"])
    assert names(month(monthly_exposure(edition), 2026, 11).featured) == ["採購方A"]
    assert "採購方A" not in client.get(reverse("awards:featured")).content.decode()


def test_a_month_with_a_record_awaiting_verification_holds_back_itself_and_later_months(
    client, edition, buyers, supplier, reviewer
):
    A, B, E = buyers["A"], buyers["B"], buyers["E"]
    verified_purchase_record(A, supplier, uploaded_at=taipei(2026, 3, 1, 9), by=reviewer)
    waiting = purchase_record(E, supplier, uploaded_at=taipei(2026, 3, 1, 8))
    # Whether B is featured in April depends on March: if E's record is verified, E takes
    # a March place; B in April is final only once March is.
    verified_purchase_record(B, supplier, uploaded_at=taipei(2026, 4, 1, 9), by=reviewer)
    consent(edition, A, B, E)
    html = client.get(reverse("awards:featured")).content.decode()
    assert "採購方A" not in html and "採購方B" not in html

    results = monthly_exposure(edition)
    assert [r.final for r in results[:4]] == [True, True, False, True]
    with translation.override("en"):
        assert month(results, 2026, 3).state == "Provisional (1 record awaits verification)"
        assert month(results, 2026, 11).state == "Provisional (the month is not over)"
        assert month(results, 2026, 4).state == "Final"

    purchase_record_verify(record=waiting, by=reviewer)
    html = client.get(reverse("awards:featured")).content.decode()
    assert all(name in html for name in ("採購方A", "採購方E", "採購方B"))


def test_the_staff_page_marks_each_month_final_or_provisional(
    admin_client, edition, buyers, supplier
):
    purchase_record(buyers["E"], supplier, uploaded_at=taipei(2026, 3, 1, 8))
    admin_client.cookies["django_language"] = "en"
    html = admin_client.get(reverse("admin:awards_exposure", args=[edition.pk])).content.decode()
    assert "Provisional (1 record awaits verification)" in html
    assert "Provisional (the month is not over)" in html
    assert "Final" in html


def test_with_nobody_featured_yet_the_public_page_says_so(client, edition, buyers, supplier):
    html = client.get(reverse("awards:featured")).content.decode()
    assert 'id="no-featured-buyers"' in html
    assert reverse("account_signup") in html


def test_the_empty_state_goes_once_a_buyer_is_featured(client, edition, buyers, supplier, reviewer):
    verified_purchase_record(buyers["A"], supplier, uploaded_at=taipei(2026, 3, 1, 9), by=reviewer)
    consent(edition, buyers["A"])
    html = client.get(reverse("awards:featured")).content.decode()
    assert "採購方A" in html and 'id="no-featured-buyers"' not in html
