from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from suppliers.models import Application, Disqualification, Supplier
from suppliers.violations import VIOLATION_CHECKS


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
    # The brochure's numbers, for a violation found: its date (items 3–7 count only within
    # 3 years) and the fine (item 5 counts only over NT$100,000).
    violation_on = models.DateField(_("date of the violation"), null=True, blank=True)
    fine_amount = models.PositiveIntegerField(_("fine (NT$)"), null=True, blank=True)
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


class CaseDecisionQuerySet(models.QuerySet):
    def items_covered_for(self, application_id) -> set[int]:
        """The violation items an organizer let through for this application (參.二(一)1(5)D):
        those found when they decided. A later finding, at review or at a re-check, is not."""
        decision = self.filter(application_id=application_id).first()
        return set(decision.covered_items) if decision else set()


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

    objects = CaseDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("case-by-case decision")
        verbose_name_plural = _("case-by-case decisions")

    def __str__(self):
        return str(self.application)


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
        return f"{self.supplier} ({timezone.localdate(self.audited_at):%Y-%m-%d})"


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
