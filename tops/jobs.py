"""Scheduled jobs that must hold when beat fires twice (two beat processes, a restart) and
when the database blips (Celery retries them)."""

from django.db import DatabaseError, transaction
from django.utils import timezone

from .models import DailyRun

# For ``@shared_task(**RETRIED)``: a job that meets a database error is tried again.
RETRIED = {
    "autoretry_for": (DatabaseError,),
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "max_retries": 8,
}


def once_a_day(job: str, work):
    """Run ``work()`` unless ``job`` already ran today (Asia/Taipei); the day is recorded in
    the same transaction, so a failed run leaves it to the retry. Two runs at once: the
    second waits on the first's row and then does nothing."""
    with transaction.atomic():
        _, first = DailyRun.objects.get_or_create(job=job, day=timezone.localdate())
        return work() if first else None
