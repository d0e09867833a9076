"""The dashboard's figures on the known data set of conftest.py, against hand-counted values."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from coaching.models import CoachingCase
from figures import selectors
from figures.periods import Period
from programme.models import Registration
from tests.builders import verified_purchase_record
from tests.factories import OrganisationFactory, SupplierFactory
from tests.figures.conftest import Q3
from tests.programme.conftest import make_activity, taipei

pytestmark = pytest.mark.django_db

BEFORE = Q3.previous()


def _table(sections, key):
    return next(t for s in sections for t in s.tables if t.key == key)


def _rows(table) -> dict:
    return {row[0]: row[1:] for row in table.rows}


@pytest.fixture
def sections(known_data):
    with translation.override("en"):
        return selectors.dashboard(Q3, everything=True)


def test_the_previous_period_has_the_same_length_just_before():
    assert Period(datetime.date(2026, 3, 31), datetime.date(2026, 6, 30)) == BEFORE


def test_buyers_registered_by_organisation_type(sections):
    rows = _rows(_table(sections, "buyers_by_type"))
    assert rows["Government agency (central or local)"] == [2, 0]
    assert rows["Registered company"] == [1, 0]
    assert rows["Public enterprise"] == [0, 1]
    assert rows["Legal person (foundation, association, school…)"] == [0, 0]


def test_applications_received_and_decided(sections):
    rows = _rows(_table(sections, "applications"))
    assert rows == {
        "Received": [5, 1],
        "Approved": [2, 1],
        "Rejected": [1, 0],
        "Withdrawn": [1, 0],
    }


def test_review_time_against_the_five_working_day_clock(sections):
    rows = _rows(_table(sections, "review_time"))
    assert rows["Applications decided"] == [3, 1]
    assert rows["Median review time (working days)"] == [5, 3]
    assert rows["Decided within the due date"] == [2, 1]
    assert rows["Share decided within the due date (%)"] == [67, 100]
    late = _table(sections, "late_decisions").rows
    assert late == [
        [
            "遲到審查有限公司",
            datetime.date(2026, 8, 4),
            datetime.date(2026, 8, 11),
            datetime.date(2026, 8, 13),
            7,
        ]
    ]


def test_suppliers_by_pavilion_size_group_and_district(sections):
    pavilions = _rows(_table(sections, "suppliers_by_pavilion"))
    assert pavilions["Lifestyle"] == [1, 0]
    assert pavilions["Biotech & Health"] == [0, 1]
    assert sum(row[0] for row in pavilions.values()) == 1
    assert _rows(_table(sections, "suppliers_by_size_group")) == {
        "SME group": [1, 1],
        "Startup group": [2, 0],
    }
    districts = _rows(_table(sections, "suppliers_by_district"))
    assert districts["Xinyi District"] == [2, 0]
    assert districts["Neihu District"] == [1, 0]
    assert districts["Zhongzheng District"] == [0, 1]
    assert sum(row[0] for row in districts.values()) == 3


def test_products_listed_and_delisted_with_reasons(sections):
    assert _rows(_table(sections, "products")) == {"First listed": [1, 1], "Delisted": [1, 0]}
    reasons = _rows(_table(sections, "delisting_reasons"))
    assert reasons["False advertising (Fair Trade Act, Article 21, paragraph 1)"] == [1, 0]
    assert reasons["Violates food-safety law"] == [1, 0]
    assert reasons["The supplier was disqualified"] == [0, 0]
    assert sum(row[0] for row in reasons.values()) == 2


def test_reports_by_outcome(sections):
    assert _rows(_table(sections, "reports_by_outcome")) == {
        "New": [2, 0],
        "Investigating": [0, 0],
        "Dismissed": [1, 1],
        "Upheld": [1, 0],
    }


def test_verified_purchases_by_month_buyer_type_and_pavilion(sections):
    assert _table(sections, "purchases_by_month").rows == [
        ["2026-07", 2, 15_000],
        ["2026-09", 1, 20_000],
    ]
    by_type = _rows(_table(sections, "purchases_by_buyer_type"))
    assert by_type["Government agency (central or local)"] == [30_000, 0]
    assert by_type["Registered company"] == [5_000, 7_000]
    by_pavilion = _rows(_table(sections, "purchases_by_pavilion"))
    assert by_pavilion["Lifestyle"] == [30_000, 0]
    assert by_pavilion["Biotech & Health"] == [10_000, 0]
    assert by_pavilion["No product named"] == [5_000, 7_000]


def test_the_figures_take_as_many_queries_with_more_data(known_data, reviewer):
    """Guards against a loop over rows: more records, products and buyers, same queries."""
    with CaptureQueriesContext(connection) as before:
        selectors.dashboard(Q3, everything=True)
    buyer = OrganisationFactory()
    for day in range(1, 6):
        verified_purchase_record(
            buyer, known_data, by=reviewer, amount=1_000, purchased_on=datetime.date(2026, 8, day)
        )
    with CaptureQueriesContext(connection) as after:
        selectors.dashboard(Q3, everything=True)
    assert len(after) == len(before)


def _registration(activity, *, status="confirmed", names=("王小明",), came=(), by=None):
    organisation = OrganisationFactory()
    registration = Registration.objects.create(
        activity=activity,
        organisation=organisation,
        as_buyer=True,
        registered_by=organisation.account,
        status=status,
        seats=len(names),
        confirmed_at=timezone.now() if status == "confirmed" else None,
        cancelled_at=timezone.now() if status == "cancelled" else None,
    )
    for name in names:
        registration.attendees.create(
            name=name,
            attended_at=timezone.now() if name in came else None,
            checked_in_by=by if name in came else None,
        )


def test_activities_held_and_their_attendees_by_kind(db, reviewer):
    workshop = make_activity(
        kind="workshop",
        starts_at=taipei(2026, 8, 5, 14, 0),
        ends_at=taipei(2026, 8, 5, 17, 0),
        registration_opens_at=taipei(2026, 7, 1, 9, 0),
        registration_closes_at=taipei(2026, 8, 4, 17, 0),
    )
    _registration(workshop, names=("王小明", "陳美玲"), came=("王小明",), by=reviewer)
    _registration(workshop, names=("林志豪",), came=("林志豪",), by=reviewer)
    _registration(workshop, status="waiting", names=("候補者",))
    _registration(workshop, status="cancelled", names=("取消者",))
    cancelled = make_activity(
        kind="workshop",
        starts_at=taipei(2026, 9, 1, 14, 0),
        ends_at=taipei(2026, 9, 1, 17, 0),
        registration_opens_at=taipei(2026, 7, 1, 9, 0),
        registration_closes_at=taipei(2026, 8, 30, 17, 0),
    )
    cancelled.status = "cancelled"
    cancelled.save()
    _registration(cancelled, names=("張三",))
    make_activity(
        kind="briefing",
        starts_at=taipei(2026, 5, 5, 10, 0),
        ends_at=taipei(2026, 5, 5, 12, 0),
        registration_opens_at=taipei(2026, 4, 1, 9, 0),
        registration_closes_at=taipei(2026, 5, 4, 17, 0),
    )
    with translation.override("en"):
        sections = selectors.dashboard(Q3, everything=True)
    held = _rows(_table(sections, "activities_held"))
    assert held["Hands-on workshop"] == [1, 0]
    assert held["Recruitment briefing"] == [0, 1]
    assert _rows(_table(sections, "attendees_registered"))["Hands-on workshop"] == [3, 0]
    assert _rows(_table(sections, "attendees_checked_in"))["Hands-on workshop"] == [2, 0]


def test_coaching_cases_and_hours_by_topic(db):
    supplier = SupplierFactory()

    def case(topic, submitted, status="submitted"):
        return CoachingCase.objects.create(
            supplier=supplier,
            topic=topic,
            topic_other="展會設計" if topic == "other" else "",
            needs="品牌重塑",
            preferred_times="週三下午",
            submitted_at=taipei(*submitted),
            year=submitted[0],
            status=status,
            coach_name="" if status in ("submitted", "withdrawn") else "陳顧問",
        )

    branding = case("brand_marketing", (2026, 7, 2, 10, 0), status="in_progress")
    case("brand_marketing", (2026, 9, 30, 23, 0), status="withdrawn")
    case("digital_tools", (2026, 5, 20, 9, 0), status="closed")
    for held_on, hours in [(datetime.date(2026, 8, 1), "2.5"), (datetime.date(2026, 8, 15), "3")]:
        branding.sessions.create(
            starts_at=taipei(held_on.year, held_on.month, held_on.day, 14, 0),
            place="產業發展局",
            held_on=held_on,
            hours=Decimal(hours),
            outcome="完成品牌定位",
        )
    branding.sessions.create(starts_at=taipei(2026, 10, 1, 14, 0), place="產業發展局")
    with translation.override("en"):
        sections = selectors.dashboard(Q3, everything=True)
    by_topic = _rows(_table(sections, "coaching_by_topic"))
    assert by_topic["Brand marketing"] == [2, 0]
    assert by_topic["Digital tools"] == [0, 1]
    by_status = _rows(_table(sections, "coaching_by_status"))
    assert by_status["In progress"] == [1, 0]
    assert by_status["Withdrawn"] == [1, 0]
    assert by_status["Closed"] == [0, 1]
    assert _rows(_table(sections, "coaching_hours"))["Brand marketing"] == [Decimal("5.5"), 0]
