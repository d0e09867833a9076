from celery import shared_task
from django.utils import timezone

from . import services


@shared_task
def purge_expired_labour_insurance_lists():
    return services.purge_expired_labour_insurance_lists(now=timezone.now())
