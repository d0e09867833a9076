from celery import shared_task

from . import services


@shared_task(acks_late=True)
def send_issue(issue_id: int) -> int:
    """Send an issue's unsent deliveries, batch by batch. Run again (a retried or
    redelivered task, the hourly sweep after a worker restart) it picks up the rows still
    unsent and nothing else."""
    total = 0
    while sent := services.issue_send_batch(issue_id=issue_id):
        total += sent
    return total


@shared_task
def resume_sending() -> int:
    """Hourly: issues left half sent by a stopped worker are taken up again."""
    from .models import Issue

    issues = list(Issue.objects.filter(status=Issue.Status.SENDING).values_list("pk", flat=True))
    for issue_id in issues:
        send_issue.delay(issue_id)
    return len(issues)


@shared_task
def forget_unconfirmed_subscribers() -> int:
    """Daily: an address whose confirmation link was never followed is forgotten once the
    link has expired."""
    return services.subscribers_forget_unconfirmed()
