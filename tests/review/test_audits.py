"""Re-checks of listed suppliers (查核, 參.二(五)3): who is due, recording one in the admin,
and a finding disqualifying the supplier at once (參.二(一)1(5)B)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from catalog.models import Product
from review import audits
from review.models import CaseDecision, SupplierAudit, ViolationCheckRecord
from suppliers.models import Notice, Supplier, SupplierEvent
from suppliers.violations import VIOLATION_CHECKS
from tests.builders import listed_supplier, staff
from tests.factories import OrganisationFactory, SupplierFactory, UserFactory
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
TODAY = datetime.date(2026, 11, 26)
SUPPLIERS = reverse("admin:suppliers_supplier_changelist")


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2026, 11, 26, 9, 30, tzinfo=TAIPEI), tick=False):
        yield


@pytest.fixture(autouse=True)
def english_admin(client):
    client.cookies["django_language"] = "en"


def checked_at_approval(supplier, checked_on, reviewer):
    """The 7 checks of the review that listed ``supplier``, made on ``checked_on``."""
    for check in VIOLATION_CHECKS:
        ViolationCheckRecord.objects.create(
            application=supplier.application,
            item=check.number,
            result="none_found",
            source=str(check.source),
            checked_on=checked_on,
            recorded_by=reviewer,
        )


def nothing_found(on=TODAY):
    return [(check.number, "none_found", str(check.source), on, "") for check in VIOLATION_CHECKS]


def rechecked(supplier, on, reviewer):
    with time_machine.travel(datetime.datetime.combine(on, datetime.time(10), TAIPEI)):
        return audits.audit_record(supplier=supplier, by=reviewer, checks=nothing_found(on))


def supplier_named(name, tax_id, **fields):
    return SupplierFactory(name=name, organisation__tax_id=tax_id, **fields)


@pytest.fixture
def suppliers(reviewer):
    never = supplier_named("從未查核", "22099131")
    year_ago = supplier_named("滿一年", "04541302")
    checked_at_approval(year_ago, datetime.date(2025, 11, 26), reviewer)
    day_short = supplier_named("差一天", "96979933")
    checked_at_approval(day_short, datetime.date(2025, 11, 27), reviewer)
    old_audit = supplier_named("上次查核已久", "97176270")
    checked_at_approval(old_audit, datetime.date(2024, 3, 1), reviewer)
    rechecked(old_audit, datetime.date(2025, 10, 1), reviewer)
    recent_audit = supplier_named("近期查核", "22555003")
    checked_at_approval(recent_audit, datetime.date(2024, 3, 1), reviewer)
    rechecked(recent_audit, datetime.date(2026, 5, 4), reviewer)
    disqualified = supplier_named("已取消資格", "03374707", status="disqualified")
    return {
        "never": never,
        "year_ago": year_ago,
        "day_short": day_short,
        "old_audit": old_audit,
        "recent_audit": recent_audit,
        "disqualified": disqualified,
    }


def due_names(today=TODAY):
    return sorted(audits.due_for_recheck(today).values_list("name", flat=True))


class TestWhoIsDue:
    def test_never_checked_or_last_checked_twelve_months_ago(self, suppliers):
        assert due_names() == sorted(["從未查核", "滿一年", "上次查核已久"])

    def test_a_day_later_the_next_one_is_due(self, suppliers):
        assert "差一天" in due_names(TODAY + datetime.timedelta(days=1))

    def test_the_latest_re_check_counts_over_the_review(self, suppliers, reviewer):
        # Checked at approval long ago, but re-checked in May: not due.
        assert "近期查核" not in due_names()
        assert "近期查核" in due_names(datetime.date(2027, 5, 4))

    def test_a_newer_review_counts_over_an_older_re_check(self, reviewer):
        """Re-checked in 2025, then disqualified and approved again after a fresh review."""
        supplier = supplier_named("重新登錄", "10458575")
        rechecked(supplier, datetime.date(2025, 1, 10), reviewer)
        checked_at_approval(supplier, datetime.date(2026, 9, 1), reviewer)
        assert "重新登錄" not in due_names()

    def test_recording_a_re_check_takes_the_supplier_off_the_list(self, suppliers, reviewer):
        audits.audit_record(supplier=suppliers["never"], by=reviewer, checks=nothing_found())
        assert "從未查核" not in due_names()
        [event] = suppliers["never"].events.all()
        assert (event.kind, event.note, event.by) == ("audited", "Nothing found.", reviewer)


class TestTheService:
    def test_all_seven_items_or_nothing(self, reviewer):
        supplier = supplier_named("少一項", "22099131")
        six = nothing_found()[:6]
        with pytest.raises(StepRefused, match="all 7 items"):
            audits.audit_record(supplier=supplier, by=reviewer, checks=six)
        twice = [*six, nothing_found()[0]]
        with pytest.raises(StepRefused):
            audits.audit_record(supplier=supplier, by=reviewer, checks=twice)
        assert not SupplierAudit.objects.exists() and not supplier.events.exists()

    def test_a_disqualified_supplier_is_not_re_checked(self, reviewer):
        supplier = supplier_named("已取消資格", "22099131", status="disqualified")
        with pytest.raises(StepRefused):
            audits.audit_record(supplier=supplier, by=reviewer, checks=nothing_found())
        assert not SupplierAudit.objects.exists()


def recheck_url(supplier):
    return reverse("admin:review_supplier_recheck", args=[supplier.pk])


def recheck_data(**changes):
    data = {}
    for number in range(1, 8):
        data |= {
            f"item{number}_result": "none_found",
            f"item{number}_source": "查詢系統",
            f"item{number}_checked_on": "2026-11-26",
            f"item{number}_note": "",
        }
    return data | changes


class TestTheAdmin:
    def test_the_due_filter(self, client, reviewer, suppliers):
        client.force_login(reviewer)
        response = client.get(SUPPLIERS, {"recheck": "due"})
        assert response.status_code == 200
        listed = sorted(supplier.name for supplier in response.context["cl"].result_list)
        assert listed == sorted(["從未查核", "滿一年", "上次查核已久"])
        everyone = client.get(SUPPLIERS).context["cl"].result_list
        assert len(everyone) == 6

    def test_the_list_says_when_each_was_last_checked(self, client, reviewer, suppliers):
        client.force_login(reviewer)
        html = client.get(SUPPLIERS).content.decode()
        assert "26 Nov 2025 (due)" in html and "4 May 2026" in html and "never" in html
        assert "27 Nov 2025 (due)" not in html and "27 Nov 2025" in html

    def test_only_reviewers_record_a_re_check(self, client, reviewer):
        supplier = supplier_named("綠色工作室", "22099131")
        url = recheck_url(supplier)
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url
        client.force_login(OrganisationFactory(tax_id="04541302").account)  # a buyer
        assert client.get(url).status_code == 302
        client.force_login(UserFactory(is_staff=True))  # staff without the reviewer's role
        assert client.get(url).status_code == 403
        assert client.post(url, recheck_data()).status_code == 403
        assert not SupplierAudit.objects.exists()
        client.force_login(reviewer)
        page = client.get(url)
        assert page.status_code == 200
        assert "Judicial Yuan judgment search system" in page.content.decode()  # prefilled

    def test_recording_a_re_check_with_nothing_found(self, client, reviewer):
        supplier = supplier_named("綠色工作室", "22099131")
        client.force_login(reviewer)
        response = client.post(recheck_url(supplier), recheck_data())
        assert response.status_code == 302
        assert response.url == reverse("admin:suppliers_supplier_change", args=[supplier.pk])
        audit = SupplierAudit.objects.get(supplier=supplier)
        assert audit.checks.count() == 7 and audit.disqualification is None
        assert audit.audited_by == reviewer
        supplier.refresh_from_db()
        assert supplier.status == "active"
        assert "綠色工作室" not in due_names()
        page = client.get(response.url).content.decode()
        assert "The re-check is recorded." in page
        assert "Re-checked" in page  # the history entry
        assert client.get(SUPPLIERS, {"recheck": "due"}).context["cl"].result_count == 0

    def test_a_re_check_missing_an_item_is_refused(self, client, reviewer):
        supplier = supplier_named("綠色工作室", "22099131")
        client.force_login(reviewer)
        data = recheck_data()
        del data["item4_result"]
        response = client.post(recheck_url(supplier), data)
        assert response.status_code == 200
        assert response.context["form"].errors["item4_result"] == [
            "Record the result of this item."
        ]
        assert "Please correct the errors below." in response.content.decode()
        assert not SupplierAudit.objects.exists() and not supplier.events.exists()
        assert "綠色工作室" in due_names()

    def test_a_finding_needs_a_note(self, client, reviewer):
        supplier = supplier_named("綠色工作室", "22099131")
        client.force_login(reviewer)
        response = client.post(recheck_url(supplier), recheck_data(item3_result="found"))
        assert response.context["form"].errors["item3_note"] == ["Say what was found."]
        supplier.refresh_from_db()
        assert supplier.status == "active" and not SupplierAudit.objects.exists()


class TestAFindingDisqualifies:
    @pytest.fixture
    def supplier(self, reviewer, list_product):
        supplier = listed_supplier(email="green@example.com", language="en")
        list_product(supplier, "竹編提籃")
        list_product(supplier, "手工皂")
        return supplier

    def test_at_once_with_its_products_and_the_written_notice(
        self, client, reviewer, supplier, mailbox
    ):
        other = SupplierFactory(organisation__tax_id="04541302")
        mailbox.clear()  # the products' listing notices
        client.force_login(reviewer)
        response = client.post(
            recheck_url(supplier),
            recheck_data(
                item3_result="found",
                item3_source="臺北市稅捐稽徵處欠稅名單",
                item3_note="列於重大欠稅名單",
                item3_violation_on="2025-06-01",
            ),
        )
        assert response.status_code == 302

        supplier.refresh_from_db()
        assert supplier.status == Supplier.Status.DISQUALIFIED
        audit = SupplierAudit.objects.get(supplier=supplier)
        disqualification = audit.disqualification
        assert (disqualification.route, disqualification.ground) == ("audit", "violation")
        assert disqualification.effective_on == TODAY
        assert disqualification.reason == "Tax arrears within the last 3 years: 列於重大欠稅名單"
        assert disqualification.evidence == "3. 臺北市稅捐稽徵處欠稅名單 (2026-11-26)"
        assert set(supplier.products.values_list("status", flat=True)) == {"delisted"}
        assert list(supplier.events.values_list("kind", flat=True)) == [
            SupplierEvent.Kind.DISQUALIFIED,
            SupplierEvent.Kind.AUDITED,
        ]
        assert supplier.events.get(kind="audited").note == "Found: 3"
        other.refresh_from_db()
        assert other.status == "active"

        for product in Product.objects.filter(supplier=supplier):
            assert client.get(reverse("catalog:product", args=[product.pk])).status_code == 404
        assert client.get(reverse("catalog:supplier", args=[supplier.pk])).status_code == 404

        notice = disqualification.notice
        assert notice.recipient == "green@example.com"
        assert Notice.objects.filter(pk=notice.pk).exists()  # kept word for word
        [mail] = mailbox.wait_for(to="green@example.com", subject="Written notice")
        assert mail.body.strip() == notice.body.strip()
        assert "is cancelled from 26 Nov 2026" in mail.body
        assert "列於重大欠稅名單" in mail.body
        assert "- 竹編提籃" in mail.body and "- 手工皂" in mail.body
        assert "you may appeal in writing" in mail.body

    def test_several_findings_are_all_named(self, reviewer, supplier):
        checks = nothing_found()
        checks[0] = (1, "found", "司法院裁判書查詢", TODAY, "負責人經判決確定")
        checks[5] = (6, "found", "食藥署公告", TODAY, "產品檢驗不合格")
        audit = audits.audit_record(supplier=supplier, by=reviewer, checks=checks)
        reason = audit.disqualification.reason
        assert "負責人經判決確定" in reason and "產品檢驗不合格" in reason
        assert supplier.events.get(kind="audited").note == "Found: 1, 6"
        assert not audits.due_for_recheck(TODAY).filter(pk=supplier.pk).exists()

    def test_a_finding_covered_by_the_organizers_decision_does_not_disqualify(self, reviewer):
        supplier = SupplierFactory(organisation__tax_id="04595257")
        CaseDecision.objects.create(
            application=supplier.application,
            reason="裁罰已繳清，主辦單位個案認定。",
            covered_items=[5],
            decided_by=staff("Organizer", username="organizer"),
        )
        checks = nothing_found()
        checks[4] = (5, "found", "勞動部違反勞動法令查詢", TODAY, "2024年裁罰，已繳清")
        audit = audits.audit_record(supplier=supplier, by=reviewer, checks=checks)
        supplier.refresh_from_db()
        assert audit.disqualification is None and supplier.status == "active"
        assert "covered by the organizer's case-by-case decision: 5" in (
            supplier.events.get(kind="audited").note
        )

    def test_the_reason_is_written_in_the_suppliers_language(self, reviewer):
        supplier = SupplierFactory(organisation__tax_id="97176270")  # prefers zh-Hant
        checks = nothing_found()
        checks[2] = (3, "found", "臺北市稅捐稽徵處", TODAY, "列於重大欠稅名單")
        audit = audits.audit_record(supplier=supplier, by=reviewer, checks=checks)
        assert audit.disqualification.reason == "於3年內有欠繳應納稅捐情事: 列於重大欠稅名單"


def test_an_organizer_records_a_re_check_too(client):
    organizer = staff("Organizer", username="organizer")
    supplier = supplier_named("綠色工作室", "22099131")
    client.force_login(organizer)
    assert client.get(recheck_url(supplier)).status_code == 200
