"""The steps of the activities programme: registering, cancelling, the waiting list, the
organizer's changes and cancellations, reminders and check-in. Each step takes the activity's
row lock, so that the seat count holds however many organisations register at once."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Organisation
from suppliers.models import Supplier
from tops.mail import build_email, portal_url, queue_email, render_email
from tops.workflow import StepRefused

from .calendar import TAIPEI, registrant_attachment
from .models import Activity, Attendee, Audience, BuyerPriority, Registration

# Changes to these fields are news for everyone registered: a new calendar entry goes out.
SCHEDULE_FIELDS = ("starts_at", "ends_at", "venue", "address", "online_url")
REMIND_WITHIN = datetime.timedelta(hours=24)


def registers_as_buyer(organisation: Organisation) -> bool:
    """An organisation with a listed supplier takes part as a supplier; any other as a buyer."""
    return not Supplier.objects.listed().filter(organisation=organisation).exists()


def registration_opens_at(activity: Activity, *, as_buyer: bool) -> datetime.datetime:
    if as_buyer and activity.buyer_priority == BuyerPriority.EARLY and activity.buyers_from:
        return activity.buyers_from
    return activity.registration_opens_at


def may_register(activity: Activity, *, as_buyer: bool) -> bool:
    return activity.audience == Audience.BOTH or activity.audience == (
        Audience.BUYERS if as_buyer else Audience.SUPPLIERS
    )


def seats_taken(activity: Activity) -> tuple[int, int]:
    """The seats of confirmed registrations: all of them, and those of buyers."""
    confirmed = activity.registrations.filter(status=Registration.Status.CONFIRMED)
    total = confirmed.aggregate(seats=Sum("seats"))["seats"] or 0
    buyers = confirmed.filter(as_buyer=True).aggregate(seats=Sum("seats"))["seats"] or 0
    return total, buyers


def _seats_free_for(activity, *, as_buyer: bool, taken: int, taken_by_buyers: int, now) -> int:
    free = activity.capacity - taken
    if (
        not as_buyer
        and activity.buyer_priority == BuyerPriority.HELD
        and activity.seats_held_until
        and now < activity.seats_held_until
    ):
        free -= max(0, activity.seats_held_for_buyers - taken_by_buyers)
    return free


def _fill_from_waiting_list(activity: Activity, now) -> list[Registration]:
    """Confirm, in order of the waiting list, each registration whose attendees fit the free
    seats (held seats go to buyers only). The caller holds the activity's lock."""
    if activity.is_cancelled:
        return []
    taken, taken_by_buyers = seats_taken(activity)
    confirmed = []
    for registration in activity.registrations.filter(status=Registration.Status.WAITING).order_by(
        "queued_at", "pk"
    ):
        free = _seats_free_for(
            activity,
            as_buyer=registration.as_buyer,
            taken=taken,
            taken_by_buyers=taken_by_buyers,
            now=now,
        )
        if registration.seats > free:
            continue
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        taken += registration.seats
        taken_by_buyers += registration.seats if registration.as_buyer else 0
        confirmed.append(registration)
    return confirmed


def _language(organisation: Organisation) -> str:
    return organisation.account.preferred_language or settings.LANGUAGE_CODE


def _mail(registration: Registration, template: str, *, calendar: bool = True, **context) -> None:
    organisation = registration.organisation
    if not organisation.contact_email:
        return
    language = _language(organisation)
    activity = registration.activity
    with translation.override(language):
        starts = formats.date_format(
            timezone.localtime(activity.starts_at, TAIPEI), "DATETIME_FORMAT"
        )
    subject, body = render_email(
        f"programme/email/{template}",
        {
            "registration": registration,
            "activity": activity,
            "organisation": organisation,
            "starts": starts,
            "attendees": list(registration.attendees.all()),
            "link": portal_url(reverse("programme:detail", args=[activity.pk])),
            **context,
        },
        language,
    )
    attachments = [registrant_attachment(activity, language)] if calendar else []
    queue_email(
        build_email(
            subject=subject, body=body, to=[organisation.contact_email], attachments=attachments
        )
    )


def _locked(activity: Activity) -> Activity:
    return Activity.objects.select_for_update().get(pk=activity.pk)


def registration_create(
    *,
    activity: Activity,
    organisation: Organisation,
    by,
    attendees: list[tuple[str, str]],
    now: datetime.datetime | None = None,
) -> Registration:
    """Register ``organisation``'s named attendees (name, job title). The registration is
    confirmed if its attendees fit the free seats, else it joins the waiting list."""
    now = now or timezone.now()
    as_buyer = registers_as_buyer(organisation)
    with transaction.atomic():
        activity = _locked(activity)
        if activity.is_cancelled:
            raise StepRefused(_("This activity has been cancelled."))
        if not may_register(activity, as_buyer=as_buyer):
            raise StepRefused(
                _("This activity is for suppliers only.")
                if as_buyer
                else _("This activity is for buyers only.")
            )
        opens_at = registration_opens_at(activity, as_buyer=as_buyer)
        if now < opens_at:
            raise StepRefused(
                _("Registration opens on %(date)s.")
                % {"date": formats.date_format(timezone.localtime(opens_at), "DATETIME_FORMAT")}
            )
        if now >= activity.registration_closes_at:
            raise StepRefused(_("Registration for this activity has closed."))
        if (
            activity.registrations.filter(organisation=organisation)
            .exclude(status=Registration.Status.CANCELLED)
            .exists()
        ):
            raise StepRefused(_("Your organisation is already registered for this activity."))
        names = [(name.strip(), title.strip()) for name, title in attendees if name.strip()]
        if not 1 <= len(names) <= activity.attendees_per_organisation:
            raise StepRefused(
                _("Name between 1 and %(limit)s attendees.")
                % {"limit": activity.attendees_per_organisation},
                field="attendees",
            )
        registration = Registration.objects.create(
            activity=activity,
            organisation=organisation,
            as_buyer=as_buyer,
            registered_by=by,
            status=Registration.Status.WAITING,
            seats=len(names),
            queued_at=now,
        )
        Attendee.objects.bulk_create(
            Attendee(registration=registration, name=name, job_title=title) for name, title in names
        )
        confirmed = _fill_from_waiting_list(activity, now)
        for other in confirmed:
            if other.pk != registration.pk:
                _mail(other, "promoted")
        registration.refresh_from_db()
        if registration.status == Registration.Status.CONFIRMED:
            _mail(registration, "confirmed")
        else:
            position = activity.registrations.filter(
                status=Registration.Status.WAITING, queued_at__lte=registration.queued_at
            ).count()
            _mail(registration, "waiting", calendar=False, position=position)
    return registration


