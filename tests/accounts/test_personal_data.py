"""Personal-data self-service (個人資料保護法 §3, §10, §11, §13): a copy of everything, sent as a
link valid for a day; correction and deletion requests with their legal due dates; closing the
account, which erases the personal data and says what was kept."""

import datetime
import io
import json
import re
import zipfile

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from accounts import data_requests
from accounts.models import DataRequestKind, DataRequestStatus, PersonalDataRequest
from reports.models import Report
from suppliers.models import ApplicationDocument
from tests import builders
from tests.factories import PASSWORD, OrganisationFactory, SupplierFactory
from tops.workflow import StepRefused

pytestmark = [pytest.mark.django_db, pytest.mark.english]


@pytest.fixture
def client(client):
    """Pages read in English, as the mail is."""
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def buyer(buyer):
    """The buyer, reading its mail in English."""
    buyer.account.preferred_language = "en"
    buyer.account.save(update_fields=["preferred_language"])
    return buyer


LINK = re.compile(r"https?://\S+/organisation/personal-data/copy/\S+/")


def _copy_link(mailbox, to):
    [mail] = mailbox.wait_for(to=to, subject="copy of your data")
    return LINK.search(mail.body).group(0).split("://", 1)[1].split("/", 1)[1]


def test_an_organisation_downloads_a_copy_of_everything_it_gave(client, draft, mailbox):
    buyer = draft.organisation
    document = builders.upload_document(draft, "company_registration_form", name="登記表.pdf")
    record = builders.purchase_record(
        buyer, SupplierFactory(), purchased_on=datetime.date(2026, 11, 20)
    )
    client.force_login(buyer.account)

    response = client.post(reverse("accounts:data_copy_request"), follow=True)
    assert "a link to download it will arrive by e-mail" in response.content.decode()
    path = "/" + _copy_link(mailbox, buyer.account.email)

    download = client.get(path)
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))) as copy:
        names = copy.namelist()
        [organisation] = json.loads(copy.read("data/organisation.json"))
        assert organisation["fields"]["name"] == buyer.name
        assert organisation["fields"]["contact_name"] == "林小華"
        [account] = json.loads(copy.read("data/account.json"))
        assert "password" not in account["fields"]
        [kept] = [name for name in names if name.startswith("files/application_documents/")]
        with document.file.open("rb") as original:
            assert copy.read(kept) == original.read()
        [records] = json.loads(copy.read("data/purchase_records.json"))
        assert records["pk"] == record.pk
        assert any(name.startswith("files/purchase_evidence/") for name in names)
        assert "data/organisation.json" in copy.read("README.txt").decode()

    request = PersonalDataRequest.objects.get(organisation=buyer)
    assert (request.kind, request.status) == (DataRequestKind.ACCESS, DataRequestStatus.DONE)

    # The link is for this account only, and for a day.
    client.force_login(OrganisationFactory().account)
    assert client.get(path).status_code == 410
    client.force_login(buyer.account)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=24, minutes=1)):
        assert client.get(path).status_code == 410
        # The nightly job then removes the file; the request stays on record.
        assert data_requests.data_copies_remove_expired(timezone.now()) == 1
    request.refresh_from_db()
    assert not request.export and request.status == DataRequestStatus.DONE


def test_the_link_asks_an_anonymous_visitor_to_log_in(client, buyer):
    request = PersonalDataRequest.objects.create(
        organisation=buyer, kind=DataRequestKind.ACCESS, due_on=timezone.localdate()
    )
    path = reverse("accounts:data_copy_download", args=[data_requests.data_copy_token(request)])
    response = client.get(path)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_a_forged_link_opens_nothing(client, buyer):
    client.force_login(buyer.account)
    path = reverse("accounts:data_copy_download", args=["1:forged:signature"])
    assert client.get(path).status_code == 410


def test_a_correction_request_is_due_in_30_days_and_extended_once(client, buyer, mailbox):
    organizer = builders.organizer()
    client.force_login(buyer.account)
    page = reverse("accounts:personal_data")

    refused = client.post(page, {"kind": "correction", "details": ""})
    assert "Say which data, and what should be done with it." in refused.content.decode()
    assert refused.context["form"]["kind"].value() == "correction"

    # The request arrives on 4 December (Taipei), before the real clock of the later steps.
    with time_machine.travel(datetime.datetime(2026, 12, 3, 18, tzinfo=datetime.UTC)):
        client.post(page, {"kind": "correction", "details": "代表人姓名應為王大明"})
    request = PersonalDataRequest.objects.get(organisation=buyer)
    assert request.due_on == datetime.date(2027, 1, 3)
    [receipt] = mailbox.wait_for(to=buyer.account.email, subject="has been received")
    assert "3 Jan 2027" in receipt.body
    [to_staff] = mailbox.wait_for(to=settings.PERSONAL_DATA_EMAIL, subject="個人資料請求")
    # In the portal's language; the request itself is read in the admin.
    assert "代表人姓名" not in to_staff.body

    extended = data_requests.data_request_extend(
        request=request, by=organizer, reason="需向經濟部商工登記查核"
    )
    assert extended.due_on == datetime.date(2027, 2, 2)
    [told] = mailbox.wait_for(to=buyer.account.email, subject="needs more time")
    assert "2 Feb 2027" in told.body and "需向經濟部商工登記查核" in told.body
    with pytest.raises(StepRefused):
        data_requests.data_request_extend(request=extended, by=organizer, reason="again")

    data_requests.data_request_complete(request=extended, by=organizer, answer="已更正代表人姓名。")
    [answer] = mailbox.wait_for(to=buyer.account.email, subject="The answer")
    assert "已更正代表人姓名" in answer.body
    assert [event.to_status for event in request.events.all()] == [
        "received",
        "extended",
        "done",
    ]


