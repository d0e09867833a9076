import os

from celery import Celery
from celery.signals import task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tops.settings")

app = Celery("tops")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
def _mark_task(task_id=None, task=None, **kwargs):
    from .logs import mark_task

    mark_task(task_id=task_id, task=task)
