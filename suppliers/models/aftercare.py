"""A listed supplier's aftercare records: its disqualifications (登錄資格取消, 參.二(五)) and
its written requests to withdraw."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tops.workflow import Step, Workflow

from ..permissions import REINSTATE_SUPPLIER, REVIEW_APPLICATION
from .applications import Supplier
from .notices import Notice


class DisqualificationRoute(models.TextChoices):
    """The three routes of 參.二(五)."""

    REQUEST = "request", _("Withdrawal on the supplier's request")
    REPORT = "report", _("Disqualification after a report")
    AUDIT = "audit", _("Removal after an audit")


class DisqualificationGround(models.TextChoices):
    REQUESTED = "requested", _("The supplier asked to withdraw")
    NO_LONGER_ELIGIBLE = (
        "no_longer_eligible",
        _("No longer meets the listing conditions (for example moved out of Taipei)"),
    )
    VIOLATION = "violation", _("One of the 7 violations found")
    BANKRUPTCY = "bankruptcy", _("Declared bankrupt")
    CONVICTION = "conviction", _("The responsible person was finally convicted of a crime")
    INTELLECTUAL_PROPERTY = (
        "intellectual_property",
        _("Infringed another's intellectual property or other legal rights (參.二(二)7)"),
    )
    CASE_BY_CASE = "case_by_case", _("Another serious matter, decided by the organizer")


# Grounds only an organizer may decide: a serious matter on its merits, and an infringement,
# which the brochure leaves to the organizer and the executing agency together (參.二(二)7).
ORGANIZER_GROUNDS = (
    DisqualificationGround.CASE_BY_CASE,
    DisqualificationGround.INTELLECTUAL_PROPERTY,
)


class DisqualificationEnd(models.TextChoices):
    REINSTATED = "reinstated", _("Reinstated after an appeal")
    APPROVED_AGAIN = "approved_again", _("Listed again after a new application")


class DisqualificationState(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    ENDED = "ended", _("Ended")


def _disqualification_workflow() -> Workflow:
    S = DisqualificationState
    return Workflow(
        steps={
            "reinstate": Step({S.IN_FORCE: S.ENDED}, by=REINSTATE_SUPPLIER),
            "end_by_new_approval": Step({S.IN_FORCE: S.ENDED}, by=REVIEW_APPLICATION),
        },
        refusal=_("This disqualification has already ended."),
        state="state",
    )


class DisqualificationQuerySet(models.QuerySet):
    def open(self):
        """Disqualifications still in force: not ended by reinstatement or a new approval."""
        return self.filter(ended_on__isnull=True)


class Disqualification(models.Model):
    """A supplier's disqualification (登錄資格取消, 參.二(五)), with the written notice sent.
    It takes effect on ``effective_on`` and lasts until ``ended_on``, if it ever ends."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.PROTECT,
        related_name="disqualifications",
        verbose_name=_("supplier"),
    )
    route = models.CharField(_("route"), max_length=10, choices=DisqualificationRoute.choices)
    ground = models.CharField(_("ground"), max_length=30, choices=DisqualificationGround.choices)
    reason = models.TextField(_("reason"))
    evidence = models.TextField(_("evidence"), blank=True)
    effective_on = models.DateField(_("effective on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    notice = models.ForeignKey(
        Notice,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("written notice"),
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end = models.CharField(
        _("how it ended"), max_length=20, choices=DisqualificationEnd.choices, blank=True
    )
    end_note = models.TextField(_("note on the end"), blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("ended by"),
    )

    objects = DisqualificationQuerySet.as_manager()
    workflow = _disqualification_workflow()

    class Meta:
        verbose_name = _("disqualification")
        verbose_name_plural = _("disqualifications")
        ordering = ["-decided_at"]
        permissions = [
            ("disqualify_supplier", _("Can disqualify suppliers")),
            ("reinstate_supplier", _("Can reinstate a supplier after an appeal")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["supplier"],
                condition=Q(ended_on__isnull=True),
                name="one_open_disqualification_per_supplier",
            ),
            models.CheckConstraint(
                condition=Q(route__in=DisqualificationRoute.values),
                name="disqualification_route_valid",
            ),
            models.CheckConstraint(
                condition=Q(ground__in=DisqualificationGround.values),
                name="disqualification_ground_valid",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end="")
                | Q(ended_on__gte=models.F("effective_on"), end__in=DisqualificationEnd.values),
                name="disqualification_end_consistent",
            ),
        ]

    def __str__(self):
        return f"{self.supplier} ({self.effective_on:%Y-%m-%d})"

    @property
    def state(self) -> str:
        return (
            DisqualificationState.IN_FORCE if self.ended_on is None else DisqualificationState.ENDED
        )

    def get_state_display(self) -> str:
        return DisqualificationState(self.state).label


class WithdrawalRequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting a reviewer")
    CONFIRMED = "confirmed", _("Confirmed: the supplier has withdrawn")
    CANCELLED = "cancelled", _("Cancelled by the supplier")
    OVERTAKEN = "overtaken", _("Closed: the supplier was disqualified by another route")


class WithdrawalRequest(models.Model):
    """The supplier's written request to withdraw (申請取消, 參.二(五)1)."""

    Status = WithdrawalRequestStatus

    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.PROTECT,
        related_name="withdrawal_requests",
        verbose_name=_("supplier"),
    )
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=WithdrawalRequestStatus.choices,
        default=WithdrawalRequestStatus.PENDING,
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    disqualification = models.OneToOneField(
        Disqualification,
        on_delete=models.PROTECT,
        related_name="withdrawal_request",
        null=True,
        blank=True,
        verbose_name=_("disqualification"),
    )

    class Meta:
        verbose_name = _("withdrawal request")
        verbose_name_plural = _("withdrawal requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["supplier"],
                condition=Q(status="pending"),
                name="one_pending_withdrawal_request_per_supplier",
            ),
            models.CheckConstraint(
                condition=Q(status__in=WithdrawalRequestStatus.values),
                name="withdrawal_request_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.supplier} ({timezone.localdate(self.requested_at):%Y-%m-%d})"
