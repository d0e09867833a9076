"""E-mails about supplier applications, each in its reader's language."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from tops.mail import build_email, queue_email


def _send(*, template, context, to, language):
    with translation.override(language):
        subject = render_to_string(f"suppliers/email/{template}_subject.txt", context)
        body = render_to_string(f"suppliers/email/{template}_message.txt", context)
    queue_email(build_email(subject=" ".join(subject.split()), body=body, to=to))


def application_submitted(application):
    account = application.organisation.account
    context = {"application": application, "organisation": application.organisation}
    _send(
        template="application_submitted",
        context=context,
        to=[account.email],
        language=account.preferred_language,
    )
    _send(
        template="application_received",
        context=context,
        to=[settings.REVIEWERS_EMAIL],
        language=settings.LANGUAGE_CODE,
    )
