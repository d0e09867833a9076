"""An organisation's attendees are personal data: in the copy it may ask for, and erased when
it closes its account (its place going to the waiting list)."""

import io
import json
import zipfile

import pytest

from accounts import personal_data
from accounts.data_requests import account_close
from programme.models import Attendee, Registration

from .test_registration import register

pytestmark = pytest.mark.django_db


def test_the_copy_holds_the_attendees(activity, buyer_org):
    register(activity, buyer_org, 2)
    archive = io.BytesIO()
    personal_data.export_write(buyer_org, "en", archive)
    with zipfile.ZipFile(archive) as zipped:
        attendees = json.loads(zipped.read("data/activity_attendees.json"))
    assert sorted(row["fields"]["name"] for row in attendees) == ["出席者0", "出席者1"]


def test_closing_the_account_frees_the_seats_and_erases_the_names(
    activity, buyer_org, other_buyer, supplier_org
):
    closing = register(activity, buyer_org, 2)
    register(activity, other_buyer, 2)
    waiting = register(activity, supplier_org, 2)
    account_close(organisation=buyer_org, by=buyer_org.account)
    closing.refresh_from_db()
    waiting.refresh_from_db()
    assert closing.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED
    assert set(Attendee.objects.filter(registration=closing).values_list("name", flat=True)) == {
        "—"
    }
