import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from tops.languages import in_page_language
from tops.models import HistoryEntry, TimeStampedModel
from tops.private_files import PrivateFile
from tops.storage import get_private_storage
from tops.workflow import Step, Workflow

from ..eligibility import SizeGroup, is_sme, size_group
from ..permissions import DECIDE_CASE_BY_CASE, REVIEW_APPLICATION


class District(models.TextChoices):
    """Taipei City's 12 districts, with their postal codes."""

    ZHONGZHENG = "100", _("Zhongzheng District")
    DATONG = "103", _("Datong District")
    ZHONGSHAN = "104", _("Zhongshan District")
    SONGSHAN = "105", _("Songshan District")
    DAAN = "106", _("Da'an District")
    WANHUA = "108", _("Wanhua District")
    XINYI = "110", _("Xinyi District")
    SHILIN = "111", _("Shilin District")
    BEITOU = "112", _("Beitou District")
    NEIHU = "114", _("Neihu District")
    NANGANG = "115", _("Nangang District")
    WENSHAN = "116", _("Wenshan District")


class RegistrationType(models.TextChoices):
    COMPANY = "company", _("Company registration (公司登記)")
    BUSINESS = "business", _("Business registration (商業登記): sole proprietorship or partnership")


class DocumentKind(models.TextChoices):
    AUTHORIZATION_LETTER = "authorization_letter", _("Authorization letter (Annex 1)")
    COMPANY_APPROVAL_LETTER = "company_approval_letter", _("Company registration approval letter")
    COMPANY_REGISTRATION_FORM = (
        "company_registration_form",
        _("Company registration (amendment) form"),
    )
    BUSINESS_APPROVAL_LETTER = (
        "business_approval_letter",
        _("Business registration approval letter"),
    )
    BUSINESS_REGISTRATION_TRANSCRIPT = (
        "business_registration_transcript",
        _("Business registration transcript"),
    )
    LABOUR_INSURANCE_LIST = "labour_insurance_list", _("Labour-insurance payment list")
    COMPANY_PROFILE = "company_profile", _("Company profile")
    PRODUCT_EVIDENCE = "product_evidence", _("Product evidence (DM, manual, introduction)")
    LOGO = "logo", _("Logo")


# 參.二(四)2: what every application must carry, by registration type.
REQUIRED_DOCUMENTS = {
    RegistrationType.COMPANY: (
        DocumentKind.AUTHORIZATION_LETTER,
        DocumentKind.COMPANY_APPROVAL_LETTER,
        DocumentKind.COMPANY_REGISTRATION_FORM,
        DocumentKind.LABOUR_INSURANCE_LIST,
        DocumentKind.COMPANY_PROFILE,
    ),
    RegistrationType.BUSINESS: (
        DocumentKind.AUTHORIZATION_LETTER,
        DocumentKind.BUSINESS_APPROVAL_LETTER,
        DocumentKind.BUSINESS_REGISTRATION_TRANSCRIPT,
        DocumentKind.LABOUR_INSURANCE_LIST,
        DocumentKind.COMPANY_PROFILE,
    ),
}
MAX_PRODUCT_EVIDENCE_FILES = 10
MAX_APPLICATION_BYTES = 60 * 1024 * 1024


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, awaiting review")
    NEEDS_CORRECTIONS = "needs_corrections", _("Corrections requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.NEEDS_CORRECTIONS,
)


def _application_workflow() -> Workflow:
    S = ApplicationStatus
    REVIEWING = {S.SUBMITTED: S.SUBMITTED}
    return Workflow(
        steps={
            # The applicant's steps (參.二(三)).
            "edit": Step({S.DRAFT: S.DRAFT, S.NEEDS_CORRECTIONS: S.NEEDS_CORRECTIONS}),
            "submit": Step({S.DRAFT: S.SUBMITTED, S.NEEDS_CORRECTIONS: S.SUBMITTED}),
            "withdraw": Step({status: S.WITHDRAWN for status in OPEN_STATUSES}),
            # The review (參.二(四)).
            "take": Step(REVIEWING, by=REVIEW_APPLICATION),
            "record_checks": Step(REVIEWING, by=REVIEW_APPLICATION),
            "review_documents": Step(REVIEWING, by=REVIEW_APPLICATION),
            "request_corrections": Step({S.SUBMITTED: S.NEEDS_CORRECTIONS}, by=REVIEW_APPLICATION),
            "approve": Step({S.SUBMITTED: S.APPROVED}, by=REVIEW_APPLICATION),
            "reject": Step(
                {S.SUBMITTED: S.REJECTED, S.NEEDS_CORRECTIONS: S.REJECTED}, by=REVIEW_APPLICATION
            ),
            "decide_case": Step(REVIEWING, by=DECIDE_CASE_BY_CASE),
            "move_due_date": Step(REVIEWING, by=DECIDE_CASE_BY_CASE),
        },
        refusal=_("This application is now “%(status)s” and can no longer be changed that way."),
        is_owner=lambda application, user: application.organisation.account_id == user.pk,
    )


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Application.OPEN_STATUSES)

    def under_review(self):
        """Submitted, or back with the applicant for corrections: the review is under way."""
        return self.filter(
            status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.NEEDS_CORRECTIONS]
        )


