"""Mail goes through the outbox: written with the change that causes it, sent once, tried again
when the mail server fails, held for staff after a day. (The faults with a real worker, broker
and mail server are in tests/faults/.)"""

import datetime
import socket

import pytest
import time_machine
from django.core import mail as django_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tests.builders import organizer
from tops import mail
from tops.models import OutgoingMail

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_process(tasks_in_process):
    """These tests read what was sent from this process's memory (the worker's part is
    tests/faults/)."""


def _queue(subject="審核結果通知", to="office@example.com"):
    return mail.queue_email(mail.build_email(subject=subject, body="內文", to=[to]))


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _closed_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2
    return settings


def _mail_server_back(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_a_mail_is_written_with_its_change_and_sent_once_with_a_fixed_message_id(
    django_capture_on_commit_callbacks,
):
    django_mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        queued = _queue()
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.SENT and queued.attempts == 1
    assert [m.extra_headers["Message-ID"] for m in django_mail.outbox] == [queued.message_id]
    # The task delivered again (a redelivery, the sweep) does not reach the person twice.
    assert mail.deliver(queued.pk) is False
    assert len(django_mail.outbox) == 1


def test_an_attachment_travels_with_the_mail_also_when_it_is_sent_again(
    mail_server_down, django_capture_on_commit_callbacks
):
    django_mail.outbox.clear()
    message = mail.build_email(
        subject="活動報名成功",
        body="內文",
        to=["office@example.com"],
        attachments=[("activity.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
    )
    with django_capture_on_commit_callbacks(execute=True):
        queued = mail.queue_email(message)
    _mail_server_back(mail_server_down)
    assert mail.deliver(queued.pk) is True
    (sent,) = django_mail.outbox
    assert sent.attachments[0][0] == "activity.ics"
    assert "BEGIN:VCALENDAR" in str(sent.attachments[0][1])
    # The attachment is no header of the mail.
    assert mail.ATTACHMENTS not in sent.extra_headers


def test_a_change_that_rolls_back_leaves_no_mail_behind():
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue()
        raise RuntimeError("the change failed")
    assert not OutgoingMail.objects.exists()


def test_a_mail_server_that_is_down_delays_the_mail_and_loses_nothing(
    mail_server_down, django_capture_on_commit_callbacks
):
    django_mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        queued = _queue()
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.QUEUED
    assert queued.attempts == 1 and queued.last_error
    assert queued.next_attempt_at > timezone.now()

    # Two minutes later the server is back; the minute's sweep hands the mail over again.
    _mail_server_back(mail_server_down)
    assert mail.sweep(now=timezone.now()) == 0  # not yet due
    with django_capture_on_commit_callbacks(execute=True):
        assert mail.sweep(now=timezone.now() + datetime.timedelta(minutes=2)) == 1
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.SENT and queued.attempts == 2
    assert len(django_mail.outbox) == 1


def test_retries_back_off_and_a_mail_unsent_for_a_day_is_held_for_staff(mail_server_down):
    queued = _queue()
    waits = []
    for _ in range(4):
        before = timezone.now()
        mail.deliver(queued.pk)
        queued.refresh_from_db()
        waits.append(round((queued.next_attempt_at - before).total_seconds() / 30))
    assert waits == [1, 2, 4, 8]  # 30 s, 1, 2, 4 minutes
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=24, minutes=1)):
        mail.deliver(queued.pk)
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.HELD
    assert OutgoingMail.objects.held().count() == 1


def test_an_organizer_sends_held_mail_again_from_the_admin(client, mail_server_down):
    queued = _queue()
    OutgoingMail.objects.filter(pk=queued.pk).update(status=OutgoingMail.Status.HELD)
    client.force_login(organizer())
    page = client.get(reverse("admin:tops_outgoingmail_changelist") + "?status=held")
    assert "office@example.com" in page.content.decode()
    client.post(
        reverse("admin:tops_outgoingmail_changelist"),
        {"action": "send_again", "_selected_action": [queued.pk]},
    )
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.QUEUED
    assert queued.retry_until > timezone.now() + datetime.timedelta(hours=23)
