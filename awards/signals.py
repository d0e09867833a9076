"""A buyer who registers through a supplier's invitation link is credited to it."""

from allauth.account.signals import user_signed_up
from django.dispatch import receiver

from accounts.models import Organisation


@receiver(user_signed_up, dispatch_uid="awards.credit_invitation_on_sign_up")
def credit_invitation_on_sign_up(request, user, **kwargs):
    from .views import credit_invitation

    organisation = Organisation.objects.filter(account=user).first()
    if request is not None and organisation is not None:
        credit_invitation(request, organisation)
