from celery import shared_task

from .mail import build_email


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(self, *, subject, body, from_email, to, html=None, headers=None):
    build_email(
        subject=subject, body=body, from_email=from_email, to=to, html=html, headers=headers
    ).send()
