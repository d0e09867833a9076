from celery import shared_task
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from suppliers.models import Application
from suppliers.notices import send_notice
from tops.jobs import RETRIED, once_a_day
from tops.models import ClosedDay
from tops.working_days import is_working_day

from . import services


@shared_task(**RETRIED)
def remind_reviewers():
    """Each working morning, mail every reviewer the applications due today or overdue:
    those assigned to them and those nobody has taken. Once a day, however often it runs."""
    return once_a_day("remind_reviewers", _remind_reviewers)


def _remind_reviewers():
    today = timezone.localdate()
    if not is_working_day(today, ClosedDay.objects.as_set()):
        return 0
    due = (
        Application.objects.filter(status=Application.Status.SUBMITTED, due_on__lte=today)
        .select_related("organisation", "assignee")
        .order_by("due_on")
    )
    reviewers = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(groups__permissions__codename="review_application")
            | Q(user_permissions__codename="review_application")
        )
        .distinct()
    )
    sent = 0
    for reviewer in reviewers:
        theirs = [a for a in due if a.assignee_id in (None, reviewer.pk)]
        if theirs and reviewer.email:
            send_notice(
                to=reviewer.email,
                template="review/email/due_applications",
                context={"applications": theirs, "reviewer": reviewer},
                language=reviewer.preferred_language,
            )
            sent += 1
    return sent


@shared_task(**RETRIED)
def remind_applicants_of_corrections():
    today = timezone.localdate()
    waiting = Application.objects.filter(
        status=Application.Status.NEEDS_CORRECTIONS, corrections_reminded_at__isnull=True
    )
    closed_days = ClosedDay.objects.as_set()
    reminded = 0
    for application in waiting:
        if services.corrections_reminder_due(application, today, closed_days):
            services.corrections_remind(application=application)
            reminded += 1
    return reminded
