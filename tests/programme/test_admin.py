"""The organizers' screens: creating and changing an activity, cancelling it, the check-in
list, the attendance export, and a supplier's attendance on the staff's supplier pages."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from activity.models import Activity as LogEntry
from programme.models import Activity, Attendee
from tests import builders

from .conftest import taipei
from .test_registration import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer_client(organizer):
    client = Client()
    client.force_login(organizer)
    client.cookies["django_language"] = "en"
    return client


def form_data(activity, **changes):
    data = {
        "kind": activity.kind,
        "title_zh": activity.title_zh,
        "title_en": activity.title_en,
        "description_zh": activity.description_zh,
        "description_en": activity.description_en,
        "starts_at_0": "2026-12-08",
        "starts_at_1": "14:00",
        "ends_at_0": "2026-12-08",
        "ends_at_1": "17:00",
        "venue": activity.venue,
        "address": activity.address,
        "online_url": "",
        "audience": activity.audience,
        "capacity": activity.capacity,
        "attendees_per_organisation": activity.attendees_per_organisation,
        "registration_opens_at_0": "2026-11-20",
        "registration_opens_at_1": "09:00",
        "registration_closes_at_0": "2026-12-07",
        "registration_closes_at_1": "17:00",
        "buyer_priority": "none",
        "seats_held_for_buyers": 0,
        "registrations-TOTAL_FORMS": 0,
        "registrations-INITIAL_FORMS": 0,
        **changes,
    }
    return data


def test_an_organizer_creates_an_activity_and_is_told_what_is_wrong(organizer_client, activity):
    url = reverse("admin:programme_activity_add")
    response = organizer_client.post(
        url, form_data(activity, ends_at_1="13:00", capacity=0, address="")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The activity must end after it starts." in page
    assert "Give an address or an online link." in page
    response = organizer_client.post(url, form_data(activity, title_en="Workshop"))
    assert response.status_code == 302
    assert Activity.objects.filter(title_en="Workshop").exists()


def test_a_new_time_in_the_admin_is_mailed_to_registrants(
    organizer_client, activity, buyer_org, sent
):
    register(activity, buyer_org)
    url = reverse("admin:programme_activity_change", args=[activity.pk])
    _, mails = sent(lambda: organizer_client.post(url, form_data(activity, starts_at_1="15:00")))
    assert [m.subject for m in mails] == [f"Changed: {activity.title_en}"]
    activity.refresh_from_db()
    assert activity.starts_at == taipei(2026, 12, 8, 15, 0) and activity.sequence == 1


def test_the_cancel_action(organizer_client, activity, buyer_org, sent):
    register(activity, buyer_org)
    _, mails = sent(
        lambda: organizer_client.post(
            reverse("admin:programme_activity_changelist"),
            {"action": "cancel_activities", "_selected_action": [activity.pk]},
        )
    )
    activity.refresh_from_db()
    assert activity.is_cancelled
    assert [m.subject for m in mails] == [f"Cancelled: {activity.title_en}"]


def test_check_in_and_the_attendance_export(organizer_client, activity, buyer_org, organizer):
    registration = register(activity, buyer_org, 2)
    first, second = registration.attendees.all()
    url = reverse("admin:programme_activity_check_in", args=[activity.pk])
    page = organizer_client.get(url).content.decode()
    assert first.name in page and buyer_org.name in page
    organizer_client.post(url, {"attended": [first.pk]})
    first.refresh_from_db()
    assert first.attended_at is not None and first.checked_in_by == organizer
    assert Attendee.objects.get(pk=second.pk).attended_at is None

    response = organizer_client.get(
        reverse("admin:programme_activity_attendance", args=[activity.pk, "csv"])
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][0] == "Organisation"
    assert [row[3] for row in rows[1:]] == [first.name, second.name]
    assert rows[1][5] and not rows[2][5]
    response = organizer_client.get(
        reverse("admin:programme_activity_attendance", args=[activity.pk, "xlsx"])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=2).value == buyer_org.tax_id
    assert LogEntry.objects.filter(kind="export", subject_id=str(activity.pk)).count() == 2


def test_a_reviewer_may_not_check_in(client, activity):
    client.force_login(builders.reviewer())
    url = reverse("admin:programme_activity_check_in", args=[activity.pk])
    assert client.get(url).status_code == 403


def test_the_supplier_list_finds_suppliers_without_attendance(
    organizer_client, activity, supplier_org, organizer, frozen_clock
):
    from tests.factories import SupplierFactory

    absent = SupplierFactory(name="缺席商行")
    registration = register(activity, supplier_org)
    from programme import services

    services.attendance_record(
        activity=activity, by=organizer, attended_ids=[registration.attendees.get().pk]
    )
    url = reverse("admin:suppliers_supplier_changelist")
    page = organizer_client.get(url, {"attended": "none_12m"}).content.decode()
    assert absent.name in page and supplier_org.supplier.name not in page
    page = organizer_client.get(
        reverse("admin:suppliers_supplier_change", args=[supplier_org.supplier.pk])
    ).content.decode()
    assert "Activities attended" in page and activity.title_en in page