class Application(TimeStampedModel):
    """An organisation's application to be listed as a supplier (供應方登錄, 參.二)."""

    Status = ApplicationStatus
    workflow = _application_workflow()

    OPEN_STATUSES = OPEN_STATUSES

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )

    registration_type = models.CharField(
        _("registration type"), max_length=10, choices=RegistrationType.choices, blank=True
    )
    district = models.CharField(
        _("district (Taipei City)"), max_length=3, choices=District.choices, blank=True
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    paid_in_capital = models.PositiveBigIntegerField(
        _("paid-in capital (NT$)"), null=True, blank=True
    )
    regular_employees = models.PositiveIntegerField(_("regular employees"), null=True, blank=True)
    founded_on = models.DateField(_("founding date"), null=True, blank=True)

    # Each declaration is the moment it was made; empty while not made.
    declared_not_foreign_branch_at = models.DateTimeField(
        _("declared not a branch of a foreign enterprise at"), null=True, blank=True
    )
    declared_invoices_at = models.DateTimeField(
        _("declared able to issue invoices or receipts at"), null=True, blank=True
    )
    declared_no_violations_at = models.DateTimeField(
        _("declared free of the 7 violations at"), null=True, blank=True
    )
    accepted_obligations_at = models.DateTimeField(
        _("accepted the supplier obligations at"), null=True, blank=True
    )
    terms_version = models.CharField(_("version of the terms accepted"), max_length=20, blank=True)

    introduction = models.TextField(_("introduction"), blank=True)
    website = models.URLField(_("website"), blank=True)

    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assigned_applications",
        null=True,
        blank=True,
        verbose_name=_("assignee"),
    )
    # The first submission is kept; ``received_at`` is the latest, from which the review's 5
    # working days run (they start again in full on each resubmission after corrections).
    first_received_at = models.DateTimeField(_("first received at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    due_on = models.DateField(_("review due on"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided or withdrawn at"), null=True, blank=True)
    corrections_reminded_at = models.DateTimeField(
        _("reminded of the corrections at"), null=True, blank=True
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("supplier application")
        verbose_name_plural = _("supplier applications")
        ordering = ["-created_at"]
        permissions = [
            ("review_application", _("Can review applications and decide on them")),
            ("decide_case_by_case", _("Can decide case by case and move due dates")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values), name="application_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(registration_type="")
                | Q(registration_type__in=RegistrationType.values),
                name="application_registration_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(district="") | Q(district__in=District.values),
                name="application_district_in_taipei",
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status__in=OPEN_STATUSES),
                name="one_open_application_per_organisation",
                violation_error_message=_("This organisation already has an open application."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation.name} ({self.get_status_display()})"

    @property
    def is_editable(self) -> bool:
        return self.status in self.workflow.steps["edit"].moves

    @property
    def awaits_review(self) -> bool:
        """Submitted, and the staff's turn: the review clock runs."""
        return self.status == ApplicationStatus.SUBMITTED

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def qualifies_as_sme(self) -> bool | None:
        if self.paid_in_capital is None or self.regular_employees is None:
            return None
        return is_sme(
            paid_in_capital=self.paid_in_capital, regular_employees=self.regular_employees
        )

    def size_group_on(self, day: datetime.date) -> SizeGroup | None:
        if self.founded_on is None:
            return None
        return size_group(founded_on=self.founded_on, on=day)

    @property
    def size_group(self) -> SizeGroup | None:
        """The group as it stands today; the review fixes it again when it decides."""
        return self.size_group_on(timezone.localdate())

    @property
    def required_documents(self) -> tuple[str, ...]:
        """The documents this application must carry; before the registration type is
        chosen, those that every type needs."""
        if self.registration_type:
            return REQUIRED_DOCUMENTS[self.registration_type]
        return tuple(
            kind
            for kind in REQUIRED_DOCUMENTS[RegistrationType.COMPANY]
            if kind in REQUIRED_DOCUMENTS[RegistrationType.BUSINESS]
        )

    @property
    def full_address(self) -> str:
        if not self.district:
            return self.street_address
        # Addresses are written in Chinese, whatever the reader's language.
        with translation.override("zh-hant"):
            district = str(District(self.district).label)
        return f"{self.district} 臺北市{district}{self.street_address}"


class EventKind(models.TextChoices):
    CREATED = "created", _("Application started")
    STATUS_CHANGED = "status_changed", _("Status changed")
    DOCUMENT_UPLOADED = "document_uploaded", _("Document uploaded")
    DOCUMENT_REMOVED = "document_removed", _("Document removed")
    DOCUMENT_PURGED = "document_purged", _("Document deleted under the retention policy")
    CORRECTIONS_REQUESTED = "corrections_requested", _("Corrections requested")
    ASSIGNED = "assigned", _("Assigned")
    CHECK_RECORDED = "check_recorded", _("Violation check recorded")
    DOCUMENT_REVIEWED = "document_reviewed", _("Document checked")
    DUE_DATE_MOVED = "due_date_moved", _("Due date moved")
    CASE_DECIDED = "case_decided", _("Case-by-case decision")
    REMINDER_SENT = "reminder_sent", _("Reminder sent")
    NOTE = "note", _("Note")


class ApplicationEvent(HistoryEntry):
    """One entry of an application's history: what happened, and the status it moved to."""

    Kind = EventKind

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="events", verbose_name=_("application")
    )
    kind = models.CharField(_("event"), max_length=32, choices=Kind.choices)
    from_status = models.CharField(
        _("from"), max_length=20, choices=Application.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("to"), max_length=20, choices=Application.Status.choices, blank=True
    )
    # What a correction request asks for: [{"item": "...", "note": "..."}].
    items = models.JSONField(_("items"), default=list, blank=True)
    visible_to_applicant = models.BooleanField(_("visible to the applicant"), default=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values), name="application_event_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.when}"


