from celery import shared_task

from tops.jobs import RETRIED

from .services import figures_snapshot_take


@shared_task(**RETRIED)
def take_public_figures() -> str:
    """Every night: the figures of the public statistics page."""
    return str(figures_snapshot_take().taken_on)
