from celery import shared_task
from django.utils import timezone

from tops.jobs import RETRIED

from . import data_requests


@shared_task(acks_late=True, reject_on_worker_lost=True, **RETRIED)
def make_data_copy(request_id: int) -> None:
    """Make an organisation's copy of its data and mail the link (made once, however often
    the task is delivered)."""
    data_requests.data_copy_make(request_id)


@shared_task(**RETRIED)
def remove_expired_data_copies() -> int:
    return data_requests.data_copies_remove_expired(timezone.now())
