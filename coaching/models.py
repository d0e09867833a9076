"""One-on-one coaching (一對一客製化深度輔導, 參.二(二)): a listed supplier asks for a coach on a
topic; staff assign one, hold sessions and close the case; the supplier rates it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from suppliers.models import Supplier
from tops.models import HistoryEntry, TimeStampedModel
from tops.workflow import Step, Workflow

from .permissions import MANAGE_CASE


class CoachingSettings(models.Model):
    """The one row of coaching settings the organizers keep in the admin."""

    cases_per_year = models.PositiveSmallIntegerField(
        _("cases a supplier may have per year"),
        default=2,
        help_text=_(
            "Cases applied for in one calendar year (Asia/Taipei); withdrawn and declined "
            "cases do not count."
        ),
    )

    class Meta:
        verbose_name = _("coaching settings")
        verbose_name_plural = _("coaching settings")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="coaching_settings_single_row"),
        ]

    def __str__(self):
        return str(_("Coaching settings"))

    @classmethod
    def load(cls) -> "CoachingSettings":
        row, _created = cls.objects.get_or_create(pk=1)
        return row


class Topic(models.TextChoices):
    BRAND_MARKETING = "brand_marketing", _("Brand marketing")
    SUSTAINABILITY = "sustainability", _("Sustainability transition")
    PROPOSAL_WRITING = "proposal_writing", _("Proposal writing")
    DIGITAL_TOOLS = "digital_tools", _("Digital tools")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ASSIGNED = "assigned", _("Coach assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DECLINED = "declined", _("Declined")


# Cases that count toward the yearly limit: all but those withdrawn or declined.
COUNTED = [CaseStatus.SUBMITTED, CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS, CaseStatus.CLOSED]


def _case_workflow() -> Workflow:
    S = CaseStatus
    return Workflow(
        steps={
            "assign": Step({S.SUBMITTED: S.ASSIGNED, S.ASSIGNED: S.ASSIGNED}, by=MANAGE_CASE),
            "decline": Step({S.SUBMITTED: S.DECLINED}, by=MANAGE_CASE),
            # Proposing a session starts the coaching; more sessions keep it in progress.
            "propose_session": Step(
                {S.ASSIGNED: S.IN_PROGRESS, S.IN_PROGRESS: S.IN_PROGRESS}, by=MANAGE_CASE
            ),
            "record_session": Step({S.IN_PROGRESS: S.IN_PROGRESS}, by=MANAGE_CASE),
            "close": Step({S.IN_PROGRESS: S.CLOSED}, by=MANAGE_CASE),
            "withdraw": Step({S.SUBMITTED: S.WITHDRAWN, S.ASSIGNED: S.WITHDRAWN}),
            "rate": Step({S.CLOSED: S.CLOSED}),
        },
        refusal=_("This step is not possible for a coaching case that is “%(status)s”."),
        is_owner=lambda case, user: case.supplier.organisation.account_id == user.pk,
    )


class CoachingCase(TimeStampedModel):
    """A supplier's application for one-on-one coaching, and the coaching that follows."""

    Status = CaseStatus
    Topic = Topic
    workflow = _case_workflow()

    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.PROTECT,
        related_name="coaching_cases",
        verbose_name=_("supplier"),
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    topic_other = models.CharField(_("other topic"), max_length=200, blank=True)
    needs = models.TextField(_("what you need"))
    preferred_times = models.TextField(_("preferred times"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.SUBMITTED
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("coach (staff)"),
    )
    coach_name = models.CharField(_("coach (external consultant)"), max_length=200, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    rating = models.PositiveSmallIntegerField(_("satisfaction (1–5)"), null=True, blank=True)
    rating_comment = models.TextField(_("comment on the coaching"), blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("coaching case")
        verbose_name_plural = _("coaching cases")
        ordering = ["submitted_at", "pk"]
        permissions = [("manage_case", _("Can take coaching cases through their steps"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CaseStatus.values), name="coaching_case_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(topic__in=Topic.values), name="coaching_case_topic_valid"
            ),
            models.CheckConstraint(
                condition=~Q(topic="other") | ~Q(topic_other=""),
                name="coaching_case_other_topic_named",
                violation_error_message=_("Name the topic you need coaching on."),
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="coaching_case_decline_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["submitted", "withdrawn", "declined"])
                | Q(coach__isnull=False)
                | ~Q(coach_name=""),
                name="coaching_case_coach_named",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5, status="closed"),
                name="coaching_case_rating_after_close",
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.supplier.name} · {self.topic_label}"

    @property
    def topic_label(self) -> str:
        if self.topic == Topic.OTHER:
            return self.topic_other
        return str(Topic(self.topic).label)

    @property
    def coach_label(self) -> str:
        if self.coach_id:
            return self.coach.get_full_name() or self.coach.username
        return self.coach_name

    @property
    def may_rate(self) -> bool:
        return self.status == CaseStatus.CLOSED and self.rating is None


class CoachingSession(TimeStampedModel):
    """A session staff propose (when, where or the online link), then record once held."""

    case = models.ForeignKey(
        CoachingCase,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("coaching case"),
    )
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1, null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""),
                name="coaching_session_has_place_or_link",
            ),
            models.CheckConstraint(
                condition=Q(held_on__isnull=True)
                | Q(hours__gt=0, held_on__isnull=False) & ~Q(outcome=""),
                name="coaching_session_record_complete",
            ),
        ]

    def __str__(self):
        return f"{timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def is_recorded(self) -> bool:
        return self.held_on is not None


class CoachingEvent(HistoryEntry):
    """One entry of a case's append-only history."""

    case = models.ForeignKey(
        CoachingCase,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("coaching case"),
    )
    step = models.CharField(_("step"), max_length=30)
    from_status = models.CharField(_("from"), max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=CaseStatus.choices)

    class Meta:
        verbose_name = _("coaching case history entry")
        verbose_name_plural = _("coaching case history")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.when} {self.step}"
