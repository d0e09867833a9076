"""What the activities programme holds about an organisation (registered with
``accounts.personal_data`` in ``ProgrammeConfig.ready()``): its registrations and the names
of its attendees."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.personal_data import Holding

from .models import Attendee, Registration


def _erase(organisation) -> None:
    """Live registrations for activities still ahead are cancelled (their seats go to the
    waiting list); the attendees' names and job titles are removed from every registration."""
    from .services import registration_cancel

    for registration in Registration.objects.filter(
        organisation=organisation, activity__ends_at__gt=timezone.now()
    ).exclude(status=Registration.Status.CANCELLED):
        registration_cancel(registration=registration, by=organisation.account)
    Attendee.objects.filter(registration__organisation=organisation).update(name="—", job_title="")


HOLDINGS = [
    Holding(
        "activity_registrations",
        lambda organisation: Registration.objects.filter(organisation=organisation),
        fields=("activity", "status", "seats", "queued_at", "confirmed_at", "cancelled_at"),
        erase=_erase,
        kept=_(
            "The activities your organisation registered for and attended, without the "
            "attendees' names: kept as the programme's attendance record (參.二(二)2)."
        ),
    ),
    Holding(
        "activity_attendees",
        lambda organisation: Attendee.objects.filter(registration__organisation=organisation),
        fields=("registration", "name", "job_title", "attended_at"),
    ),
]
