"""Outgoing e-mail through the outbox (``tops.models.OutgoingMail``).

A mail is rendered in the request (in the reader's language) and written as a row in the same
transaction as the change that causes it, so it exists exactly when the change does. Once the
transaction commits a worker is asked to send it; if the broker cannot be reached, the
minute's sweep asks again. Sending takes the row's lock and marks it sent in one transaction,
so two workers, or a redelivered task, never send one mail twice. One window stays, as in any
system that cannot make the mail server and the database commit together: a worker that dies
after the server accepted a mail and before its row is marked sent leaves it to be sent again,
under the same Message-ID, by which mail systems recognise a duplicate.
"""

import datetime
import logging
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingMail

logger = logging.getLogger(__name__)

# A mail that is not sent is tried again after 30 s, 1, 2, 4… minutes, at most every 30
# minutes, for a day; then it is held for staff (the admin's outgoing e-mail list).
FIRST_RETRY = datetime.timedelta(seconds=30)
LONGEST_WAIT = datetime.timedelta(minutes=30)
RETRY_FOR = datetime.timedelta(hours=24)
# A mail handed to the broker is not handed again by the sweep before this, unless the send
# failed and set its own next attempt.
HANDED_OVER_FOR = datetime.timedelta(minutes=2)
# Text attachments (a calendar entry, a small CSV) travel in the row's headers under this key,
# which is never sent as a header: [[filename, content, mimetype], ...]. Files of any size
# belong in private storage with a link in the mail, not in the outbox.
ATTACHMENTS = "__attachments__"


def queue_email(message: EmailMessage, *, private: bool = False) -> OutgoingMail:
    """Write ``message`` to the outbox; a worker sends it once the transaction commits.
    ``private``: correspondence between two organisations, whose text staff do not see."""
    html = [
        content
        for content, mimetype in getattr(message, "alternatives", [])
        if mimetype == "text/html"
    ]
    headers = {name: value for name, value in message.extra_headers.items() if name != "Message-ID"}
    attachments = [
        [filename, content.decode() if isinstance(content, bytes) else content, mimetype]
        for filename, content, mimetype in message.attachments
    ]
    if attachments:
        headers[ATTACHMENTS] = attachments
    mail = OutgoingMail.objects.create(
        message_id=make_msgid(domain=settings.EMAIL_MESSAGE_ID_DOMAIN),
        subject=str(message.subject),
        body=message.body,
        html=html[0] if html else "",
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(message.to),
        headers=headers,
        private=private,
        next_attempt_at=timezone.now() + HANDED_OVER_FOR,
        retry_until=timezone.now() + RETRY_FOR,
    )
    transaction.on_commit(lambda: hand_to_worker(mail.pk))
    return mail


def hand_to_worker(mail_id: int) -> None:
    """Ask a worker to send the mail. A broker that is down costs nothing but time: the mail
    waits in the outbox and the sweep hands it over again."""
    from .tasks import send_outgoing_mail

    try:
        send_outgoing_mail.delay(mail_id)
    except Exception:
        logger.warning(
            "mail %s waits in the outbox: handing it over failed", mail_id, exc_info=True
        )


def portal_url(path: str) -> str:
    """An absolute link to the portal, for mail written outside a request (by a worker)."""
    scheme = "https" if settings.HTTPS else "http"
    return f"{scheme}://{settings.SITE_DOMAIN}{path}"


def render_email(template: str, context: dict, language: str) -> tuple[str, str]:
    """The subject (one line) and body of ``<template>_subject.txt`` and
    ``<template>_message.txt``, in ``language``."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_message.txt", context)
    return subject, body


def build_email(*, subject, body, to, from_email=None, html=None, headers=None, attachments=()):
    """A mail to queue or send; ``attachments``: (filename, text, mimetype) triples."""
    headers = dict(headers or {})
    attachments = [*attachments, *headers.pop(ATTACHMENTS, [])]
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=to, headers=headers
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def next_attempt_after(attempts: int) -> datetime.timedelta:
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


def deliver(mail_id: int) -> bool:
    """Send one mail from the outbox, if it still waits and no other worker is sending it.
    Returns whether it was sent now."""
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(pk=mail_id, status=OutgoingMail.Status.QUEUED)
            .first()
        )
        if mail is None:
            return False
        now = timezone.now()
        mail.attempts += 1
        try:
            build_email(
                subject=mail.subject,
                body=mail.body,
                from_email=mail.from_email,
                to=mail.to,
                html=mail.html or None,
                headers={**mail.headers, "Message-ID": mail.message_id},
            ).send()
        except Exception as error:
            mail.last_error = f"{type(error).__name__}: {error}"[:2000]
            if now >= mail.retry_until:
                mail.status = OutgoingMail.Status.HELD
                logger.error("mail %s held after %s attempts: %s", mail.pk, mail.attempts, error)
            else:
                mail.next_attempt_at = now + next_attempt_after(mail.attempts)
                logger.warning("mail %s not sent (attempt %s): %s", mail.pk, mail.attempts, error)
            mail.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return False
        mail.status, mail.sent_at = OutgoingMail.Status.SENT, timezone.now()
        mail.save(update_fields=["attempts", "status", "sent_at"])
        return True


def sweep(now: datetime.datetime | None = None, limit: int = 500) -> int:
    """Hand over again each mail whose next attempt is due: it was never handed over (the
    broker was down), its task was lost (a restarted Redis), or its last attempt failed."""
    now = now or timezone.now()
    with transaction.atomic():
        # A mail being sent right now is locked by its worker: skip it rather than wait.
        due = list(
            OutgoingMail.objects.due(now)
            .select_for_update(skip_locked=True)
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:limit]
        )
        OutgoingMail.objects.filter(pk__in=due).update(next_attempt_at=now + HANDED_OVER_FOR)
    for mail_id in due:
        hand_to_worker(mail_id)
    return len(due)


def send_again(mails) -> int:
    """Staff send held mail again (after fixing an address or the mail server)."""
    now = timezone.now()
    held = list(mails.filter(status=OutgoingMail.Status.HELD).values_list("pk", flat=True))
    OutgoingMail.objects.filter(pk__in=held).update(
        status=OutgoingMail.Status.QUEUED,
        next_attempt_at=now + HANDED_OVER_FOR,
        retry_until=now + RETRY_FOR,
    )
    for mail_id in held:
        transaction.on_commit(lambda mail_id=mail_id: hand_to_worker(mail_id))
    return len(held)
