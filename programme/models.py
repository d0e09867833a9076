"""Activities and courses (brochure 貳.一1–2, 參.一(二)1, 參.二(二)1–4): recruitment briefings,
matchmaking meetings, booths, talks, workshops and themed open courses; the organisations
registered for them, their named attendees and who came."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from catalog.models import Pavilion
from tops.languages import in_page_language
from tops.models import TimeStampedModel


class ActivityKind(models.TextChoices):
    RECRUITMENT_BRIEFING = "briefing", _("Recruitment briefing")
    MATCHMAKING = "matchmaking", _("Matchmaking meeting")
    BOOTH = "booth", _("Exhibition booth")
    TALK = "talk", _("Talk")
    WORKSHOP = "workshop", _("Hands-on workshop")
    OPEN_COURSE = "course", _("Themed open course")


class Audience(models.TextChoices):
    BUYERS = "buyers", _("Buyers")
    SUPPLIERS = "suppliers", _("Suppliers")
    BOTH = "both", _("Buyers and suppliers")


class BuyerPriority(models.TextChoices):
    """參.一(二)1: buyers get priority information on and places in matchmaking activities."""

    NONE = "none", _("No priority")
    EARLY = "early", _("Registration opens to buyers earlier")
    HELD = "held", _("A share of seats held for buyers")


class ActivityQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """What the public pages list: activities not yet over, cancelled ones included (they
        say so), so that a registrant who follows an old link learns of the cancellation."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")


