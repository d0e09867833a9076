"""Suppliers invite their customers to the award scheme (參.二(二)1); the buyer reached is
credited to the invitation; staff follow the supplier up and are reminded."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from suppliers.models import Supplier
from tops.mail import build_email, portal_url, queue_email, render_email
from tops.workflow import StepRefused

from ..models import Invitation, InvitationFollowUp

MAX_INVITATIONS_PER_DAY = 20


@transaction.atomic
def invitation_send(*, supplier: Supplier, by: User, customer: str, email: str = "") -> Invitation:
    """A personal invitation link; mailed to the customer when an address is given."""
    Supplier.objects.select_for_update().filter(pk=supplier.pk).first()
    if not supplier.is_listed:
        raise StepRefused(_("Only a listed supplier can invite customers."))
    today = Invitation.objects.filter(
        supplier=supplier, created_at__date=timezone.localdate()
    ).count()
    if today >= MAX_INVITATIONS_PER_DAY:
        raise StepRefused(
            _("At most %(max)d invitations can be sent in one day; please continue tomorrow.")
            % {"max": MAX_INVITATIONS_PER_DAY}
        )
    invitation = Invitation.objects.create(
        supplier=supplier, customer=customer.strip(), email=email.strip(), created_by=by
    )
    if invitation.email:
        subject, body = render_email(
            "awards/email/invitation",
            {"invitation": invitation, "link": invitation_link(invitation)},
            settings.LANGUAGE_CODE,
        )
        # From the portal on the supplier's behalf; replies go to the supplier.
        queue_email(
            build_email(
                subject=subject,
                body=body,
                to=[invitation.email],
                headers={"Reply-To": supplier.organisation.account.email},
            )
        )
    return invitation


def invitation_link(invitation: Invitation) -> str:
    return portal_url(reverse("awards:invited", args=[invitation.token]))


@transaction.atomic
def invitation_credit(*, token, buyer: Organisation) -> Invitation | None:
    """Credit the buyer to the invitation it came through, once: the first buyer stays."""
    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    if invitation is None or invitation.supplier.organisation_id == buyer.pk:
        return None
    if invitation.buyer_id is None:
        invitation.buyer = buyer
        invitation.credited_at = timezone.now()
        invitation.save(update_fields=["buyer", "credited_at"])
    return invitation


def follow_ups_remind(today: datetime.date | None = None) -> int:
    """Mail each staff member the follow-ups they set for today or earlier and were not yet
    reminded of; once each, and made up after a day the job did not run."""
    today = today or timezone.localdate()
    due = InvitationFollowUp.objects.filter(
        next_follow_up_on__lte=today, reminded_at__isnull=True
    ).select_related("supplier", "staff")
    sent = 0
    for follow_up in due:
        with transaction.atomic():
            locked = (
                InvitationFollowUp.objects.select_for_update(skip_locked=True)
                .filter(pk=follow_up.pk, reminded_at__isnull=True)
                .first()
            )
            if locked is None or not follow_up.staff.email:
                continue
            subject, body = render_email(
                "awards/email/follow_up_due",
                {
                    "follow_up": follow_up,
                    "link": portal_url(
                        reverse(
                            "admin:awards_invitationstanding_change", args=[follow_up.supplier_id]
                        )
                    ),
                },
                follow_up.staff.preferred_language or settings.LANGUAGE_CODE,
            )
            queue_email(build_email(subject=subject, body=body, to=[follow_up.staff.email]))
            locked.reminded_at = timezone.now()
            locked.save(update_fields=["reminded_at"])
            sent += 1
    return sent
