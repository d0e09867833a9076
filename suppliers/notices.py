"""Written notices (書面通知): in the reader's language, kept word for word, then mailed."""

from django.conf import settings

from tops.mail import build_email, queue_email, render_email

from .models import Notice


def send_private_mail(*, to: str, template: str, context: dict, language: str) -> None:
    """A mail between organisations (a buyer's inquiry to a supplier): sent, not kept as a
    notice, and its text hidden from staff in the outbox."""
    subject, body = render_email(template, context, language)
    queue_email(build_email(subject=subject, body=body, to=[to]), private=True)


def send_notice(*, to: str, template: str, context: dict, language: str, application=None):
    """Render ``<template>_subject.txt`` and ``<template>_message.txt``, store, and send."""
    subject, body = render_email(template, context, language)
    notice = Notice.objects.create(
        recipient=to, subject=subject, body=body, language=language, application=application
    )
    queue_email(build_email(subject=subject, body=body, to=[to]))
    return notice


def notify_applicant(application, template: str, **context):
    account = application.organisation.account
    return send_notice(
        to=account.email,
        template=template,
        context={"application": application, "organisation": application.organisation, **context},
        language=account.preferred_language,
        application=application,
    )


def notify_supplier(supplier, template: str, **context):
    account = supplier.organisation.account
    return send_notice(
        to=account.email,
        template=template,
        context={"supplier": supplier, "organisation": supplier.organisation, **context},
        language=account.preferred_language,
    )


def notify_reviewers(template: str, **context):
    return send_notice(
        to=settings.REVIEWERS_EMAIL,
        template=template,
        context=context,
        language=settings.LANGUAGE_CODE,
    )