def _document_path(instance, filename):
    # Never the uploader's name: a random one, with the extension of the checked content.
    return f"documents/{uuid.uuid4().hex}{filename[filename.rfind('.') :]}"


class ApplicationDocument(PrivateFile):
    """One uploaded version of one document. A replacement adds a version; none is overwritten."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("document"), max_length=40, choices=DocumentKind.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current version"), default=True)
    file = models.FileField(
        _("file"), storage=get_private_storage, upload_to=_document_path, blank=True, max_length=200
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    purged_at = models.DateTimeField(
        _("deleted under the retention policy at"), null=True, blank=True
    )

    class Review(models.TextChoices):
        PENDING = "pending", _("Not checked yet")
        ACCEPTED = "accepted", _("Accepted")
        NEEDS_CORRECTION = "needs_correction", _("Needs correction")

    review_status = models.CharField(
        _("check"), max_length=20, choices=Review.choices, default=Review.PENDING
    )
    review_note = models.TextField(_("reviewer's note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("checked by"),
    )
    reviewed_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["kind", "-version", "-uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="document_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(review_status__in=["pending", "accepted", "needs_correction"]),
                name="document_review_status_valid",
            ),
            models.UniqueConstraint(
                fields=["application", "kind", "version"],
                condition=~Q(kind="product_evidence"),
                name="one_document_per_version",
            ),
            models.UniqueConstraint(
                fields=["application", "kind"],
                condition=Q(is_current=True) & ~Q(kind="product_evidence"),
                name="one_current_version_per_document",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"

    def readable_by(self, user) -> bool:
        """Its own organisation, and staff who review applications."""
        if self.is_purged:
            return False
        is_owner = self.application.organisation.account_id == user.pk
        return is_owner or user.has_perm("suppliers.view_applicationdocument")

    @property
    def is_purged(self) -> bool:
        return self.purged_at is not None


def _logo_path(instance, filename):
    return f"suppliers/logos/{uuid.uuid4().hex}{filename[filename.rfind('.') :]}"


def _disqualification_covers(day: datetime.date) -> Q:
    """A disqualification counts from its effective day up to the day before it ended."""
    return (Q(ended_on__isnull=True) | Q(ended_on__gt=day)) & Q(effective_on__lte=day)


class SupplierQuerySet(models.QuerySet):
    def listed(self):
        """Suppliers listed now: what the public, the buyers and the staff's lists show."""
        return self.filter(status=Supplier.Status.ACTIVE)

    def listed_on(self, day: datetime.date):
        """Suppliers validly listed on ``day``: approved by then and not disqualified that day."""
        from .aftercare import Disqualification

        covering = Disqualification.objects.filter(
            _disqualification_covers(day), supplier=models.OuterRef("pk")
        )
        return self.filter(approved_on__lte=day).exclude(models.Exists(covering))


