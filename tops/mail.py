"""Outgoing e-mail: rendered in the request (in the reader's language), sent by a Celery task."""

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction


def queue_email(message: EmailMessage) -> None:
    """Send ``message`` from a worker once the current transaction commits."""
    from .tasks import send_email

    html = [
        content
        for content, mimetype in getattr(message, "alternatives", [])
        if mimetype == "text/html"
    ]
    payload = {
        "subject": str(message.subject),
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "html": html[0] if html else None,
        "headers": dict(message.extra_headers),
    }
    transaction.on_commit(lambda: send_email.delay(**payload))


def build_email(*, subject, body, to, from_email=None, html=None, headers=None):
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=to, headers=headers or {}
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message
