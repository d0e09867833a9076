from celery import shared_task
from django.utils import timezone

from tops.jobs import RETRIED

from . import services, upkeep


@shared_task(**RETRIED)
def purge_expired_labour_insurance_lists():
    return services.purge_expired_labour_insurance_lists(now=timezone.now())


@shared_task(**RETRIED)
def remind_suppliers_of_yearly_update():
    return upkeep.update_reminders_send(timezone.localdate())


@shared_task(**RETRIED)
def move_grown_startups_to_sme_group():
    return len(upkeep.startups_move_to_sme_group(timezone.localdate()))