class Activity(TimeStampedModel):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    # The calendar entry's UID: the same in every file, mail and feed, whatever changes.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=ActivityKind.choices)
    title_zh = models.CharField(_("title (Traditional Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    description_zh = models.TextField(_("description (Traditional Chinese)"))
    description_en = models.TextField(_("description (English)"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(
        _("venue"),
        max_length=200,
        help_text=_("Shown to everyone, e.g. “Taipei World Trade Center, Hall 1” or “Online”."),
    )
    address = models.CharField(
        _("address"), max_length=300, blank=True, help_text=_("Shown to registrants only.")
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Shown to registrants only.")
    )
    capacity = models.PositiveIntegerField(_("seats"))
    attendees_per_organisation = models.PositiveSmallIntegerField(
        _("attendees per organisation"), default=2
    )
    audience = models.CharField(
        _("who may register"), max_length=10, choices=Audience.choices, default=Audience.BOTH
    )
    registration_opens_at = models.DateTimeField(_("registration opens at"))
    registration_closes_at = models.DateTimeField(_("registration closes at"))
    buyer_priority = models.CharField(
        _("buyers' priority"),
        max_length=10,
        choices=BuyerPriority.choices,
        default=BuyerPriority.NONE,
    )
    buyers_from = models.DateTimeField(
        _("buyers may register from"),
        null=True,
        blank=True,
        help_text=_("With “registration opens to buyers earlier”: before the general opening."),
    )
    seats_held_for_buyers = models.PositiveIntegerField(
        _("seats held for buyers"), default=0, help_text=_("With “a share of seats held”.")
    )
    seats_held_until = models.DateTimeField(_("seats held for buyers until"), null=True, blank=True)
    pavilion = models.ForeignKey(
        Pavilion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("pavilion"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    # The calendar entry's SEQUENCE: raised at each change registrants are told of.
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ActivityKind.values), name="programme_activity_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(audience__in=Audience.values), name="programme_activity_audience_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["scheduled", "cancelled"]),
                name="programme_activity_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="programme_activity_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gt=0), name="programme_activity_has_seats"
            ),
            models.CheckConstraint(
                condition=Q(attendees_per_organisation__gte=1),
                name="programme_activity_attendee_limit_positive",
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__gt=models.F("registration_opens_at"))
                & Q(registration_closes_at__lte=models.F("ends_at")),
                name="programme_activity_registration_window_valid",
            ),
            models.CheckConstraint(
                condition=~Q(address="", online_url=""),
                name="programme_activity_has_address_or_link",
            ),
            models.CheckConstraint(
                condition=Q(buyer_priority__in=BuyerPriority.values),
                name="programme_activity_buyer_priority_valid",
            ),
            models.CheckConstraint(
                condition=~Q(buyer_priority="early")
                | Q(buyers_from__lt=models.F("registration_opens_at")),
                name="programme_activity_early_buyers_before_opening",
            ),
            models.CheckConstraint(
                condition=~Q(buyer_priority="held")
                | Q(
                    seats_held_for_buyers__gt=0,
                    seats_held_for_buyers__lte=models.F("capacity"),
                    seats_held_until__isnull=False,
                ),
                name="programme_activity_held_seats_valid",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return in_page_language(self.title_zh, self.title_en)

    @property
    def description(self) -> str:
        return in_page_language(self.description_zh, self.description_en)

    @property
    def is_cancelled(self) -> bool:
        return self.status == Activity.Status.CANCELLED

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The activity must end after it starts.")
        if self.registration_opens_at and self.registration_closes_at:
            if self.registration_closes_at <= self.registration_opens_at:
                errors["registration_closes_at"] = _("Registration must close after it opens.")
            elif self.ends_at and self.registration_closes_at > self.ends_at:
                errors["registration_closes_at"] = _(
                    "Registration must close by the end of the activity."
                )
        if not self.address and not self.online_url:
            errors["address"] = _("Give an address or an online link.")
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = _("An activity has at least one seat.")
        if self.buyer_priority == BuyerPriority.EARLY and (
            not self.buyers_from
            or (self.registration_opens_at and self.buyers_from >= self.registration_opens_at)
        ):
            errors["buyers_from"] = _(
                "Give the time buyers may register from, before registration opens."
            )
        if self.buyer_priority == BuyerPriority.HELD:
            if not self.seats_held_for_buyers or (
                self.capacity and self.seats_held_for_buyers > self.capacity
            ):
                errors["seats_held_for_buyers"] = _(
                    "Hold at least one seat for buyers, and no more than the activity has."
                )
            if not self.seats_held_until:
                errors["seats_held_until"] = _("Give the time until which the seats are held.")
        if errors:
            raise ValidationError(errors)


class Registration(TimeStampedModel):
    """An organisation's registration for an activity, with its named attendees. Its seats are
    its attendees; a registration that did not fit waits, in order of registration."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    activity = models.ForeignKey(
        Activity,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("activity"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="programme_registrations",
        verbose_name=_("organisation"),
    )
    as_buyer = models.BooleanField(
        _("registered as a buyer"),
        help_text=_("An organisation without a listed supplier registers as a buyer."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered by"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    seats = models.PositiveSmallIntegerField(_("seats"))
    # The waiting list's order: when the registration joined it (or was made).
    queued_at = models.DateTimeField(_("in line since"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waiting", "cancelled"]),
                name="programme_registration_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1), name="programme_registration_has_seats"
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="programme_registration_confirmed_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | Q(cancelled_at__isnull=False),
                name="programme_registration_cancelled_has_time",
            ),
            # One live registration per organisation and activity; it may register again
            # after cancelling.
            models.UniqueConstraint(
                fields=["activity", "organisation"],
                condition=~Q(status="cancelled"),
                name="programme_registration_one_live_per_organisation",
            ),
        ]
        indexes = [models.Index(fields=["status", "reminded_at"], name="programme_reminder_due")]

    def __str__(self):
        return f"{self.organisation} — {self.activity}"


class Attendee(models.Model):
    """A named person an organisation sends; staff tick who came."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="attendees",
        verbose_name=_("registration"),
    )
    name = models.CharField(_("name"), max_length=100)
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    attended_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(attended_at__isnull=True) | Q(checked_in_by__isnull=False),
                name="programme_attendee_check_in_has_staff",
            )
        ]

    def __str__(self):
        return self.name
