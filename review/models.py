import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from suppliers.models import Application, Supplier

from .violations import VIOLATION_CHECKS


class ClosedDayQuerySet(models.QuerySet):
    def as_set(self):
        return set(self.values_list("day", flat=True))


class ClosedDay(models.Model):
    """A day the offices are closed although the calendar says otherwise (a typhoon day)."""

    day = models.DateField(_("day"), unique=True)
    reason = models.CharField(_("reason"), max_length=200)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("declared by"),
        null=True,
        blank=True,
    )
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    objects = ClosedDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.reason}"


class CheckResult(models.TextChoices):
    NONE_FOUND = "none_found", _("None found")
    FOUND = "found", _("Found")


class CheckRecord(models.Model):
    """What a reviewer found for one of the 7 checks of 參.二(一)1(5)A."""

    item = models.PositiveSmallIntegerField(
        _("item"), choices=[(check.number, check.item) for check in VIOLATION_CHECKS]
    )
    result = models.CharField(_("result"), max_length=12, choices=CheckResult.choices)
    source = models.CharField(_("source consulted"), max_length=300)
    checked_on = models.DateField(_("checked on"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.item}: {self.get_result_display()}"


class ViolationCheckRecord(CheckRecord):
    """A check made while reviewing an application."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="violation_checks",
        verbose_name=_("application"),
    )

    class Meta:
        verbose_name = _("violation check")
        verbose_name_plural = _("violation checks")
        ordering = ["application", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "item"], name="one_record_per_violation_check"
            ),
            models.CheckConstraint(
                condition=Q(item__gte=1, item__lte=len(VIOLATION_CHECKS)),
                name="violation_check_item_in_range",
            ),
            models.CheckConstraint(
                condition=Q(result__in=CheckResult.values), name="violation_check_result_valid"
            ),
        ]


class CaseDecision(models.Model):
    """An organizer's decision to let an application through despite a violation found
    (參.二(一)1(5)D: 得由主辦單位個案認定資格)."""

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="case_decision",
        verbose_name=_("application"),
    )
    reason = models.TextField(_("reason"))
    # The violation items found when the organizer decided; a later finding is not covered.
    covered_items = models.JSONField(_("findings covered"), default=list)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("case-by-case decision")
        verbose_name_plural = _("case-by-case decisions")

    def __str__(self):
        return str(self.application)


class Notice(models.Model):
    """Every notice the portal sent, word for word: proof of what was told to whom and when."""

    recipient = models.EmailField(_("sent to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=10)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="notices",
        null=True,
        blank=True,
        verbose_name=_("application"),
    )

    class Meta:
        verbose_name = _("notice sent")
        verbose_name_plural = _("notices sent")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.sent_at:%Y-%m-%d %H:%M} {self.recipient}: {self.subject}"


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
    CASE_BY_CASE = "case_by_case", _("Another serious matter, decided by the organizer")


class DisqualificationEnd(models.TextChoices):
    REINSTATED = "reinstated", _("Reinstated after an appeal")
    APPROVED_AGAIN = "approved_again", _("Listed again after a new application")


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
    report = models.ForeignKey(
        "reports.Report",
        on_delete=models.PROTECT,
        related_name="disqualifications",
        null=True,
        blank=True,
        verbose_name=_("upheld report"),
    )
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
                condition=~Q(route="report") | Q(report__isnull=False),
                name="disqualification_after_report_names_it",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end="")
                | Q(ended_on__gte=models.F("effective_on"), end__in=DisqualificationEnd.values),
                name="disqualification_end_consistent",
            ),
        ]

    def __str__(self):
        return f"{self.supplier} ({self.effective_on:%Y-%m-%d})"


class SupplierAudit(models.Model):
    """A periodic re-check of a listed supplier's 7 items (查核移除, 參.二(五)3)."""

    supplier = models.ForeignKey(
        Supplier, on_delete=models.PROTECT, related_name="audits", verbose_name=_("supplier")
    )
    audited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("re-checked by"),
    )
    audited_at = models.DateTimeField(_("re-checked at"), default=timezone.now)
    disqualification = models.OneToOneField(
        Disqualification,
        on_delete=models.PROTECT,
        related_name="audit",
        null=True,
        blank=True,
        verbose_name=_("disqualification it led to"),
    )

    class Meta:
        verbose_name = _("re-check")
        verbose_name_plural = _("re-checks")
        ordering = ["-audited_at"]

    def __str__(self):
        return f"{self.supplier} ({self.audited_at:%Y-%m-%d})"


class AuditCheck(CheckRecord):
    audit = models.ForeignKey(
        SupplierAudit, on_delete=models.CASCADE, related_name="checks", verbose_name=_("re-check")
    )

    class Meta:
        verbose_name = _("re-check item")
        verbose_name_plural = _("re-check items")
        ordering = ["audit", "item"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "item"], name="one_record_per_audit_item"),
            models.CheckConstraint(
                condition=Q(item__gte=1, item__lte=len(VIOLATION_CHECKS)),
                name="audit_check_item_in_range",
            ),
            models.CheckConstraint(
                condition=Q(result__in=CheckResult.values), name="audit_check_result_valid"
            ),
        ]


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
        return f"{self.supplier} ({self.requested_at:%Y-%m-%d})"
