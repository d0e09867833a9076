"""The staff screens read in the reader's language and in Taipei time: a history's entries (the
time above each row and in its column), statuses by their labels, never codes or UTC."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from reports import services as report_services
from suppliers.models import ApplicationEvent
from tests.builders import complete_application, draft_application, listed_supplier
from tests.builders import submitted_application as submit
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

# 16:30 UTC on 2 March is half past midnight on 3 March in Taipei (UTC+8).
INSTANT = datetime.datetime(2026, 3, 2, 16, 30, tzinfo=datetime.UTC)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def staff_client(user, language="zh-hant") -> Client:
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user)
    return client


def section(html: str, heading: str) -> str:
    """The text of the inline group under ``heading``."""
    start = re.search(rf'class="inline-heading">\s*{heading}', html).start()
    return text(html[start : html.index("</fieldset>", start)])


@pytest.fixture
def application():
    organisation = OrganisationFactory(tax_id="04541302", name="好物設計股份有限公司")
    with time_machine.travel(INSTANT, tick=False):
        return submit(complete_application(draft_application(organisation)))


def test_a_history_entry_is_shown_in_taipei_time(reviewer, application):
    submitted = ApplicationEvent.objects.get(application=application, to_status="submitted")
    assert submitted.at == INSTANT

    html = staff_client(reviewer).get(
        reverse("admin:suppliers_application_change", args=[application.pk])
    )
    trail = section(html.content.decode(), "稽核軌跡")
    assert "2026年3月3日 00:30" in trail  # the entry's time column
    assert "狀態變更 · 2026-03-03 00:30" in trail  # the entry's name above the row
    assert "16:30" not in trail and "2026-03-02" not in trail

    english = staff_client(reviewer, "en").get(
        reverse("admin:suppliers_application_change", args=[application.pk])
    )
    assert "3 Mar 2026, 00:30" in text(english.content.decode())  # the portal's English format


def test_statuses_appear_by_their_labels_in_chinese(reviewer, application):
    html = (
        staff_client(reviewer)
        .get(reverse("admin:suppliers_application_change", args=[application.pk]))
        .content.decode()
    )
    trail = section(html, "稽核軌跡")
    assert "草稿 已送出，待審核" in trail  # from and to, by their labels
    assert "submitted" not in trail and "draft" not in trail

    queue = text(
        staff_client(reviewer)
        .get(reverse("admin:suppliers_application_changelist") + "?next=all")
        .content.decode()
    )
    assert "審核人員" in queue  # who acts next, by its label


def test_a_report_history_names_its_statuses(reviewer):
    supplier = listed_supplier()
    report = report_services.report_submit(
        supplier=supplier,
        product=None,
        reason="false_information",
        description="網頁上的認證標章是假的。",
        contact_email="reporter@example.com",
        language="zh-hant",
        evidence=[],
    )
    with time_machine.travel(INSTANT, tick=False):
        report_services.report_investigate(report=report, by=reviewer)

    html = (
        staff_client(reviewer)
        .get(reverse("admin:reports_report_change", args=[report.pk]))
        .content.decode()
    )
    history = section(html, "歷程")
    assert "2026-03-03 00:30 新通報 → 調查中" in history, history
    assert "investigating" not in history
