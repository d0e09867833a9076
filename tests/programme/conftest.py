import datetime
import zoneinfo

import pytest
import time_machine

from programme.models import Activity
from tests.factories import OrganisationFactory, SupplierFactory
from tops.mail import deliver
from tops.models import OutgoingMail

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")


def taipei(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=TAIPEI)


# Registration for the `activity` fixture is open; the activity is a week later.
NOW = taipei(2026, 12, 1, 10, 0)


def make_activity(**fields) -> Activity:
    """A matchmaking meeting on 8 December 2026 in Taipei, registration open since November."""
    values = {
        "kind": "matchmaking",
        "title_zh": "永續採購媒合會",
        "title_en": "Sustainable purchasing matchmaking",
        "description_zh": "採購方與供應方一對一洽談。",
        "description_en": "One-to-one meetings between buyers and suppliers.",
        "starts_at": taipei(2026, 12, 8, 14, 0),
        "ends_at": taipei(2026, 12, 8, 17, 0),
        "venue": "臺北市政府 1 樓",
        "address": "臺北市信義區市府路1號",
        "capacity": 4,
        "attendees_per_organisation": 2,
        "audience": "both",
        "registration_opens_at": taipei(2026, 11, 20, 9, 0),
        "registration_closes_at": taipei(2026, 12, 7, 17, 0),
        **fields,
    }
    activity = Activity(**values)
    activity.full_clean()
    activity.save()
    return activity


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def activity(db):
    return make_activity()


@pytest.fixture
def buyer_org(db):
    return OrganisationFactory(
        account__email="buyer@example.com",
        account__preferred_language="en",
        name="好買股份有限公司",
    )


@pytest.fixture
def supplier_org(db):
    """An organisation with a listed supplier: it takes part as a supplier."""
    return SupplierFactory(
        name="好食農產",
        organisation__account__email="supplier@example.com",
        organisation__account__preferred_language="en",
    ).organisation


@pytest.fixture
def other_buyer(db):
    return OrganisationFactory(account__email="other@example.com", account__preferred_language="en")


@pytest.fixture
def sent(django_capture_on_commit_callbacks, mailoutbox):
    """Run ``step`` and return the mails it sent, through the outbox as in production: the
    worker's send runs here (in process on the embedded default; with a broker and no worker
    in these tests, by delivering the new outbox rows as the worker would)."""

    def run(step):
        before = len(mailoutbox)
        last = OutgoingMail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        with django_capture_on_commit_callbacks(execute=True):
            result = step()
        for pk in (
            OutgoingMail.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)
        ):
            deliver(pk)
        return result, mailoutbox[before:]

    return run
