from celery import shared_task

from . import services


@shared_task
def remind_registrants():
    """Hourly: seats held for buyers until a past time go to the waiting list, and each
    registration whose activity starts within a day gets its reminder, once."""
    services.held_seats_release()
    return services.reminders_send()
