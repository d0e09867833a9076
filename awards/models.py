"""The TOPS award scheme (台北好購獎勵機制): editions, purchase records, award applications."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from catalog.models import Product
from suppliers.models import Supplier
from tops.models import HistoryEntry, TimeStampedModel
from tops.private_files import PrivateFile
from tops.storage import get_private_storage
from tops.workflow import Step, Workflow

from .permissions import JUDGE_AWARD, VERIFY_PURCHASE


class ExposureReading(models.TextChoices):
    """The two readings of 參.一(二)3 「每月前3名上傳採購資料之採購方」."""

    FIRST_UPLOADERS = "first_uploaders", _("The first 3 buyers to upload a record in the month")
    LARGEST_AMOUNTS = (
        "largest_amounts",
        _("The 3 buyers with the largest amount uploaded in the month"),
    )


class Edition(TimeStampedModel):
    """One edition (屆) of the award scheme."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    counting_starts_on = models.DateField(_("purchases count from"))
    counting_ends_on = models.DateField(_("purchases count until"))
    applications_close_at = models.DateTimeField(_("award applications close at"))
    exposure_reading = models.CharField(
        _("monthly exposure: who is featured"),
        max_length=20,
        choices=ExposureReading.choices,
        default=ExposureReading.FIRST_UPLOADERS,
    )
    results_announced_at = models.DateTimeField(_("results announced at"), null=True, blank=True)
    results_announced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("results announced by"),
    )

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-counting_starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(counting_starts_on__lte=models.F("counting_ends_on")),
                name="edition_period_in_order",
                violation_error_message=_("The counting period must end on or after its start."),
            ),
            models.CheckConstraint(
                condition=Q(exposure_reading__in=ExposureReading.values),
                name="edition_exposure_reading_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def counts_on(self, day: datetime.date) -> bool:
        return self.counting_starts_on <= day <= self.counting_ends_on

    @property
    def applications_open(self) -> bool:
        return timezone.now() < self.applications_close_at

    def months(self) -> list[datetime.date]:
        """The first day of each calendar month the counting period touches."""
        months = []
        month = self.counting_starts_on.replace(day=1)
        while month <= self.counting_ends_on:
            months.append(month)
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return months


class CategoryKind(models.TextChoices):
    TOTAL_AMOUNT = "total_amount", _("Total purchase amount")
    SUSTAINABILITY = "sustainability", _("Sustainable Prosperity (sustainability impact)")
    OTHER = "other", _("Other")


FIXED_CATEGORY_KINDS = (CategoryKind.TOTAL_AMOUNT, CategoryKind.SUSTAINABILITY)


class AwardCategory(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="categories", verbose_name=_("edition")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CategoryKind.choices)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    panel = models.TextField(
        _("judging panel"), blank=True, help_text=_("The panel members' names and roles.")
    )

    class Meta:
        verbose_name = _("award category")
        verbose_name_plural = _("award categories")
        ordering = ["edition", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CategoryKind.values), name="award_category_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["edition", "kind"],
                condition=Q(kind__in=["total_amount", "sustainability"]),
                name="one_fixed_category_of_each_kind_per_edition",
                violation_error_message=_("This edition already has a category of this kind."),
            ),
        ]

    def __str__(self):
        return f"{self.edition} · {self.name}"


class SustainabilityImpact(models.TextChoices):
    """What a purchase serves, for the Sustainable Prosperity award (永續共榮)."""

    LOCAL_PROCUREMENT = "local_procurement", _("Local procurement")
    GREEN_PRODUCTS = "green_products", _("Green products")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
    DISABILITY_EMPLOYMENT = (
        "disability_employment",
        _("Employment of people with disabilities"),
    )
    CIRCULAR_ECONOMY = "circular_economy", _("Circular economy (reuse, recycling)")
    INDIGENOUS_COMMUNITIES = "indigenous_communities", _("Indigenous or rural communities")


class RecordStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SupplierAnswer(models.TextChoices):
    NONE = "none", _("No answer yet")
    CONFIRMED = "confirmed", _("Confirmed by the supplier")
    FLAGGED = "flagged", _("Flagged as wrong by the supplier")


