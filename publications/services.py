import datetime
import logging

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Organisation, User
from tops.mail import build_email, portal_url, queue_email, render_email

from . import tokens
from .markup import render as render_markup
from .models import Delivery, Issue, RulesAcceptance, RulesVersion, Subscriber, Unsubscribed

logger = logging.getLogger(__name__)

# Recipients put in the outbox per transaction: a worker that stops mid-way loses at most one
# batch's transaction, whose rows stay unsent and are picked up again.
BATCH_SIZE = 200
# A confirmation is sent again for one address at most this often.
RESEND_AFTER = datetime.timedelta(minutes=10)


# Rules


@transaction.atomic
def rules_accept(*, user: User, version: RulesVersion) -> RulesAcceptance:
    acceptance, _ = RulesAcceptance.objects.get_or_create(user=user, version=version)
    return acceptance


# Subscriptions


@transaction.atomic
def subscriber_request(*, email: str, language: str) -> Subscriber:
    """Someone asks for the newsletter: a mail with a confirmation link (double opt-in). An
    address already subscribed gets nothing new."""
    email = email.strip().lower()
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
    if subscriber is None:
        subscriber = Subscriber.objects.create(email=email, language=language)
    elif subscriber.is_subscribed:
        return subscriber
    elif subscriber.updated_at > timezone.now() - RESEND_AFTER:
        # A form posted again and again does not flood the address with confirmations.
        return subscriber
    else:
        subscriber.language = language
        subscriber.save(update_fields=["language", "updated_at"])
    link = portal_url(
        reverse("publications:confirm", args=[tokens.make(email, tokens.CONFIRM_SALT)])
    )
    subject, body = render_email("publications/email/confirm", {"link": link}, language)
    queue_email(build_email(subject=subject, body=body, to=[email]))
    return subscriber


@transaction.atomic
def subscriber_confirm(*, email: str) -> Subscriber | None:
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
    if subscriber is None:
        return None
    if not subscriber.is_subscribed:
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["confirmed_at", "unsubscribed_at", "updated_at"])
        Unsubscribed.objects.filter(email__iexact=email).delete()
    return subscriber


@transaction.atomic
def address_unsubscribe(*, email: str) -> None:
    """The address gets no newsletter again: as a subscriber, and as an organisation's
    account that asked for it."""
    now = timezone.now()
    Subscriber.objects.filter(email__iexact=email, unsubscribed_at__isnull=True).update(
        unsubscribed_at=now
    )
    Organisation.objects.filter(account__email__iexact=email, newsletter=True).update(
        newsletter=False
    )
    if not Unsubscribed.objects.filter(email__iexact=email).exists():
        Unsubscribed.objects.create(email=email.lower(), at=now)


# Issues


def audience(issue: Issue) -> dict[str, str]:
    """address → language of everyone the issue goes to, less the unsubscribed."""
    found: dict[str, str] = {}
    if issue.to_buyers or issue.to_suppliers:
        organisations = Organisation.objects.filter(newsletter=True).exclude(account__email="")
        if not issue.to_suppliers:
            organisations = organisations.filter(supplier__isnull=True)
        elif not issue.to_buyers:
            organisations = organisations.filter(supplier__isnull=False)
        for email, language in organisations.values_list(
            "account__email", "account__preferred_language"
        ):
            found.setdefault(email.lower(), language)
    if issue.to_subscribers:
        subscribers = Subscriber.objects.filter(
            confirmed_at__isnull=False, unsubscribed_at__isnull=True
        )
        for email, language in subscribers.values_list("email", "language"):
            found.setdefault(email.lower(), language)
    gone = {email.lower() for email in Unsubscribed.objects.values_list("email", flat=True)}
    return {email: language for email, language in found.items() if email not in gone}


def issue_message(issue: Issue, *, email: str, language: str):
    """The mail of ``issue`` for ``email``, with its one-click unsubscribe link (RFC 8058)."""
    unsubscribe = portal_url(
        reverse("publications:unsubscribe", args=[tokens.make(email, tokens.UNSUBSCRIBE_SALT)])
    )
    with translation.override(language):
        html_body = render_markup(issue.body)
        subject, body = render_email(
            "publications/email/issue",
            {
                "issue": issue,
                "unsubscribe": unsubscribe,
                "archive": portal_url(issue.get_absolute_url()),
            },
            language,
        )
        html = render_to_string(
            "publications/email/issue_message.html",
            {"issue": issue, "body": html_body, "unsubscribe": unsubscribe},
        )
    return build_email(
        subject=subject,
        body=body,
        to=[email],
        html=html,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


@transaction.atomic
def issue_send_test(*, issue: Issue, to: User) -> None:
    """The issue as a recipient would get it, to the organizer alone."""
    queue_email(issue_message(issue, email=to.email, language=to.preferred_language))


@transaction.atomic
def issue_send(*, issue: Issue, by: User) -> int:
    """Start sending: one delivery row per recipient (never two for one address), then a
    worker sends them in batches. Returns the number of recipients."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status == Issue.Status.DRAFT:
        issue.status, issue.sent_by = Issue.Status.SENDING, by
        issue.save(update_fields=["status", "sent_by", "updated_at"])
    existing = set(issue.deliveries.values_list("email", flat=True))
    Delivery.objects.bulk_create(
        [
            Delivery(issue=issue, email=email, language=language)
            for email, language in audience(issue).items()
            if email not in existing
        ],
        ignore_conflicts=True,
    )
    transaction.on_commit(lambda: _hand_to_worker(issue.pk))
    return issue.deliveries.count()


def _hand_to_worker(issue_id: int) -> None:
    """A broker that is down costs time only: the hourly ``resume_sending`` hands the issue
    over again."""
    from .tasks import send_issue

    try:
        send_issue.delay(issue_id)
    except Exception:
        logger.warning("issue %s waits: handing it over failed", issue_id, exc_info=True)


def issue_send_batch(*, issue_id: int, size: int = BATCH_SIZE) -> int:
    """Put the next batch of unsent deliveries in the outbox; returns how many. The rows are
    locked (another worker skips them) and marked sent in the transaction that writes
    their mail, so an address gets the issue once whatever happens to the worker."""
    with transaction.atomic():
        issue = Issue.objects.get(pk=issue_id)
        batch = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(issue=issue, sent_at__isnull=True)
            .order_by("pk")[:size]
        )
        now = timezone.now()
        for delivery in batch:
            queue_email(issue_message(issue, email=delivery.email, language=delivery.language))
            delivery.sent_at = now
        Delivery.objects.bulk_update(batch, ["sent_at"])
        if not batch and issue.status == Issue.Status.SENDING:
            issue.status, issue.sent_at = Issue.Status.SENT, now
            issue.save(update_fields=["status", "sent_at", "updated_at"])
    return len(batch)


def subscribers_forget_unconfirmed(now=None) -> int:
    """Addresses whose confirmation link expired unused are removed: nobody asked for them."""
    cutoff = (now or timezone.now()) - datetime.timedelta(seconds=tokens.CONFIRM_MAX_AGE)
    deleted, _ = Subscriber.objects.filter(
        confirmed_at__isnull=True, updated_at__lt=cutoff
    ).delete()
    return deleted
