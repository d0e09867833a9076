"""A reviewer's steps, for tests that need an application decided."""

import datetime

from django.contrib.auth.models import Group

from review import services
from suppliers.violations import VIOLATION_CHECKS
from tests.factories import UserFactory


def staff(role="Reviewer", username=None, **kwargs):
    user = UserFactory(username=username or role.lower(), is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


def record_all_checks(application, reviewer, *, found=()):
    for check in VIOLATION_CHECKS:
        services.violation_check_record(
            application=application,
            by=reviewer,
            item=check.number,
            result="found" if check.number in found else "none_found",
            source=str(check.source),
            checked_on=datetime.date(2026, 11, 27),
            note="查有裁罰紀錄" if check.number in found else "",
        )


def accept_documents(application, reviewer):
    for document in application.documents.filter(is_current=True):
        services.document_review(document=document, by=reviewer, status="accepted")


def approve(application, reviewer):
    record_all_checks(application, reviewer)
    accept_documents(application, reviewer)
    return services.application_approve(application=application, by=reviewer)
