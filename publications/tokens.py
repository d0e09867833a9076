"""Signed links in the newsletter's mail: confirming a subscription, unsubscribing. No log-in
is needed; the signature says the portal wrote the link for this address."""

from django.core import signing

CONFIRM_SALT = "publications.newsletter.confirm"
UNSUBSCRIBE_SALT = "publications.newsletter.unsubscribe"
# A confirmation link works for a week; an unsubscribe link always.
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60


def make(email: str, salt: str) -> str:
    return signing.dumps(email.lower(), salt=salt, compress=True)


def read(token: str, salt: str, max_age=None) -> str | None:
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
