"""What the portal does when a part of it fails: it degrades, it does not answer 500."""

import datetime
import threading

import pytest
import time_machine
from django.db import OperationalError, close_old_connections, connection
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation, User
from review import tasks as review_tasks
from suppliers.models import DocumentKind, Notice
from tests.accounts.test_registration import SIGNUP_URL, signup_data
from tests.builders import draft_application, upload_document
from tests.factories import PASSWORD, OrganisationFactory
from tops import private_files
from tops.models import DailyRun, OutgoingMail
from tops.storage import private_storage
from tops.views import server_error

REDIS_DOWN = {
    "default": {
        "BACKEND": "tops.cache.RedisWithLocalFallback",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


@pytest.mark.django_db
def test_ready_when_every_part_answers(client):
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json()["ready"] is True
    assert client.get(reverse("healthz")).status_code == 200


@pytest.mark.django_db
def test_redis_down_degrades_but_log_in_and_sign_up_still_work(settings, client):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CACHES = REDIS_DOWN
    readiness = client.get(reverse("readyz"))
    # Every instance shares Redis: taking them all out of the balancer would be an outage.
    assert readiness.status_code == 200
    assert readiness.json()["degraded"] == ["cache"]
    assert readiness.json()["checks"]["cache"] == "failed: ConnectionError"

    OrganisationFactory(tax_id="22099131")
    logged_in = client.post(reverse("account_login"), {"login": "22099131", "password": PASSWORD})
    assert logged_in.status_code == 302
    client.logout()
    signed_up = client.post(SIGNUP_URL, signup_data(username="04595252", email="new@example.com"))
    assert signed_up.status_code == 302
    assert Organisation.objects.filter(tax_id="04595252").exists()


def _waiting_mail(**fields):
    return OutgoingMail.objects.create(
        message_id=f"<{fields['subject']}@tops.gov.taipei>",
        body="b",
        from_email="no-reply@tops.gov.taipei",
        to=["office@example.com"],
        retry_until=timezone.now() + datetime.timedelta(hours=23),
        **fields,
    )


@pytest.mark.django_db
def test_mail_due_a_quarter_of_an_hour_ago_and_not_sent_is_reported(client):
    # Retrying after a failed send is normal: a mail whose next attempt is later is no alarm.
    _waiting_mail(subject="retrying", next_attempt_at=timezone.now() + datetime.timedelta(hours=1))
    assert client.get(reverse("readyz")).json()["degraded"] == []

    _waiting_mail(subject="stuck", next_attempt_at=timezone.now() - datetime.timedelta(minutes=16))
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json()["degraded"] == ["outbox"]
    assert response.json()["checks"]["outbox"].startswith("failed: mail due since")


class ConnectionLost(Exception):
    sqlstate = "08006"


class Deadlock(Exception):
    sqlstate = "40P01"


def test_a_database_out_of_reach_answers_503_with_retry_after():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("server closed the connection") from ConnectionLost()
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "try again" in response.content.decode() or "再試" in response.content.decode()


@pytest.mark.parametrize(
    "fault",
    [ValueError("a bug"), OperationalError("deadlock detected")],
    ids=["a bug", "a deadlock"],
)
def test_any_other_fault_is_still_a_500(fault):
    if isinstance(fault, OperationalError):
        fault.__cause__ = Deadlock()
    request = RequestFactory().get("/")
    try:
        raise fault
    except Exception:
        response = server_error(request)
    assert response.status_code == 500


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a server to lose")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_answer_503_while_the_database_is_unreachable_and_recover_after():
    browser = Client(raise_request_exception=False)
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"
    try:
        response = browser.get(reverse("home"))
        readiness = browser.get(reverse("readyz"))
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port
    assert response.status_code == 503 and response["Retry-After"]
    assert readiness.status_code == 503 and readiness.json()["ready"] is False
    assert browser.get(reverse("home")).status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite writes one at a time")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sign_ups_with_one_tax_id_at_once_give_one_account_and_one_clear_refusal():
    start = threading.Barrier(2)
    answers = []

    def sign_up(email):
        browser = Client(raise_request_exception=False)
        start.wait()
        response = browser.post(SIGNUP_URL, signup_data(email=email))
        answers.append(response)
        close_old_connections()
        connection.close()

    threads = [
        threading.Thread(target=sign_up, args=(address,))
        for address in ("first@example.com", "second@example.com")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answer.status_code for answer in answers) == [200, 302]
    refused = next(answer for answer in answers if answer.status_code == 200)
    assert "Unified Business Number already exists" in refused.content.decode() or (
        "統一編號" in refused.content.decode()
    )
    assert User.objects.filter(username="22099131").count() == 1


@pytest.mark.django_db
def test_one_e_mail_address_opens_one_account_whatever_its_case():
    from django.db import IntegrityError, transaction

    OrganisationFactory(account__email="office@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(account__email="Office@Example.com")


@pytest.mark.django_db
def test_the_morning_reminder_run_twice_mails_once(submitted, reviewer):
    with time_machine.travel(f"{submitted.due_on} 08:00 +0800", tick=False):
        assert review_tasks.remind_reviewers() == 1
        assert review_tasks.remind_reviewers() is None  # beat fired twice, or a retry
    assert Notice.objects.filter(recipient=reviewer.email).count() == 1
    assert DailyRun.objects.filter(job="remind_reviewers").count() == 1


@pytest.mark.django_db
def test_a_file_whose_transaction_rolls_back_is_staged_then_swept(buyer, private_store):
    from django.db import transaction

    draft = draft_application(buyer)
    with pytest.raises(RuntimeError), transaction.atomic():
        document = upload_document(draft, DocumentKind.COMPANY_PROFILE)
        raise RuntimeError("the connection died")
    staged = f"{private_files.STAGING}/{document.file.name}"
    assert private_storage.exists(staged) and not private_storage.exists(document.file.name)

    assert private_files.sweep_staged_files(now=timezone.now()) == {"promoted": 0, "deleted": 0}
    later = timezone.now() + datetime.timedelta(hours=2)
    assert private_files.sweep_staged_files(now=later) == {"promoted": 0, "deleted": 1}
    assert not private_storage.exists(staged)


@pytest.mark.django_db
def test_a_file_takes_its_name_on_commit_and_goes_with_its_record(
    buyer, private_store, django_capture_on_commit_callbacks
):
    draft = draft_application(buyer)
    with django_capture_on_commit_callbacks(execute=True):
        document = upload_document(draft, DocumentKind.COMPANY_PROFILE)
    name = document.file.name
    assert private_storage.exists(name)
    assert not private_storage.exists(f"{private_files.STAGING}/{name}")
    with django_capture_on_commit_callbacks(execute=True):
        type(document).objects.filter(pk=document.pk).delete()
    assert not private_storage.exists(name)


def test_a_body_larger_than_any_form_takes_is_refused_before_it_is_read(client, settings):
    settings.MAX_REQUEST_BYTES = 1024
    response = client.generic(
        "POST", "/report/", data=b"x" * 2048, content_type="application/octet-stream"
    )
    assert response.status_code == 413
    assert "10 MB" in response.content.decode()  # what the person can do about it
