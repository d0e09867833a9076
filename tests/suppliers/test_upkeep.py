"""A listed supplier's upkeep: the yearly update with its two reminders (參.二(二)5), and the
nightly move from the startup group to the SME group at 8 years (參.二(一)1(2))."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from suppliers import profile_changes
from suppliers.models import Application, SupplierEvent, UpdateReminder
from suppliers.tasks import move_grown_startups_to_sme_group, remind_suppliers_of_yearly_update
from tests import builders
from tests.builders import staff
from tests.factories import OrganisationFactory, SupplierFactory

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
OWNER = "green@example.com"


def on(year, month, day, hour=9, minute=30):
    """Travel to that moment in Taipei, with the clock stopped."""
    return time_machine.travel(
        datetime.datetime(year, month, day, hour, minute, tzinfo=TAIPEI), tick=False
    )


@pytest.fixture(autouse=True)
def english_pages(client):
    client.cookies["django_language"] = "en"


def listed_supplier(tax_id="22099131", email=OWNER, **fields):
    """綠色工作室, or another supplier, whose owner reads English."""
    return builders.listed_supplier(tax_id=tax_id, email=email, language="en", **fields)


@pytest.fixture
def supplier(db):
    """Confirmed its information on 2025-12-26, so the next update is due on 2026-12-26."""
    return listed_supplier(information_confirmed_on=datetime.date(2025, 12, 26))


class Reminders:
    """Runs the morning job on a given day and tells what reached the supplier's inbox."""

    def __init__(self, mailbox, to=OWNER):
        self.mailbox, self.to, self.seen = mailbox, to, 0

    def run_on(self, day: datetime.date) -> list:
        with on(day.year, day.month, day.day):
            remind_suppliers_of_yearly_update()
        # With a real worker the mail arrives a moment later: wait for as many as were recorded.
        recorded = UpdateReminder.objects.filter(supplier__organisation__account__email=self.to)
        expected = recorded.count()
        mine = self.mailbox.wait_for(to=self.to, count=expected) if expected else []
        new, self.seen = mine[self.seen :], len(mine)
        return new


def day(month, number, year=2026):
    return datetime.date(year, month, number)


class TestTheReminders:
    def test_thirty_and_seven_days_before_each_once(self, supplier, mailbox):
        reminders = Reminders(mailbox)
        assert reminders.run_on(day(11, 25)) == []  # 31 days left

        [first] = reminders.run_on(day(11, 26))  # 30 days left
        assert first.subject.endswith("Please confirm your supplier information by 26 Dec 2026")
        assert "You last confirmed it on 26 Dec 2025; please do so by 26 Dec 2026." in first.body
        assert "Our information is up to date" in first.body

        assert reminders.run_on(day(11, 26)) == []  # the job runs again that day
        assert reminders.run_on(day(11, 27)) == []
        assert reminders.run_on(day(12, 18)) == []

        [second] = reminders.run_on(day(12, 19))  # 7 days left
        assert "please do so by 26 Dec 2026" in second.body

        for later in (day(12, 20), day(12, 26), day(12, 27), day(1, 15, 2027)):
            assert reminders.run_on(later) == []
        assert sorted(supplier.update_reminders.values_list("due_on", "days_before")) == [
            (day(12, 26), 7),
            (day(12, 26), 30),
        ]
        assert supplier.events.filter(kind=SupplierEvent.Kind.UPDATE_REMINDED).count() == 2

    def test_a_missed_day_is_made_up_once(self, supplier, mailbox):
        reminders = Reminders(mailbox)
        [late] = reminders.run_on(day(12, 6))  # the job did not run for 10 days: 20 left
        assert "please do so by 26 Dec 2026" in late.body
        assert list(supplier.update_reminders.values_list("days_before", flat=True)) == [30]
        for quiet in (day(12, 7), day(12, 12), day(12, 18)):
            assert reminders.run_on(quiet) == []
        assert len(reminders.run_on(day(12, 19))) == 1

    def test_a_job_first_run_in_the_last_week_sends_one_reminder_not_two(self, supplier, mailbox):
        reminders = Reminders(mailbox)
        assert len(reminders.run_on(day(12, 22))) == 1
        assert list(supplier.update_reminders.values_list("days_before", flat=True)) == [7]
        assert reminders.run_on(day(12, 23)) == []

    def test_none_once_the_date_has_passed(self, supplier, mailbox):
        """An overdue supplier is the reviewers' to follow up (the admin's filter), not the
        reminder's: a job first run after the due date sends nothing."""
        reminders = Reminders(mailbox)
        assert reminders.run_on(day(12, 27)) == []
        assert reminders.run_on(day(3, 1, 2027)) == []
        assert not supplier.update_reminders.exists()

    def test_each_supplier_by_its_own_date_and_none_to_the_disqualified(self, mailbox):
        listed_supplier(information_confirmed_on=datetime.date(2025, 12, 26))
        listed_supplier(
            tax_id="04541302",
            email="gone@example.com",
            information_confirmed_on=datetime.date(2025, 12, 26),
            status="disqualified",
        )
        listed_supplier(
            tax_id="96979933",
            email="later@example.com",
            information_confirmed_on=datetime.date(2026, 1, 10),
        )
        with on(2026, 11, 26):
            assert remind_suppliers_of_yearly_update() == 1
        assert [mail.to for mail in mailbox.wait_for(to=OWNER)] == [[OWNER]]
        Reminders(mailbox, "gone@example.com").run_on(day(12, 19))
        assert not [mail for mail in mailbox.all() if "gone@example.com" in mail.to]
        assert len(Reminders(mailbox, "later@example.com").run_on(day(12, 11))) == 1  # 30 left


