from celery import shared_task

from . import mail


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_outgoing_mail(mail_id: int) -> bool:
    """Send one mail of the outbox. Redelivered after a lost worker; sending twice is
    impossible (``mail.deliver`` locks the row and skips a mail already sent)."""
    return mail.deliver(mail_id)


@shared_task
def sweep_outbox() -> int:
    """Every minute: hand over again the mail whose task was lost or whose send failed."""
    return mail.sweep()


@shared_task
def sweep_staged_files() -> dict:
    """Nightly: staged private files left by a rolled-back transaction or a dead process."""
    from .private_files import sweep_staged_files

    return sweep_staged_files()