class PurchaseRecordQuerySet(models.QuerySet):
    def in_counting_period(self, edition):
        return self.filter(
            purchased_on__gte=edition.counting_starts_on, purchased_on__lte=edition.counting_ends_on
        )

    def may_count(self):
        """Verified, or awaiting verification: records that count or still may."""
        return self.filter(status__in=[RecordStatus.VERIFIED, RecordStatus.SUBMITTED])

    def counted_for(self, edition):
        """What counts for an edition: verified records of purchases in its counting period."""
        return self.in_counting_period(edition).filter(status=RecordStatus.VERIFIED)


def _purchase_record_workflow() -> Workflow:
    S = RecordStatus
    return Workflow(
        steps={
            # The buyer corrects or withdraws a record until staff have verified it.
            "correct": Step({S.SUBMITTED: S.SUBMITTED, S.REJECTED: S.SUBMITTED}),
            "withdraw": Step({S.SUBMITTED: S.WITHDRAWN, S.REJECTED: S.WITHDRAWN}),
            "verify": Step({S.SUBMITTED: S.VERIFIED}, by=VERIFY_PURCHASE),
            "reject": Step({S.SUBMITTED: S.REJECTED}, by=VERIFY_PURCHASE),
        },
        refusal=_("This step is not possible for a record that is “%(status)s”."),
        is_owner=lambda record, user: record.buyer.account_id == user.pk,
    )


