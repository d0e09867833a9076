"""One activity log across the portal: what staff did, filtered, exported as CSV, never
changed."""

import csv
import datetime
import io

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from activity.models import Activity
from catalog import services as catalog_services
from review import services
from tests.builders import accept_documents, listed_supplier, record_all_checks, staff
from tops.models import HistoryIsAppendOnly

pytestmark = pytest.mark.django_db

LOG = reverse("admin:activity_activity_changelist")


@pytest.fixture(autouse=True)
def _english_admin(client):
    client.cookies["django_language"] = "en"


def actions():
    return [
        (a.kind, a.action, a.by.get_username() if a.by else None)
        for a in Activity.objects.order_by("pk")
    ]


def test_decisions_take_overs_due_dates_and_refreshes_are_logged(
    submitted, reviewer, organizer, registry
):
    colleague = staff("Reviewer", "colleague", email="colleague@example.gov.taipei")
    services.application_take(application=submitted, by=reviewer)
    services.application_take(application=submitted, by=colleague, from_colleague=True)
    services.due_date_move(
        application=submitted,
        by=organizer,
        due_on=submitted.due_on + datetime.timedelta(days=7),
        reason="颱風停班",
    )
    services.registry_refresh(application=submitted, by=colleague)
    record_all_checks(submitted, colleague)
    accept_documents(submitted, colleague)
    services.application_approve(application=submitted, by=colleague)
    assert actions() == [
        ("take_over", "Took over an application", "colleague"),
        ("due_date_move", "Moved an application's due date", "organizer"),
        ("registry_refresh", "Asked the company registry again", "colleague"),
        ("decision", "Approved an application", "colleague"),
    ]
    take_over = Activity.objects.get(kind="take_over")
    assert take_over.note == "reviewer → colleague"
    assert take_over.subject_id == str(submitted.pk)


def test_delistings_and_disqualifications_are_logged(reviewer, organizer, list_product):
    from suppliers.lifecycle import supplier_disqualify

    supplier = listed_supplier()
    product = list_product(supplier, "竹編提籃")
    catalog_services.product_delist(
        product=product, by=reviewer, reasons=["information_mismatch"], note="圖文不符"
    )
    supplier_disqualify(
        supplier=supplier, by=organizer, route="audit", ground="violation", reason="欠稅"
    )
    kinds = [kind for kind, _a, _b in actions()]
    assert kinds == ["decision", "delisting", "disqualification"]  # listed, delisted, out


def test_the_log_is_filtered_and_exported_as_csv(client, reviewer, organizer, submitted):
    with time_machine.travel("2026-12-01 10:00 +0800", tick=False):
        services.application_take(application=submitted, by=organizer)
        services.application_take(application=submitted, by=reviewer, from_colleague=True)
    with time_machine.travel("2026-12-02 10:00 +0800", tick=False):
        services.application_reject(application=submitted, by=reviewer, reasons="=HYPERLINK(1)")
    client.force_login(organizer)
    page = client.get(LOG, {"kind__exact": "decision"})
    assert [str(a.action) for a in page.context["cl"].result_list] == ["Rejected an application"]
    by_day = client.get(LOG, {"at__day": "1", "at__month": "12", "at__year": "2026"})
    assert len(by_day.context["cl"].result_list) == 1
    one_record = client.get(
        LOG,
        {
            "subject_type__id__exact": Activity.objects.first().subject_type_id,
            "subject_id": submitted.pk,
        },
    )
    assert len(one_record.context["cl"].result_list) == 2
    response = client.get(reverse("admin:activity_activity_export"), {"kind__exact": "decision"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert rows[0] == ["When", "Kind", "By", "What was done", "Record", "Record id", "Note"]
    assert rows[1][:4] == ["2026-12-02 10:00:00", "Decision", "reviewer", "Rejected an application"]
    assert rows[1][6] == "'=HYPERLINK(1)"  # never run as a formula
    assert len(rows) == 2
    assert Activity.objects.filter(kind="export", by=organizer).count() == 1


def test_staff_without_a_role_do_not_see_the_log(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True))
    assert client.get(LOG).status_code == 403
    assert client.get(reverse("admin:activity_activity_export")).status_code == 403


def test_entries_are_never_changed(reviewer, submitted, organizer):
    services.application_take(application=submitted, by=organizer)
    services.application_take(application=submitted, by=reviewer, from_colleague=True)
    entry = Activity.objects.get()
    entry.note = "rewritten"
    with pytest.raises(HistoryIsAppendOnly):
        entry.save()
    with pytest.raises(HistoryIsAppendOnly):
        Activity.objects.all().delete()
    if connection.vendor == "postgresql":
        from django.db import DatabaseError, transaction

        with (
            pytest.raises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("UPDATE activity_activity SET note = 'x'")


def test_an_application_page_links_to_its_activity(client, reviewer, organizer, submitted):
    services.application_take(application=submitted, by=organizer)
    services.application_take(application=submitted, by=reviewer, from_colleague=True)
    client.force_login(reviewer)
    page = client.get(reverse("admin:suppliers_application_change", args=[submitted.pk]))
    url = page.context["activity_url"]
    assert f'href="{url.replace("&", "&amp;")}"' in page.content.decode()
    listed = client.get(url).context["cl"].result_list
    assert [entry.action for entry in listed] == ["Took over an application"]


def test_profile_change_decisions_are_logged(reviewer):
    from suppliers import profile_changes

    supplier = listed_supplier()
    for name, decide in (
        (
            "綠色工坊",
            lambda change: profile_changes.profile_change_accept(change=change, by=reviewer),
        ),
        (
            "綠色工坊二號",
            lambda change: profile_changes.profile_change_reject(
                change=change, by=reviewer, reason="名稱與登記不符"
            ),
        ),
    ):
        decide(
            profile_changes.profile_change_send(
                supplier=supplier, by=supplier.organisation.account, values={"name": name}
            )
        )
    assert actions() == [
        ("decision", "Accepted a supplier's profile change", "reviewer"),
        ("decision", "Rejected a supplier's profile change", "reviewer"),
    ]
