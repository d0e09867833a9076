from celery import shared_task

from . import mail
from .jobs import RETRIED


# A database error (a connection lost in a restart) retries the send rather than leaving the
# mail to the sweep.
@shared_task(acks_late=True, reject_on_worker_lost=True, **RETRIED)
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