class TestConfirming:
    def test_the_dashboard_says_when_the_update_is_due(self, client, supplier):
        def dashboard_on(*moment):
            with on(*moment):
                client.force_login(supplier.organisation.account)
                return client.get(reverse("suppliers:dashboard")).content.decode()

        html = dashboard_on(2026, 11, 1)
        assert "You last confirmed your information on 26 Dec 2025." in html
        assert "confirm them by 26 Dec 2026." in html
        assert "days left." not in html and "overdue" not in html
        assert "30 days left." in dashboard_on(2026, 11, 26)
        assert "Your yearly update is overdue." in dashboard_on(2026, 12, 27)

    def test_only_the_supplier_confirms_its_information(self, client, supplier):
        url = reverse("suppliers:information_confirm")
        with on(2026, 11, 27):
            response = client.post(url)
            assert response.status_code == 302 and "/accounts/login/" in response.url
            client.force_login(OrganisationFactory(tax_id="04541302").account)  # a buyer
            assert client.post(url).status_code == 404
            client.force_login(supplier.organisation.account)
            assert client.get(url).status_code == 405  # a button, not a page
            response = client.post(url, follow=True)
        assert response.redirect_chain == [(reverse("suppliers:dashboard"), 302)]
        html = response.content.decode()
        assert "Thank you: your information is confirmed for another year." in html
        assert "confirm them by 27 Nov 2027." in html
        supplier.refresh_from_db()
        assert supplier.information_confirmed_on == datetime.date(2026, 11, 27)
        event = supplier.events.get(kind=SupplierEvent.Kind.INFORMATION_CONFIRMED)
        assert event.by == supplier.organisation.account

    def test_confirming_stops_the_reminders_for_a_year(self, client, supplier, mailbox):
        reminders = Reminders(mailbox)
        assert len(reminders.run_on(day(11, 26))) == 1
        with on(2026, 11, 27):
            client.force_login(supplier.organisation.account)
            client.post(reverse("suppliers:information_confirm"))
        for quiet in (day(12, 19), day(12, 26), day(10, 27, 2027)):
            assert reminders.run_on(quiet) == []
        [next_year] = reminders.run_on(day(10, 28, 2027))  # 30 days before 2027-11-27
        assert "please do so by 27 Nov 2027" in next_year.body

    def test_an_accepted_profile_change_counts_as_confirming(self, supplier, mailbox):
        reminders = Reminders(mailbox)
        with on(2026, 11, 20):
            change = profile_changes.profile_change_send(
                supplier=supplier,
                by=supplier.organisation.account,
                values={"website": "https://green.example.com"},
            )
            profile_changes.profile_change_accept(change=change, by=builders.reviewer())
        supplier.refresh_from_db()
        assert supplier.information_confirmed_on == day(11, 20)
        assert reminders.run_on(day(11, 26)) == []
        assert reminders.run_on(day(12, 19)) == []


