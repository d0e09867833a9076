import datetime
import zoneinfo
from decimal import Decimal

import pytest

from coaching import services
from tests.builders import listed_supplier

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")


@pytest.fixture(autouse=True)
def english_pages(client):
    """The pages are read in English (the supplier reads its mail in English too)."""
    client.cookies["django_language"] = "en"


@pytest.fixture
def supplier(db):
    return listed_supplier(email="green@example.com", language="en")


@pytest.fixture
def other_supplier(db):
    return listed_supplier("木工坊", tax_id="04541302", email="wood@example.com", language="en")


def apply(supplier, topic="brand_marketing", **fields):
    return services.case_submit(
        supplier=supplier,
        by=supplier.organisation.account,
        topic=topic,
        needs=fields.pop("needs", "想建立品牌故事與社群經營方式。"),
        preferred_times=fields.pop("preferred_times", "週二、週四下午"),
        **fields,
    )


def in_progress(case, by):
    """The case with a consultant assigned and one session proposed."""
    services.case_assign(case=case, by=by, coach_name="王顧問（好設計顧問公司）")
    session = services.session_propose(
        case=case,
        by=by,
        starts_at=datetime.datetime(2026, 12, 15, 14, 0, tzinfo=TAIPEI),
        place="台北市政府 B1 會議室",
    )
    case.refresh_from_db()
    return case, session


def closed(case, by):
    case, session = in_progress(case, by)
    services.session_record(
        session=session,
        by=by,
        held_on=datetime.date(2026, 12, 15),
        hours=Decimal("2.0"),
        outcome="完成品牌定位草案。",
    )
    case = services.case_close(case=case, by=by)
    return case
