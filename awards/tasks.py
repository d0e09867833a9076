from celery import shared_task

from tops.jobs import RETRIED

from .services.invitations import follow_ups_remind


@shared_task(**RETRIED)
def remind_staff_of_follow_ups() -> int:
    """Every morning: the follow-ups of suppliers' invitations that are due."""
    return follow_ups_remind()
