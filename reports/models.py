"""Problems the public reports about a supplier or a product (通報, 參.二(五)2)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from suppliers.models import Disqualification, Supplier
from tops.models import HistoryEntry
from tops.private_files import PrivateFile
from tops.storage import get_private_storage
from tops.workflow import Step, Workflow

from .permissions import TRIAGE_REPORT


class ReportReason(models.TextChoices):
    NO_LONGER_ELIGIBLE = (
        "no_longer_eligible",
        _("The supplier no longer qualifies (moved out of Taipei, no longer an SME…)"),
    )
    VIOLATION = (
        "violation",
        _("A violation: tax arrears, labour, environmental, food-safety or disability-rights law"),
    )
    BANKRUPTCY_OR_CONVICTION = (
        "bankruptcy_or_conviction",
        _("Bankruptcy, or the responsible person convicted of a crime"),
    )
    FALSE_INFORMATION = (
        "false_information",
        _("The product page is false or does not match the product"),
    )
    PROHIBITED_PRODUCT = (
        "prohibited_product",
        _("The product breaks food-safety law or may not be sold online"),
    )
    INTELLECTUAL_PROPERTY = (
        "intellectual_property",
        _(
            "The product or its page infringes someone's intellectual property (a copied design, "
            "pictures, a trademark)"
        ),
    )
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    NEW = "new", _("New")
    INVESTIGATING = "investigating", _("Investigating")
    DISMISSED = "dismissed", _("Dismissed")
    UPHELD = "upheld", _("Upheld")


def _report_workflow() -> Workflow:
    S = ReportStatus
    return Workflow(
        steps={
            "investigate": Step({S.NEW: S.INVESTIGATING}, by=TRIAGE_REPORT),
            "dismiss": Step({S.NEW: S.DISMISSED, S.INVESTIGATING: S.DISMISSED}, by=TRIAGE_REPORT),
            "uphold": Step({S.NEW: S.UPHELD, S.INVESTIGATING: S.UPHELD}, by=TRIAGE_REPORT),
        },
        refusal=_("This report is now “%(status)s” and can no longer be changed that way."),
    )


class Report(models.Model):
    """One report. The reporter's e-mail is only for telling them the outcome; nobody else
    sees it, the supplier included."""

    Status = ReportStatus
    workflow = _report_workflow()

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    supplier = models.ForeignKey(
        Supplier, on_delete=models.PROTECT, related_name="reports", verbose_name=_("supplier")
    )
    product = models.ForeignKey(
        Product,
        on_delete=models.PROTECT,
        related_name="reports",
        null=True,
        blank=True,
        verbose_name=_("product"),
    )
    reason = models.CharField(_("what is wrong"), max_length=30, choices=ReportReason.choices)
    description = models.TextField(_("description"))
    contact_email = models.EmailField(_("reporter's e-mail"))
    language = models.CharField(_("reporter's language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=15, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    outcome = models.TextField(
        _("outcome"),
        blank=True,
        help_text=_("Sent to the reporter, and when upheld to the supplier as the reason."),
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("closed by"),
    )
    disqualification = models.OneToOneField(
        Disqualification,
        on_delete=models.PROTECT,
        related_name="report",
        null=True,
        blank=True,
        verbose_name=_("disqualification it led to"),
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-received_at"]
        permissions = [("triage_report", _("Can triage public reports"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="report_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(reason__in=ReportReason.values), name="report_reason_valid"
            ),
            models.CheckConstraint(
                condition=Q(disqualification__isnull=True) | Q(status="upheld"),
                name="report_leads_to_disqualification_only_when_upheld",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["new", "investigating"], closed_at__isnull=True)
                | Q(status__in=["dismissed", "upheld"], closed_at__isnull=False),
                name="report_closed_when_decided",
            ),
        ]

    def __str__(self):
        return _("Report no. %(number)s") % {"number": self.pk}

    @property
    def is_upheld(self) -> bool:
        return self.status == ReportStatus.UPHELD

    @property
    def is_closed(self) -> bool:
        return self.status in (ReportStatus.DISMISSED, ReportStatus.UPHELD)


def _evidence_path(instance, filename):
    return f"reports/{uuid.uuid4().hex}{filename[filename.rfind('.') :]}"


class ReportEvidence(PrivateFile):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("report")
    )
    file = models.FileField(
        _("file"), storage=get_private_storage, upload_to=_evidence_path, max_length=200
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def readable_by(self, user) -> bool:
        """Reviewers only: neither the supplier nor the public sees what a reporter sent."""
        return user.has_perm(TRIAGE_REPORT)


class ReportEvent(HistoryEntry):
    """The report's history, append-only; every step is a reviewer's."""

    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, related_name="events", verbose_name=_("report")
    )
    from_status = models.CharField(_("from"), max_length=15, choices=ReportStatus.choices)
    to_status = models.CharField(_("to"), max_length=15, choices=ReportStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("report history entry")
        verbose_name_plural = _("report history")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.when} {self.get_from_status_display()} → {self.get_to_status_display()}"