def test_a_copy_requested_by_hand_is_due_in_15_days(buyer):
    with time_machine.travel(datetime.datetime(2026, 12, 4, 10, tzinfo=datetime.UTC)):
        request = data_requests._open(
            organisation=buyer, by=buyer.account, kind=DataRequestKind.ACCESS
        )
    assert request.due_on == datetime.date(2026, 12, 19)


class TestStaffScreens:
    @pytest.fixture
    def request_(self, buyer):
        return PersonalDataRequest.objects.create(
            organisation=buyer,
            kind=DataRequestKind.DELETION,
            details="刪除聯絡人手機",
            due_on=timezone.localdate() - datetime.timedelta(days=1),
        )

    def test_organizers_see_the_due_date_and_answer(self, client, request_):
        client.force_login(builders.organizer())
        listing = client.get(reverse("admin:accounts_personaldatarequest_changelist"))
        assert listing.status_code == 200
        assert 'alt="True"' in listing.content.decode()  # overdue
        step = reverse("admin:accounts_personaldatarequest_step", args=[request_.pk, "complete"])
        empty = client.post(step, {"text": ""})
        assert empty.status_code == 200 and empty.context["form"].errors
        client.post(step, {"text": "已刪除聯絡人手機。"})
        request_.refresh_from_db()
        assert request_.status == DataRequestStatus.DONE and request_.answer == "已刪除聯絡人手機。"

    def test_reviewers_do_not_see_personal_data_requests(self, client, request_):
        client.force_login(builders.reviewer())
        assert (
            client.get(reverse("admin:accounts_personaldatarequest_changelist")).status_code == 403
        )
        step = reverse("admin:accounts_personaldatarequest_step", args=[request_.pk, "refuse"])
        assert client.post(step, {"text": "no"}).status_code == 403
        request_.refresh_from_db()
        assert request_.status == DataRequestStatus.RECEIVED


class TestClosingTheAccount:
    def test_a_listed_supplier_withdraws_first(self, client):
        supplier = SupplierFactory()
        client.force_login(supplier.organisation.account)
        page = client.get(reverse("accounts:account_close")).content.decode()
        assert "withdraw the listing first" in page
        response = client.post(
            reverse("accounts:account_close"), {"password": PASSWORD, "understood": "on"}
        )
        assert "withdraw the listing first" in response.content.decode()
        assert get_user_model().objects.get(pk=supplier.organisation.account_id).is_active

    def test_a_wrong_password_is_refused_next_to_the_field(self, client, buyer):
        client.force_login(buyer.account)
        response = client.post(
            reverse("accounts:account_close"), {"password": "wrong", "understood": "on"}
        )
        assert response.context["form"].errors["password"]
        buyer.account.refresh_from_db()
        assert buyer.account.is_active

    def test_closing_erases_the_personal_data_and_says_what_was_kept(self, client, draft, mailbox):
        buyer = draft.organisation
        address = buyer.account.email
        document = builders.upload_document(draft, "company_registration_form")
        stored = document.file.name
        storage = document.file.storage
        record = builders.purchase_record(
            buyer, SupplierFactory(), purchased_on=datetime.date(2026, 11, 20)
        )
        report = Report.objects.create(
            supplier=SupplierFactory(),
            reason="false_information",
            description="說明",
            contact_email=address,
            language="zh-hant",
        )
        client.force_login(buyer.account)

        response = client.post(
            reverse("accounts:account_close"), {"password": PASSWORD, "understood": "on"}
        )
        assert response.status_code == 302
        assert "_auth_user_id" not in client.session

        buyer.refresh_from_db()
        account = buyer.account
        assert not account.is_active and not account.has_usable_password()
        assert account.email == "" and not account.emailaddress_set.exists()
        assert (buyer.contact_name, buyer.contact_phone, buyer.representative) == ("", "", "")
        assert buyer.tax_id and buyer.name  # the organisation's registered identity stays
        document.refresh_from_db()
        assert document.purged_at is not None and not storage.exists(stored)
        assert ApplicationDocument.objects.filter(pk=document.pk).exists()
        report.refresh_from_db()
        assert report.contact_email == ""
        record.refresh_from_db()  # kept for the award scheme's audit
        assert record.evidence.exists()

        closure = PersonalDataRequest.objects.get(organisation=buyer)
        assert closure.kind == DataRequestKind.DELETION and closure.status == "done"
        assert "Purchase records" in closure.answer and "notices" in closure.answer
        [last] = mailbox.wait_for(to=address, subject="is closed")  # to the address it had
        assert "Purchase records with their evidence" in last.body

        client.logout()
        client.post(reverse("account_login"), {"login": buyer.tax_id, "password": PASSWORD})
        assert "_auth_user_id" not in client.session