class TestTheAdminFilter:
    @pytest.fixture
    def suppliers(self, db):
        return {
            "overdue": SupplierFactory(
                name="逾期", information_confirmed_on=datetime.date(2025, 12, 26)
            ),
            "due_today": SupplierFactory(
                name="今天到期", information_confirmed_on=datetime.date(2025, 12, 27)
            ),
            "soon": SupplierFactory(
                name="下月到期", information_confirmed_on=datetime.date(2026, 1, 20)
            ),
            "fresh": SupplierFactory(
                name="剛確認", information_confirmed_on=datetime.date(2026, 11, 1)
            ),
            "gone": SupplierFactory(
                name="已取消資格",
                information_confirmed_on=datetime.date(2025, 6, 1),
                status="disqualified",
            ),
        }

    def names(self, client, **query):
        response = client.get(reverse("admin:suppliers_supplier_changelist"), query)
        assert response.status_code == 200
        return sorted(supplier.name for supplier in response.context["cl"].result_list)

    def test_overdue_suppliers(self, client, suppliers):
        with on(2026, 12, 27):
            client.force_login(staff("Reviewer"))
            assert self.names(client, yearly_update="overdue") == ["逾期"]
            assert self.names(client, yearly_update="within_30_days") == ["下月到期", "今天到期"]
            html = client.get(reverse("admin:suppliers_supplier_changelist")).content.decode()
        assert "26 Dec 2026 (overdue)" in html
        assert "27 Dec 2026 (overdue)" not in html

    def test_due_within_30_days_counts_the_day_the_first_reminder_goes(self, client, supplier):
        """The supplier reminded today with 30 days left, and told "30 days left." on its
        dashboard, is among those due within 30 days."""
        with on(2026, 11, 26):
            client.force_login(staff("Reviewer"))
            assert self.names(client, yearly_update="within_30_days") == ["綠色工作室"]
        with on(2026, 11, 25):
            assert self.names(client, yearly_update="within_30_days") == []


def founded(supplier, on_day):
    Application.objects.filter(pk=supplier.application_id).update(founded_on=on_day)
    return supplier


class TestTheMoveToTheSmeGroup:
    @pytest.fixture
    def startup(self, db):
        return founded(listed_supplier(size_group="startup"), datetime.date(2018, 11, 27))

    def test_on_its_eighth_birthday(self, startup):
        with on(2026, 11, 26, 2, 30):
            assert move_grown_startups_to_sme_group() == 0
        startup.refresh_from_db()
        assert startup.size_group == "startup"
        assert not startup.events.exists()

        with on(2026, 11, 27, 2, 30):
            assert move_grown_startups_to_sme_group() == 1
            assert move_grown_startups_to_sme_group() == 0  # a second run changes nothing
        startup.refresh_from_db()
        assert startup.size_group == "sme"
        [event] = startup.events.all()
        assert (event.kind, event.note) == (SupplierEvent.Kind.MOVED_TO_SME_GROUP, "2018-11-27")

    def test_others_are_untouched(self, startup):
        sme = founded(
            listed_supplier(tax_id="04541302", email="sme@example.com", size_group="sme"),
            datetime.date(2001, 3, 1),
        )
        young = founded(
            listed_supplier(tax_id="96979933", email="young@example.com"),
            datetime.date(2020, 5, 1),
        )
        with on(2026, 11, 27, 2, 30):
            assert move_grown_startups_to_sme_group() == 1
        sme.refresh_from_db()
        young.refresh_from_db()
        assert (sme.size_group, young.size_group) == ("sme", "startup")
        assert not sme.events.exists() and not young.events.exists()
        assert not UpdateReminder.objects.exists()

    def test_the_public_finds_it_in_the_new_group(self, client, startup, list_product):
        product = list_product(startup, "竹編提籃")
        pavilion = reverse("catalog:pavilion", args=[product.pavilion.code])
        link = reverse("catalog:product", args=[product.pk])
        assert link in client.get(pavilion, {"group": "startup"}).content.decode()
        assert link not in client.get(pavilion, {"group": "sme"}).content.decode()
        with on(2026, 11, 27, 2, 30):
            move_grown_startups_to_sme_group()
        assert link in client.get(pavilion, {"group": "sme"}).content.decode()
        assert link not in client.get(pavilion, {"group": "startup"}).content.decode()