def registration_cancel(
    *, registration: Registration, by, now: datetime.datetime | None = None
) -> Registration:
    """The organisation withdraws; its seats go to the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        activity = _locked(registration.activity)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise StepRefused(_("This registration was already cancelled."))
        if now >= activity.ends_at:
            raise StepRefused(_("This activity is over."))
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        for promoted in _fill_from_waiting_list(activity, now):
            _mail(promoted, "promoted")
    return registration


def activity_update(
    *, activity: Activity, by, fields: dict, now: datetime.datetime | None = None
) -> Activity:
    """The organizer changes an activity. A new time or place is sent to everyone registered
    with a new calendar entry; more seats (or held seats released) go to the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(activity)
        if locked.is_cancelled:
            raise StepRefused(_("A cancelled activity cannot be changed."))
        rescheduled = [
            name
            for name in SCHEDULE_FIELDS
            if name in fields and fields[name] != getattr(locked, name)
        ]
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        if rescheduled:
            locked.sequence += 1
        locked.save()
        live = locked.registrations.exclude(status=Registration.Status.CANCELLED)
        if rescheduled:
            # The reminder goes out again before the new date.
            live.update(reminded_at=None)
            for registration in live.select_related("organisation__account"):
                _mail(registration, "rescheduled")
        for promoted in _fill_from_waiting_list(locked, now):
            _mail(promoted, "promoted")
    return locked


def activity_cancel(*, activity: Activity, by, reason: str = "") -> Activity:
    """The organizer cancels; everyone registered or waiting is told, with a calendar entry
    that strikes the activity from their calendars."""
    with transaction.atomic():
        locked = _locked(activity)
        if locked.is_cancelled:
            raise StepRefused(_("This activity was already cancelled."))
        locked.status = Activity.Status.CANCELLED
        locked.sequence += 1
        locked.save(update_fields=["status", "sequence", "updated_at"])
        for registration in locked.registrations.exclude(
            status=Registration.Status.CANCELLED
        ).select_related("organisation__account"):
            _mail(registration, "cancelled", reason=reason)
    return locked


def held_seats_release(*, now: datetime.datetime | None = None) -> int:
    """Seats held for buyers until a time that has passed go to the waiting list."""
    now = now or timezone.now()
    promoted = 0
    due = Activity.objects.filter(
        status=Activity.Status.SCHEDULED,
        buyer_priority=BuyerPriority.HELD,
        seats_held_until__lte=now,
        starts_at__gt=now,
        registrations__status=Registration.Status.WAITING,
    ).distinct()
    for activity in due:
        with transaction.atomic():
            for registration in _fill_from_waiting_list(_locked(activity), now):
                _mail(registration, "promoted")
                promoted += 1
    return promoted


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """The day-before reminder: once per confirmed registration whose activity starts within
    24 hours. A run missed while the workers were down is made up by the next one."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        activity__status=Activity.Status.SCHEDULED,
        activity__starts_at__gt=now,
        activity__starts_at__lte=now + REMIND_WITHIN,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, reminded_at__isnull=True, status=Registration.Status.CONFIRMED)
                .select_related("activity", "organisation__account")
                .first()
            )
            if registration is None:
                continue
            _mail(registration, "reminder")
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at", "updated_at"])
            sent += 1
    return sent


def attendance_record(*, activity: Activity, by, attended_ids, now=None) -> int:
    """Staff tick who came: the attendees of ``activity`` in ``attended_ids`` are checked in,
    the others not. Returns how many are checked in."""
    now = now or timezone.now()
    attended_ids = {int(pk) for pk in attended_ids}
    with transaction.atomic():
        _locked(activity)
        attendees = Attendee.objects.filter(
            registration__activity=activity,
            registration__status=Registration.Status.CONFIRMED,
        ).select_for_update()
        for attendee in attendees:
            if attendee.pk in attended_ids and attendee.attended_at is None:
                attendee.attended_at, attendee.checked_in_by = now, by
                attendee.save(update_fields=["attended_at", "checked_in_by"])
            elif attendee.pk not in attended_ids and attendee.attended_at is not None:
                attendee.attended_at, attendee.checked_in_by = None, None
                attendee.save(update_fields=["attended_at", "checked_in_by"])
        return attendees.filter(attended_at__isnull=False).count()
