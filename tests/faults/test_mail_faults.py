"""Each fault of the production-shape issue, reproduced with a real worker process, a real
Redis and a real mail server: no mail is lost, none reaches a person twice, no answer is 500.

"Later" is simulated by sweeping with a later time, as the minute's sweep would be then; the
faults themselves (a server down, a process killed) are real."""

import datetime
import os
import shutil
import signal
import subprocess
import threading
import time

import pytest
import time_machine
from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from review import tasks as review_tasks
from suppliers.models import Notice
from tests.builders import draft_application, reviewer, submitted_application
from tests.factories import OrganisationFactory
from tops import mail
from tops.models import OutgoingMail

from .conftest import wait_until

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not settings.REDIS_URL,
        reason="the fault tests run on PostgreSQL + Redis with worker processes",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def queue(count: int, subject="通知") -> list[OutgoingMail]:
    """``count`` mails, each written by its own committed change."""
    mails = []
    for number in range(count):
        with transaction.atomic():
            mails.append(
                mail.queue_email(
                    mail.build_email(
                        subject=f"{subject} {number}", body="內文", to=[f"p{number}@example.com"]
                    )
                )
            )
    return mails


def later(minutes=3):
    return timezone.now() + datetime.timedelta(minutes=minutes)


def assert_each_delivered_once(mail_server, mails, timeout=30):
    expected = {outgoing.message_id for outgoing in mails}
    wait_until(
        lambda: expected <= set(mail_server.sink.received),
        timeout=timeout,
        what=f"{len(expected)} mails",
    )
    time.sleep(1)  # time for a duplicate to arrive, if one were coming
    counts = mail_server.sink.count()
    assert {message_id: counts[message_id] for message_id in expected} == dict.fromkeys(expected, 1)
    assert not OutgoingMail.objects.exclude(status=OutgoingMail.Status.SENT).exists()


def test_the_broker_down_during_a_commit_answers_normally_and_loses_no_mail(
    start_worker, broker, mail_server
):
    OrganisationFactory(account__email="office@example.com")
    start_worker()
    broker.stop()
    browser = Client(raise_request_exception=False)
    answer = browser.post(reverse("account_reset_password"), {"email": "office@example.com"})
    assert answer.status_code == 302
    [waiting] = OutgoingMail.objects.all()
    assert waiting.status == OutgoingMail.Status.QUEUED

    broker.start()
    mail.sweep(now=later())
    assert_each_delivered_once(mail_server, [waiting], timeout=60)


def test_a_mail_server_down_for_two_minutes_delays_mail_and_loses_none(start_worker, mail_server):
    start_worker()
    mail_server.stop()
    mails = queue(5)
    wait_until(
        lambda: OutgoingMail.objects.filter(attempts__gte=1).count() == 5,
        what="the first attempts to fail",
    )
    mail_server.start()
    mail.sweep(now=later(minutes=2))
    assert_each_delivered_once(mail_server, mails)


def test_a_mail_server_that_never_answers_holds_no_worker(start_worker, mail_server):
    start_worker()
    mail_server.sink.mode = "hang"
    mails = queue(2)
    # EMAIL_TIMEOUT (2 s here) cuts each send off: the worker goes on to the next mail.
    wait_until(
        lambda: OutgoingMail.objects.filter(attempts__gte=1).count() == 2,
        timeout=20,
        what="the sends to time out",
    )
    assert all("timed out" in m.last_error for m in OutgoingMail.objects.all())
    mail_server.sink.mode = "up"
    mail.sweep(now=later())
    assert_each_delivered_once(mail_server, mails)


def test_a_pool_process_killed_in_the_middle_of_a_send_loses_no_mail(start_worker, mail_server):
    mail_server.sink.mode, mail_server.sink.delay = "slow", 1.0
    worker = start_worker(pool="prefork")
    mails = queue(10)
    wait_until(lambda: mail_server.sink.in_progress > 0, what="a send in progress")
    os.kill(worker.children()[0], signal.SIGKILL)
    # The task goes back to the queue at once (acks late, reject on worker lost).
    assert_each_delivered_once(mail_server, mails, timeout=60)


def test_a_worker_killed_in_the_middle_of_a_send_loses_and_doubles_no_mail(
    start_worker, mail_server
):
    mail_server.sink.mode, mail_server.sink.delay = "slow", 1.0
    worker = start_worker()
    mails = queue(3)
    wait_until(lambda: mail_server.sink.in_progress > 0, what="a send in progress")
    worker.kill()
    mail_server.sink.mode = "up"
    start_worker()
    mail.sweep(now=later())
    assert_each_delivered_once(mail_server, mails)
    # The killed worker's unacknowledged task comes back after the visibility timeout (5 s
    # here): its mail is already sent, so nobody gets it twice.
    time.sleep(7)
    assert max(mail_server.sink.count().values()) == 1


def test_redis_restarted_without_its_queue_loses_no_mail(start_worker, broker, mail_server):
    mails = queue(3)  # published while no worker runs
    broker.restart()  # nothing on disk: the queue is gone
    start_worker()
    mail.sweep(now=later())
    assert_each_delivered_once(mail_server, mails)


def test_the_morning_reminder_run_twice_at_once_mails_each_reviewer_once(start_worker, mail_server):
    start_worker()
    submitted = submitted_application(draft_application(OrganisationFactory()))
    person = reviewer()
    start = threading.Barrier(2)
    results = []

    def run():
        start.wait()
        results.append(review_tasks.remind_reviewers())
        close_old_connections()
        connection.close()

    with time_machine.travel(f"{submitted.due_on} 08:00 +0800"):
        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(results, key=str) == [1, None]
    reminders = Notice.objects.filter(recipient=person.email)
    assert reminders.count() == 1
    assert_each_delivered_once(mail_server, OutgoingMail.objects.all())


def _postgresql(action: str):
    version = sorted(os.listdir("/etc/postgresql"))[0]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action, "-m", "fast"]
        if action == "stop"
        else ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],
        check=True,
    )


@pytest.mark.skipif(not shutil.which("pg_ctlcluster"), reason="needs the server's own controls")
def test_a_postgresql_restart_answers_503_then_recovers_without_losing_mail(
    start_worker, mail_server
):
    start_worker()
    browser = Client(raise_request_exception=False)
    # A page read from the database each time (the catalogue's pages may come from the cache,
    # which stays up without PostgreSQL).
    page = reverse("programme:list")
    assert browser.get(page).status_code == 200
    _postgresql("stop")
    try:
        during = browser.get(page)
    finally:
        _postgresql("start")
    assert during.status_code == 503 and during["Retry-After"]
    wait_until(lambda: browser.get(page).status_code == 200, what="the portal back")
    mails = queue(2)  # the worker's connection died too: it reconnects for the next task
    assert_each_delivered_once(mail_server, mails)