class PurchaseRecord(TimeStampedModel):
    """A purchase a buyer recorded (採購實績) from a supplier."""

    Status = RecordStatus
    workflow = _purchase_record_workflow()
    objects = PurchaseRecordQuerySet.as_manager()

    buyer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="purchase_records",
        verbose_name=_("buyer"),
    )
    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.PROTECT,
        related_name="purchase_records",
        verbose_name=_("supplier"),
    )
    purchased_on = models.DateField(_("purchase date"))
    amount = models.PositiveBigIntegerField(
        _("amount (NT$, tax included)"), help_text=_("In whole NT$, tax included.")
    )
    description = models.TextField(_("what was bought"))
    products = models.ManyToManyField(
        Product,
        blank=True,
        related_name="purchase_records",
        verbose_name=_("the supplier's products"),
    )
    impacts = models.JSONField(_("sustainability impacts"), default=list, blank=True)
    impact_description = models.TextField(_("sustainability impact, in a few words"), blank=True)
    # The upload time that counts for the monthly exposure: set when the record is first
    # submitted and kept through corrections, so that fixing a typo does not lose a place.
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RecordStatus.choices, default=RecordStatus.SUBMITTED
    )
    supplier_answer = models.CharField(
        _("supplier's answer"),
        max_length=20,
        choices=SupplierAnswer.choices,
        default=SupplierAnswer.NONE,
    )
    supplier_note = models.TextField(_("supplier's note"), blank=True)
    supplier_answered_at = models.DateTimeField(_("supplier answered at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("verified or rejected by"),
    )
    decided_at = models.DateTimeField(_("verified or rejected at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    imported = models.BooleanField(_("imported from a file"), default=False)

    class Meta:
        verbose_name = _("purchase record")
        verbose_name_plural = _("purchase records")
        ordering = ["-uploaded_at", "-pk"]
        permissions = [("verify_purchase", _("Can verify or reject purchase records"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RecordStatus.values), name="purchase_record_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(supplier_answer__in=SupplierAnswer.values),
                name="purchase_record_supplier_answer_valid",
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="purchase_record_amount_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="purchase_record_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["verified", "rejected"])
                | Q(decided_by__isnull=False, decided_at__isnull=False),
                name="purchase_record_decision_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(supplier_answer="flagged") | ~Q(supplier_note=""),
                name="purchase_record_flag_has_note",
            ),
        ]

    def __str__(self):
        return f"{self.buyer.name} ← {self.supplier.name} {self.purchased_on} NT${self.amount:,}"

    def counts_for(self, edition) -> bool:
        return self.status == RecordStatus.VERIFIED and edition.counts_on(self.purchased_on)

    @property
    def awaits_verification(self) -> bool:
        return self.status == RecordStatus.SUBMITTED

    @property
    def is_changeable(self) -> bool:
        return self.status in self.workflow.steps["correct"].moves

    @property
    def version(self) -> str:
        """What staff saw when they opened the record: every change of it (a correction,
        evidence added or removed, the supplier's answer, a decision) writes a history row,
        so the latest row's number changes whenever the record does."""
        latest = self.events.order_by("-pk").values_list("pk", flat=True).first()
        return str(latest or 0)

    @property
    def impact_labels(self) -> list[str]:
        return [SustainabilityImpact(code).label for code in self.impacts]


class EvidenceKind(models.TextChoices):
    INVOICE_OR_RECEIPT = "invoice_or_receipt", _("Invoice or receipt")
    CONTRACT = "contract", _("Contract")
    ACCEPTANCE_RECORD = "acceptance_record", _("Acceptance record")


def _evidence_path(instance, filename):
    # Never the uploader's name: a random one, with the extension of the checked content.
    return f"purchase-evidence/{uuid.uuid4().hex}{filename[filename.rfind('.') :]}"


class PurchaseEvidence(PrivateFile):
    record = models.ForeignKey(
        PurchaseRecord,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("purchase record"),
    )
    kind = models.CharField(_("kind of evidence"), max_length=30, choices=EvidenceKind.choices)
    file = models.FileField(
        _("file"), storage=get_private_storage, upload_to=_evidence_path, max_length=200
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=EvidenceKind.values), name="purchase_evidence_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"

    def readable_by(self, user) -> bool:
        """The buyer who recorded it, and staff who verify."""
        is_owner = self.record.buyer.account_id == user.pk
        return is_owner or user.has_perm("awards.view_purchaseevidence")


class RecordEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Recorded")
    IMPORTED = "imported", _("Imported from a file")
    CORRECTED = "corrected", _("Corrected by the buyer")
    EVIDENCE_ADDED = "evidence_added", _("Evidence added")
    EVIDENCE_REMOVED = "evidence_removed", _("Evidence removed")
    WITHDRAWN = "withdrawn", _("Withdrawn by the buyer")
    CONFIRMED = "confirmed", _("Confirmed by the supplier")
    FLAGGED = "flagged", _("Flagged as wrong by the supplier")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class PurchaseRecordEvent(HistoryEntry):
    """One entry of a record's append-only history."""

    Kind = RecordEventKind

    record = models.ForeignKey(
        PurchaseRecord,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("purchase record"),
    )
    kind = models.CharField(_("what happened"), max_length=20, choices=RecordEventKind.choices)
    from_status = models.CharField(
        _("from"), max_length=20, choices=RecordStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=RecordStatus.choices, blank=True)
    # What a correction changed: {"field": [before, after]}.
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("purchase record history entry")
        verbose_name_plural = _("purchase record history")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RecordEventKind.values),
                name="purchase_record_event_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.when} {self.get_kind_display()}"


class ExposureConsent(models.Model):
    """A buyer's consent to be named on the public site as a featured buyer of an edition."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="consents", verbose_name=_("edition")
    )
    buyer = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("buyer")
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent to public exposure")
        verbose_name_plural = _("consents to public exposure")
        constraints = [
            models.UniqueConstraint(fields=["edition", "buyer"], name="one_consent_per_edition"),
        ]

    def __str__(self):
        return f"{self.buyer.name} · {self.edition}"


class AwardApplication(models.Model):
    """A buyer's application for one award category of an edition, from its records."""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="applications", verbose_name=_("edition")
    )
    category = models.ForeignKey(
        AwardCategory,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("award category"),
    )
    buyer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="award_applications",
        verbose_name=_("buyer"),
    )
    records = models.ManyToManyField(
        PurchaseRecord, related_name="award_applications", verbose_name=_("purchase records")
    )
    statement = models.TextField(_("statement"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("award application")
        verbose_name_plural = _("award applications")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "category", "buyer"],
                name="one_award_application_per_category",
                violation_error_message=_("You have already applied for this award."),
            ),
        ]

    def __str__(self):
        return f"{self.buyer.name} · {self.category}"


class AwardDecisionQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)


class AwardDecision(models.Model):
    """The judging of one award application: its score or ranking, and whether it wins, with
    the 獎勵金 and the certificate's text. Until the results are announced a new decision
    replaces the last; afterwards it is a correction of the announced one, told to the buyer.
    Every decision is kept."""

    application = models.ForeignKey(
        AwardApplication,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("award application"),
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    note = models.TextField(_("panel's note"), blank=True)
    is_winner = models.BooleanField(_("winner"), default=False)
    prize_amount = models.PositiveIntegerField(_("award money (NT$)"), null=True, blank=True)
    certificate_text = models.TextField(_("certificate text"), blank=True)
    certificate_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("corrects the announced decision"),
    )
    is_current = models.BooleanField(_("current"), default=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    objects = AwardDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["-decided_at", "-pk"]
        permissions = [(JUDGE_AWARD.split(".")[1], _("Can record the judging and announce it"))]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(is_current=True),
                name="one_current_decision_per_award_application",
            ),
            models.CheckConstraint(
                condition=Q(is_winner=False) | (Q(rank__isnull=False) & ~Q(certificate_text="")),
                name="a_winner_has_a_rank_and_a_certificate",
                violation_error_message=_("A winner needs a rank and the certificate's text."),
            ),
            models.CheckConstraint(
                condition=Q(prize_amount__isnull=True) | Q(is_winner=True),
                name="only_a_winner_has_award_money",
                violation_error_message=_("Only a winner receives award money."),
            ),
        ]

    def __str__(self):
        return f"{self.application} · {self.outcome}"

    @property
    def outcome(self) -> str:
        if self.is_winner:
            return _("Winner, rank %(rank)s") % {"rank": self.rank}
        return _("Not awarded")


class Invitation(models.Model):
    """A supplier's invitation to a customer to join the award scheme (參.二(二)1): mailed,
    or a personal link the supplier passes on. The buyer who registers or records a purchase
    through it is credited to it."""

    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.CASCADE,
        related_name="award_invitations",
        verbose_name=_("supplier"),
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    customer = models.CharField(_("customer"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    buyer = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="award_invitations",
        verbose_name=_("buyer reached"),
    )
    credited_at = models.DateTimeField(_("buyer reached at"), null=True, blank=True)

    class Meta:
        verbose_name = _("award scheme invitation")
        verbose_name_plural = _("award scheme invitations")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.supplier} → {self.customer}"


class FollowUpChannel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    VISIT = "visit", _("Visit")
    MEETING = "meeting", _("Meeting or event")


class InvitationFollowUp(models.Model):
    """Staff's regular follow-up of a supplier's invitations (參.二(二)1), with the date of
    the next one, of which the staff member is reminded."""

    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.CASCADE,
        related_name="invitation_follow_ups",
        verbose_name=_("supplier"),
    )
    followed_up_on = models.DateField(_("date"), default=timezone.localdate)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("staff member"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=FollowUpChannel.choices)
    note = models.TextField(_("note"))
    next_follow_up_on = models.DateField(_("next follow-up on"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("invitation follow-up")
        verbose_name_plural = _("invitation follow-ups")
        ordering = ["-followed_up_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=FollowUpChannel.values),
                name="follow_up_channel_valid",
            ),
            models.CheckConstraint(
                condition=Q(next_follow_up_on__isnull=True)
                | Q(next_follow_up_on__gt=models.F("followed_up_on")),
                name="next_follow_up_after_this_one",
                violation_error_message=_("The next follow-up must come after this one."),
            ),
        ]

    def __str__(self):
        return f"{self.supplier} · {self.followed_up_on}"


class InvitationStanding(Supplier):
    """A supplier as staff follow up its invitations: the admin's list of them."""

    class Meta:
        proxy = True
        verbose_name = _("supplier's invitations")
        verbose_name_plural = _("suppliers' invitations")
