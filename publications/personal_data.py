"""What the publications app holds about an organisation (registered with
``accounts.personal_data`` in ``PublicationsConfig.ready()``): its user's acceptances of the
rules and a newsletter subscription by the account's address."""

from django.utils.translation import gettext_lazy as _

from accounts.personal_data import Holding

from .models import RulesAcceptance, Subscriber


def _subscriptions(organisation):
    return Subscriber.objects.filter(email__iexact=organisation.account.email)


def _erase_subscriptions(organisation) -> None:
    _subscriptions(organisation).delete()


HOLDINGS = [
    Holding(
        "rules_acceptances",
        lambda organisation: RulesAcceptance.objects.filter(user=organisation.account),
        fields=("version", "accepted_at"),
        kept=_("Which versions of the rules your account accepted, and when: kept as evidence."),
    ),
    Holding(
        "newsletter_subscription",
        _subscriptions,
        fields=("email", "language", "confirmed_at", "unsubscribed_at"),
        erase=_erase_subscriptions,
    ),
]