class Supplier(TimeStampedModel):
    """A listed supplier (供應方): an organisation whose application was approved."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DISQUALIFIED = "disqualified", _("Disqualified")

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.PROTECT,
        related_name="supplier",
        verbose_name=_("organisation"),
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved application"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    size_group = models.CharField(_("size group"), max_length=10, choices=SizeGroup.choices)
    # The first approval: a later approval after a disqualification ends that
    # disqualification instead, so the listing history stays whole.
    approved_on = models.DateField(_("first approved on"))
    information_confirmed_on = models.DateField(
        _("information last confirmed on"),
        help_text=_("The supplier confirms or updates its information at least once a year."),
    )
    name = models.CharField(_("name"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=_logo_path, blank=True)
    name_en = models.CharField(
        _("name in English"),
        max_length=200,
        blank=True,
        help_text=_("Optional. Shown on the English pages; the Chinese name is shown otherwise."),
    )
    summary_en = models.CharField(
        _("summary in English"),
        max_length=300,
        blank=True,
        help_text=_("Optional. One or two sentences for the English pages."),
    )
    # The registered district as it stands (the approved application's, then the last accepted
    # profile change's), kept here so that public lists can filter by it.
    district = models.CharField(
        _("district (Taipei City)"), max_length=3, choices=District.choices, blank=True
    )

    objects = SupplierQuerySet.as_manager()

    class Meta:
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["active", "disqualified"]), name="supplier_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(size_group__in=SizeGroup.values), name="supplier_size_group_valid"
            ),
            models.CheckConstraint(
                condition=Q(district="") | Q(district__in=District.values),
                name="supplier_district_in_taipei",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the page's language: the English one on English pages, when given."""
        return in_page_language(self.name, self.name_en)

    @property
    def is_listed(self) -> bool:
        return self.status == Supplier.Status.ACTIVE

    def was_listed_on(self, day: datetime.date) -> bool:
        return Supplier.objects.listed_on(day).filter(pk=self.pk).exists()

    def disqualification_on(self, day: datetime.date):
        """The disqualification covering ``day`` (the latest, if several), or None."""
        return (
            self.disqualifications.filter(_disqualification_covers(day))
            .order_by("-effective_on")
            .first()
        )


class SupplierEventKind(models.TextChoices):
    APPROVED = "approved", _("Listed")
    APPROVED_AGAIN = "approved_again", _("Listed again after a new application")
    INFORMATION_CONFIRMED = "information_confirmed", _("Information confirmed")
    PROFILE_CHANGE_SENT = "profile_change_sent", _("Sent a change for review")
    PROFILE_CHANGE_ACCEPTED = "profile_change_accepted", _("Change accepted")
    PROFILE_CHANGE_REJECTED = "profile_change_rejected", _("Change not accepted")
    UPDATE_REMINDED = "update_reminded", _("Reminded of the yearly update")
    MOVED_TO_SME_GROUP = "moved_to_sme_group", _("Moved to the SME group")
    WITHDRAWAL_REQUESTED = "withdrawal_requested", _("Asked to withdraw")
    WITHDRAWAL_CANCELLED = "withdrawal_cancelled", _("Withdrew the request to withdraw")
    AUDITED = "audited", _("Re-checked")
    DISQUALIFIED = "disqualified", _("Disqualified")
    REINSTATED = "reinstated", _("Reinstated after an appeal")


class SupplierEvent(HistoryEntry):
    """The supplier's history after listing, append-only."""

    Kind = SupplierEventKind

    supplier = models.ForeignKey(
        Supplier, on_delete=models.PROTECT, related_name="events", verbose_name=_("supplier")
    )
    kind = models.CharField(_("what happened"), max_length=30, choices=Kind.choices)

    class Meta:
        verbose_name = _("supplier history entry")
        verbose_name_plural = _("supplier history")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SupplierEventKind.values), name="supplier_event_kind_valid"
            )
        ]

    def __str__(self):
        return f"{self.when} {self.get_kind_display()}"


class UpdateReminder(models.Model):
    """A reminder of the yearly update (參.二(二)5), sent once per year and stage."""

    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.CASCADE,
        related_name="update_reminders",
        verbose_name=_("supplier"),
    )
    due_on = models.DateField(_("update due on"))
    days_before = models.PositiveSmallIntegerField(_("days before"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("yearly update reminder")
        verbose_name_plural = _("yearly update reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["supplier", "due_on", "days_before"], name="one_reminder_per_stage"
            )
        ]

    def __str__(self):
        return f"{self.supplier} {self.due_on:%Y-%m-%d} (-{self.days_before})"
