"""E-mails about supplier applications, each in its reader's language and kept as a notice."""

from django.conf import settings

from .notices import notify_applicant, send_notice


def application_submitted(application):
    notify_applicant(application, "suppliers/email/application_submitted")
    send_notice(
        to=settings.REVIEWERS_EMAIL,
        template="suppliers/email/application_received",
        context={"application": application, "organisation": application.organisation},
        language=settings.LANGUAGE_CODE,
        application=application,
    )
