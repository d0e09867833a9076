"""Public reports (通報, 參.二(五)2): who can be reported, the form's guard against robots and
floods, the evidence, and the reviewers' triage with what each outcome tells whom."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog import services as catalog_services
from reports import services
from reports.models import Report, ReportEvidence
from tests.builders import staff
from tests.factories import OrganisationFactory, SupplierFactory, UserFactory
from tests.suppliers.files import pdf_bytes, pdf_file, png_file
from tops.workflow import StepRefused

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
NOW = datetime.datetime(2026, 11, 26, 9, 30, tzinfo=TAIPEI)
DESCRIPTION = "網頁寫有機認證，但包裝上沒有任何標章。"
REPORTER = "citizen@example.com"


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def product(supplier, list_product):
    return list_product(supplier, "有機蜂蜜禮盒")


def product_url(product):
    return reverse("reports:product", args=[product.supplier_id, product.pk])


def supplier_url(supplier):
    return reverse("reports:supplier", args=[supplier.pk])


def started_in(page) -> str:
    """The signed time the form was shown, as a browser would post it back."""
    [token] = re.findall(r'name="started" value="([^"]+)"', page.content.decode())
    return token


def form_data(**fields):
    return {
        "reason": "false_information",
        "description": DESCRIPTION,
        "contact_email": REPORTER,
        "homepage": "",
        **fields,
    }


def send(client, url, clock, *, wait=5, extra=None, **fields):
    """Open the form, take ``wait`` seconds to fill it in, and send it."""
    token = started_in(client.get(url, **(extra or {})))
    clock.shift(wait)
    return client.post(url, form_data(started=token, **fields), **(extra or {}))


def submit(supplier, product=None, contact_email=REPORTER, language="en", description=DESCRIPTION):
    """A report as the form would store it, for the triage tests."""
    return services.report_submit(
        supplier=supplier,
        product=product,
        reason="false_information",
        description=description,
        contact_email=contact_email,
        language=language,
        evidence=[],
    )


def errors(response) -> str:
    return " ".join(response.context["form"].non_field_errors())


class TestWhatCanBeReported:
    def test_a_listed_supplier_and_its_public_products(self, client, supplier, product):
        page = client.get(supplier_url(supplier))
        assert page.status_code == 200
        assert "About the supplier 綠色工作室." in page.content.decode()
        page = client.get(product_url(product))
        assert page.status_code == 200
        assert "About “有機蜂蜜禮盒” by 綠色工作室." in page.content.decode()

    def test_the_public_pages_link_to_the_form(self, client, supplier, product):
        product_page = client.get(reverse("catalog:product", args=[product.pk])).content.decode()
        assert product_url(product) in product_page
        supplier_page = client.get(reverse("catalog:supplier", args=[supplier.pk])).content
        assert supplier_url(supplier) in supplier_page.decode()

    def test_not_a_disqualified_supplier(self, client, supplier, product):
        supplier.status = "disqualified"
        supplier.save()
        assert client.get(supplier_url(supplier)).status_code == 404
        assert client.get(product_url(product)).status_code == 404

    def test_not_a_product_the_public_cannot_see(self, client, supplier, product, reviewer):
        catalog_services.product_delist(
            product=product, by=reviewer, reasons=["information_mismatch"], note="與實物不符"
        )
        assert client.get(product_url(product)).status_code == 404
        assert client.get(supplier_url(supplier)).status_code == 200

    def test_not_a_product_under_another_suppliers_address(self, client, product):
        other = SupplierFactory(organisation__tax_id="04541302")
        url = reverse("reports:product", args=[other.pk, product.pk])
        assert client.get(url).status_code == 404


class TestSending:
    def test_a_report_is_confirmed_to_the_reporter_and_announced_to_reviewers(
        self, client, supplier, product, mailbox
    ):
        with time_machine.travel(NOW, tick=False) as clock:
            response = send(
                client,
                product_url(product),
                clock,
                evidence=[pdf_file("收據.pdf"), png_file("包裝照片.png")],
            )
        report = Report.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("reports:received", args=[report.public_id])
        received = client.get(response.url).content.decode()
        assert f"Your report is number {report.pk}" in received
        assert (report.supplier, report.product, report.status) == (supplier, product, "new")
        assert report.contact_email == REPORTER and report.description == DESCRIPTION
        assert sorted(report.evidence.values_list("original_name", flat=True)) == [
            "包裝照片.png",
            "收據.pdf",
        ]

        [confirmation] = mailbox.wait_for(to=REPORTER, subject="We received")
        assert f"We received your report no. {report.pk}" in confirmation.subject
        assert f"report no. {report.pk} about 綠色工作室" in confirmation.body
        assert "The product page is false or does not match the product" in confirmation.body
        assert "not shown to the supplier or the public" in confirmation.body

        [notice] = mailbox.wait_for(to=settings.REVIEWERS_EMAIL)
        assert str(report.pk) in notice.subject and "綠色工作室" in notice.subject
        assert DESCRIPTION in notice.body and "有機蜂蜜禮盒" in notice.body
        assert REPORTER not in notice.body
        # The supplier is not told of a report that has not been checked (its product's
        # listing notice may still be on its way through the worker).
        to_supplier = [mail for mail in mailbox.all() if "green@example.com" in mail.to]
        assert not [mail for mail in to_supplier if "report" in mail.subject.lower()]

    def test_a_supplier_is_reported_without_a_product_and_without_an_account(
        self, client, supplier, clock
    ):
        response = send(client, supplier_url(supplier), clock, reason="no_longer_eligible")
        assert response.status_code == 302
        report = Report.objects.get()
        assert report.product is None and report.reason == "no_longer_eligible"

    def test_a_product_is_reported_for_infringing_intellectual_property(
        self, client, product, clock
    ):
        page = client.get(product_url(product)).content.decode()
        assert "intellectual property (a copied design, pictures, a trademark)" in page
        response = send(client, product_url(product), clock, reason="intellectual_property")
        assert response.status_code == 302
        assert Report.objects.get().reason == "intellectual_property"

    def test_what_is_missing_is_named(self, client, supplier, clock):
        response = send(client, supplier_url(supplier), clock, reason="", contact_email="")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Choose what is wrong." in html
        assert "Give an e-mail address so that we can tell you the outcome." in html
        assert not Report.objects.exists()


class TestTheGuardAgainstRobots:
    def test_a_filled_in_hidden_field_is_refused_and_the_text_kept(self, client, supplier, clock):
        response = send(client, supplier_url(supplier), clock, homepage="http://spam.example")
        assert response.status_code == 400
        assert "Please leave the last field empty and send again." in errors(response)
        assert DESCRIPTION in response.content.decode()
        assert REPORTER in response.content.decode()
        assert not Report.objects.exists()

    @pytest.mark.parametrize(("wait", "accepted"), [(0, False), (2, False), (3, True)])
    def test_a_form_sent_faster_than_a_person_types_is_refused(
        self, client, supplier, clock, wait, accepted
    ):
        response = send(client, supplier_url(supplier), clock, wait=wait)
        assert Report.objects.exists() == accepted
        if not accepted:
            assert response.status_code == 400
            assert "faster than a person can type" in errors(response)
            assert DESCRIPTION in response.content.decode()

    def test_the_files_of_a_refused_post_are_not_examined(self, client, supplier, clock):
        """Files cost the most to check: a post refused by the time check or with a field
        missing never has them decoded (so a flood of large pictures costs little)."""
        not_a_picture = SimpleUploadedFile("huge.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
        fast = send(client, supplier_url(supplier), clock, wait=0, evidence=[not_a_picture])
        assert "faster than a person can type" in errors(fast)
        assert "evidence" not in fast.context["form"].errors

        not_a_picture.seek(0)
        missing = send(client, supplier_url(supplier), clock, reason="", evidence=[not_a_picture])
        assert "evidence" not in missing.context["form"].errors

        not_a_picture.seek(0)
        complete = send(client, supplier_url(supplier), clock, evidence=[not_a_picture])
        assert "evidence" in complete.context["form"].errors  # examined, and refused
        assert not Report.objects.exists()

    def test_a_form_left_open_for_more_than_a_day_is_refreshed(self, client, supplier, clock):
        response = send(client, supplier_url(supplier), clock, wait=24 * 3600 + 1)
        assert response.status_code == 200
        assert "This form was open for too long." in errors(response)
        assert DESCRIPTION in response.content.decode()
        assert not Report.objects.exists()

    @pytest.mark.parametrize(
        "token",
        [
            "",
            "forged",
            # A valid signature under another salt: a token from another form.
            signing.dumps(NOW.timestamp() - 60, salt="another-form"),
        ],
    )
    def test_a_missing_or_forged_time_is_refused(self, client, supplier, clock, token):
        clock.shift(60)
        response = client.post(supplier_url(supplier), form_data(started=token))
        assert "This form was open for too long." in errors(response)
        assert DESCRIPTION in response.content.decode()
        assert not Report.objects.exists()

    def test_a_refused_form_can_be_sent_again_as_it_is(self, client, supplier, clock):
        url = supplier_url(supplier)
        refused = send(client, url, clock, wait=1)
        assert refused.status_code == 400
        clock.shift(10)
        again = client.post(url, form_data(started=started_in(refused)))
        assert again.status_code == 302
        assert Report.objects.count() == 1


class TestTheRateLimit:
    def test_five_reports_an_hour_from_one_connection(self, client, supplier, clock):
        url = supplier_url(supplier)
        here = {"REMOTE_ADDR": "203.0.113.7"}
        for _ in range(5):
            assert send(client, url, clock, extra=here).status_code == 302
        held = send(client, url, clock, extra=here, description="第六份通報")
        assert held.status_code == 429
        assert "Many reports have come from your connection in the last hour" in errors(held)
        assert "第六份通報" in held.content.decode()
        assert Report.objects.count() == 5
        assert not Report.objects.filter(description="第六份通報").exists()

        elsewhere = {"REMOTE_ADDR": "198.51.100.20"}
        assert send(client, url, clock, extra=elsewhere).status_code == 302
        assert Report.objects.count() == 6

        clock.shift(3600)
        assert send(client, url, clock, extra=here).status_code == 302
        assert Report.objects.count() == 7

    def test_refused_forms_do_not_use_up_the_limit(self, client, supplier, clock):
        url = supplier_url(supplier)
        for _ in range(6):
            assert send(client, url, clock, wait=0).status_code == 400
        assert send(client, url, clock).status_code == 302

    def test_a_flood_of_bad_posts_is_stopped_too(self, client, supplier, clock):
        url = supplier_url(supplier)
        for _ in range(30):
            assert send(client, url, clock, wait=0).status_code == 400
        held = send(client, url, clock)
        assert held.status_code == 429
        assert not Report.objects.exists()

    def test_behind_the_proxy_each_visitor_has_its_own_limit(
        self, client, supplier, clock, settings
    ):
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
        url = supplier_url(supplier)
        proxy = {"REMOTE_ADDR": "10.0.0.1"}
        for _ in range(5):
            visitor = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
            assert send(client, url, clock, extra=visitor).status_code == 302
        other = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
        assert send(client, url, clock, extra=other).status_code == 302
        again = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
        assert send(client, url, clock, extra=again).status_code == 429


class TestEvidence:
    def test_a_file_that_is_not_what_its_name_says_is_refused(self, client, supplier, clock):
        fake = SimpleUploadedFile("假收據.pdf", b"just some text", content_type="application/pdf")
        response = send(client, supplier_url(supplier), clock, evidence=[pdf_file(), fake])
        assert response.status_code == 200
        assert "假收據.pdf" in " ".join(response.context["form"].errors["evidence"])
        assert not Report.objects.exists() and not ReportEvidence.objects.exists()

    def test_at_most_five_files(self, client, supplier, clock):
        files = [pdf_file(f"證據{number}.pdf") for number in range(6)]
        response = send(client, supplier_url(supplier), clock, evidence=files)
        assert response.context["form"].errors["evidence"] == ["Attach at most 5 files."]
        assert not Report.objects.exists()
        five = [pdf_file(f"證據{number}.pdf") for number in range(5)]
        assert send(client, supplier_url(supplier), clock, evidence=five).status_code == 302
        assert ReportEvidence.objects.count() == 5

    @pytest.fixture
    def evidence(self, client, supplier, clock):
        send(client, supplier_url(supplier), clock, evidence=[pdf_file("收據.pdf")])
        client.logout()
        return ReportEvidence.objects.get()

    def test_only_reviewers_open_the_evidence(self, client, supplier, evidence):
        url = reverse("reports:evidence", args=[evidence.public_id])
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
        client.force_login(OrganisationFactory(tax_id="04541302").account)  # a buyer
        assert client.get(url).status_code == 404
        client.force_login(supplier.organisation.account)  # the reported supplier itself
        assert client.get(url).status_code == 404
        client.force_login(UserFactory(is_staff=True))  # staff without the reviewer's role
        assert client.get(url).status_code == 404
        client.force_login(staff("Reviewer", username="checker"))
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == pdf_bytes()
        assert response["Content-Type"] == "application/pdf"


def decide_url(report, decision):
    return reverse("admin:reports_report_decide", args=[report.pk, decision])


class TestTriage:
    def test_a_dismissed_report_changes_nothing_public_and_tells_the_reporter(
        self, client, supplier, product, reviewer, mailbox
    ):
        report = submit(supplier, product)
        mailbox.clear()
        client.force_login(reviewer)
        response = client.post(
            decide_url(report, "dismissed"), {"outcome": "包裝上確有有機標章，與網頁相符。"}
        )
        assert response.status_code == 302
        report.refresh_from_db()
        assert report.status == "dismissed" and report.closed_by == reviewer

        client.logout()
        supplier.refresh_from_db()
        assert supplier.status == "active"
        product_page = client.get(reverse("catalog:product", args=[product.pk]))
        assert product_page.status_code == 200
        assert "有機蜂蜜禮盒" in product_page.content.decode()
        pavilion = client.get(reverse("catalog:pavilion", args=["lifestyle"])).content.decode()
        assert "有機蜂蜜禮盒" in pavilion
        found = client.get(reverse("catalog:search"), {"q": "蜂蜜"}).content.decode()
        assert reverse("catalog:product", args=[product.pk]) in found
        assert client.get(reverse("catalog:supplier", args=[supplier.pk])).status_code == 200

        [outcome] = mailbox.wait_for(to=REPORTER, subject="The outcome")
        assert f"The outcome of your report no. {report.pk}" in outcome.subject
        assert "could not confirm it, so nothing changes on the portal" in outcome.body
        assert "包裝上確有有機標章，與網頁相符。" in outcome.body
        to_supplier = [mail for mail in mailbox.all() if "green@example.com" in mail.to]
        assert not [mail for mail in to_supplier if "report" in mail.subject.lower()]

    def test_an_upheld_report_tells_the_reporter_and_the_supplier(
        self, client, supplier, product, reviewer, mailbox
    ):
        report = submit(supplier, product)
        mailbox.clear()
        client.force_login(reviewer)
        found = "經查包裝無有機標章，網頁所述不實。"
        assert client.post(decide_url(report, "upheld"), {"outcome": found}).status_code == 302
        report.refresh_from_db()
        assert report.status == "upheld" and report.outcome == found

        [to_reporter] = mailbox.wait_for(to=REPORTER, subject="The outcome")
        assert "found it to be right" in to_reporter.body and found in to_reporter.body

        [to_supplier] = mailbox.wait_for(to="green@example.com", subject="A report about")
        assert to_supplier.subject.endswith("A report about your listing was found to be right")
        assert "Dear 綠色工作室," in to_supplier.body
        assert "“有機蜂蜜禮盒”" in to_supplier.body  # what
        assert "The product page is false or does not match the product" in to_supplier.body
        assert found in to_supplier.body  # why
        assert "you may appeal in writing to the TOPS service window" in to_supplier.body  # how
        assert REPORTER not in to_supplier.body and REPORTER not in to_supplier.subject
        # Upholding is not delisting: that follows as its own step.
        assert client.get(reverse("catalog:product", args=[product.pk])).status_code == 200

    def test_the_supplier_never_learns_who_reported_even_from_a_quoted_description(
        self, supplier, reviewer, mailbox
    ):
        """The reporter's address goes to the supplier neither from the form's e-mail field nor
        from the e-mails sent about the report."""
        report = submit(supplier, contact_email="neighbour@example.org")
        services.report_uphold(report=report, by=reviewer, outcome="已查證屬實。")
        [to_supplier] = mailbox.wait_for(to="green@example.com", subject="A report about")
        assert "neighbour@example.org" not in to_supplier.body
        assert "neighbour" not in to_supplier.subject
        assert "A member of the public reported a problem with your listing." in to_supplier.body

    def test_the_outcome_follows_the_reporters_language(self, supplier, reviewer, mailbox):
        report = submit(supplier, language="zh-hant")
        services.report_dismiss(report=report, by=reviewer, outcome="查無實據。")
        [outcome] = [m for m in mailbox.wait_for(to=REPORTER, count=2) if "查無實據" in m.body]
        assert "Hello," not in outcome.body and "您好" in outcome.body
        assert "查無實據。" in outcome.body

    def test_the_order_of_the_steps(self, supplier, reviewer):
        report = submit(supplier)
        report = services.report_investigate(report=report, by=reviewer)
        assert report.status == "investigating" and report.closed_at is None
        with pytest.raises(StepRefused):
            services.report_investigate(report=report, by=reviewer)
        with pytest.raises(StepRefused):
            services.report_dismiss(report=report, by=reviewer, outcome="   ")
        report = services.report_dismiss(report=report, by=reviewer, outcome="查無實據。")
        assert report.closed_at is not None
        with pytest.raises(StepRefused, match="can no longer be changed"):
            services.report_uphold(report=report, by=reviewer, outcome="改判屬實。")
        report.refresh_from_db()
        assert (report.status, report.outcome) == ("dismissed", "查無實據。")
        assert list(report.events.values_list("from_status", "to_status")) == [
            ("new", "investigating"),
            ("investigating", "dismissed"),
        ]

    def test_an_upheld_report_cannot_be_dismissed(self, supplier, reviewer):
        report = services.report_uphold(report=submit(supplier), by=reviewer, outcome="屬實。")
        with pytest.raises(StepRefused):
            services.report_dismiss(report=report, by=reviewer, outcome="查無實據。")
        with pytest.raises(StepRefused):
            services.report_investigate(report=report, by=reviewer)


class TestTheAdmin:
    @pytest.fixture
    def report(self, supplier, product, list_product):
        list_product(supplier, "手工皂")
        earlier = submit(supplier)
        Report.objects.filter(pk=earlier.pk).update(
            received_at=datetime.datetime(2026, 10, 2, 10, 0, tzinfo=TAIPEI)
        )
        elsewhere = submit(SupplierFactory(organisation__tax_id="04541302"))
        Report.objects.filter(pk=elsewhere.pk).update(
            received_at=datetime.datetime(2026, 9, 9, 10, 0, tzinfo=TAIPEI)
        )
        return submit(supplier, product)

    def test_the_report_page_shows_the_suppliers_products_and_other_reports(
        self, client, reviewer, report
    ):
        client.force_login(reviewer)
        response = client.get(reverse("admin:reports_report_change", args=[report.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        assert "有機蜂蜜禮盒" in html and "手工皂" in html
        [other] = Report.objects.filter(supplier=report.supplier).exclude(pk=report.pk)
        assert reverse("admin:reports_report_change", args=[other.pk]) in html
        assert "2026-10-02" in html
        assert "2026-09-09" not in html  # another supplier's report
        assert decide_url(report, "upheld") in html and decide_url(report, "dismissed") in html
        assert REPORTER in html  # reviewers see whom to tell

    def test_a_reviewer_sees_the_evidence_link(self, client, reviewer, supplier, clock):
        send(client, supplier_url(supplier), clock, evidence=[pdf_file("收據.pdf")])
        evidence = ReportEvidence.objects.get()
        client.force_login(reviewer)
        page = client.get(reverse("admin:reports_report_change", args=[evidence.report_id]))
        assert reverse("reports:evidence", args=[evidence.public_id]) in page.content.decode()
        assert "收據.pdf" in page.content.decode()

    @pytest.mark.parametrize("decision", ["upheld", "dismissed"])
    def test_deciding_needs_the_triage_permission(self, client, report, decision):
        url = decide_url(report, decision)
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url
        client.force_login(UserFactory(is_staff=True))  # staff without a role
        assert client.get(url).status_code == 403
        assert client.post(url, {"outcome": "越權決定"}).status_code == 403
        report.refresh_from_db()
        assert report.status == "new"
        client.force_login(staff("Reviewer", username="triager"))
        assert client.get(url).status_code == 200

    def test_investigating_needs_the_triage_permission(self, client, report):
        url = reverse("admin:reports_report_investigate", args=[report.pk])
        client.force_login(UserFactory(is_staff=True))
        assert client.post(url).status_code == 403
        client.force_login(staff("Reviewer", username="triager"))
        assert client.post(url).status_code == 302
        report.refresh_from_db()
        assert report.status == "investigating"

    @pytest.mark.parametrize("decision", ["upheld", "dismissed"])
    def test_an_empty_outcome_is_named_at_the_field(self, client, reviewer, report, decision):
        client.force_login(reviewer)
        response = client.post(decide_url(report, decision), {"outcome": ""})
        assert response.status_code == 200
        assert response.context["form"].errors["outcome"] == [
            "Write the outcome: it is what the reporter is told."
        ]
        assert "Write the outcome: it is what the reporter is told." in response.content.decode()
        report.refresh_from_db()
        assert report.status == "new" and not report.events.exists()

    def test_a_dismissed_report_cannot_be_upheld_from_the_admin(self, client, reviewer, report):
        services.report_dismiss(report=report, by=reviewer, outcome="查無實據。")
        client.force_login(reviewer)
        response = client.post(decide_url(report, "upheld"), {"outcome": "改判屬實。"}, follow=True)
        assert "can no longer be changed that way" in response.content.decode()
        report.refresh_from_db()
        assert (report.status, report.outcome) == ("dismissed", "查無實據。")
        page = client.get(reverse("admin:reports_report_change", args=[report.pk]))
        assert decide_url(report, "upheld") not in page.content.decode()  # no buttons left
