"""The steps of a supplier application, as the applicant takes them (參.二(四))."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from registry.models import CompanyRecord
from tops.models import ClosedDay
from tops.private_files import private_file_store
from tops.uploads import CheckedUpload
from tops.workflow import StepRefused
from tops.working_days import review_due_on

from . import notifications
from .models import (
    MAX_APPLICATION_BYTES,
    MAX_PRODUCT_EVIDENCE_FILES,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationStatus,
    DocumentKind,
    EventKind,
    Supplier,
    SupplierEvent,
)
from .registry import prefill_from_registry
from .terms import TERMS_VERSION

Status = ApplicationStatus


# The fields copied into a new application from the organisation's last one.
CARRIED_OVER_FIELDS = (
    "registration_type",
    "district",
    "street_address",
    "paid_in_capital",
    "regular_employees",
    "founded_on",
    "introduction",
    "website",
)


def locked(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def record_event(application, *, kind, by, note="", items=None, visible=True, **fields):
    return ApplicationEvent.objects.create(
        application=application,
        kind=kind,
        by=by,
        note=note,
        items=items or [],
        visible_to_applicant=visible,
        **fields,
    )


def record_supplier_event(supplier, kind, *, by=None, note=""):
    return SupplierEvent.objects.create(supplier=supplier, kind=kind, by=by, note=note)


def transition(application, *, step, by, note="", items=None, visible=True, kind=None):
    """Take ``step`` of the application's workflow and write it in the history."""
    to = Application.workflow.target(application, step)
    record_event(
        application,
        kind=kind or EventKind.STATUS_CHANGED,
        by=by,
        note=note,
        items=items,
        visible=visible,
        from_status=application.status,
        to_status=to,
    )
    application.status = to


def editable_parts(application: Application) -> set[str] | None:
    """What the applicant may change now: everything (None) in a draft; while corrections
    are requested, only the parts the reviewer listed ("step:size", "document:logo"…)."""
    if application.status == Status.DRAFT:
        return None
    corrections = open_corrections(application)
    if corrections is None:
        return set()
    parts = {item["item"] for item in corrections.items}
    if "step:company" in parts:
        # A new registration type needs its own documents.
        parts |= {f"document:{kind}" for kind in DocumentKind.values}
    return parts


def document_part(kind: str) -> str:
    """The part of the application a document belongs to, as correction requests name it."""
    return "step:profile" if kind == DocumentKind.LOGO else f"document:{kind}"


def _require_editable(application, part: str):
    if not application.is_editable:
        raise StepRefused(
            _(
                "The application has been submitted: nothing can be changed until the "
                "review asks for corrections."
            )
        )
    parts = editable_parts(application)
    if parts is not None and part not in parts:
        raise StepRefused(_("Only the parts the reviewer asked to correct can be changed now."))


@transaction.atomic
def application_start(
    *, organisation: Organisation, by: User, company: CompanyRecord | None = None
) -> Application:
    """Open a draft, prefilled from the organisation's last application when there is one,
    else from the company registry's ``company`` (looked up before, outside the transaction)."""
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    applications = organisation.applications.all()
    if Supplier.objects.listed().filter(organisation=organisation).exists():
        raise StepRefused(_("Your organisation is already a listed supplier."))
    if applications.open().exists():
        raise StepRefused(_("Your organisation already has an open application."))
    previous = applications.order_by("-created_at").first()
    application = Application(organisation=organisation)
    if previous is not None:
        for field in CARRIED_OVER_FIELDS:
            setattr(application, field, getattr(previous, field))
    elif company is not None:
        prefill_from_registry(application, company)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise StepRefused(_("Your organisation already has an open application.")) from None
    record_event(
        application,
        kind=EventKind.CREATED,
        by=by,
        note=(
            f"prefilled from {previous.public_id}"
            if previous
            else f"prefilled from the registry as read at {timezone.localtime(company.fetched_at)}"
            if company is not None
            else ""
        ),
        visible=False,
    )
    return application


DECLARATION_FIELDS = {
    "not_foreign_branch": "declared_not_foreign_branch_at",
    "invoices": "declared_invoices_at",
    "no_violations": "declared_no_violations_at",
    "obligations": "accepted_obligations_at",
}


@transaction.atomic
def application_update(
    *,
    application: Application,
    by: User,
    step: str,
    fields: dict | None = None,
    declarations: dict[str, bool] | None = None,
) -> Application:
    """Save one step of the form into the application.

    ``declarations`` maps a declaration (see DECLARATION_FIELDS) to whether it is
    made: each is recorded with the moment it was first made, and cleared when
    withdrawn. Accepting the obligations records the version of the terms.
    """
    application = locked(application)
    _require_editable(application, f"step:{step}")
    for name, value in (fields or {}).items():
        setattr(application, name, value)
    now = timezone.now()
    for name, made in (declarations or {}).items():
        field = DECLARATION_FIELDS[name]
        if not made:
            setattr(application, field, None)
        elif getattr(application, field) is None:
            setattr(application, field, now)
    if declarations and "obligations" in declarations:
        application.terms_version = TERMS_VERSION if declarations["obligations"] else ""
    application.save()
    return application


@dataclass(frozen=True)
class MissingItem:
    step: str
    message: str


def application_missing_items(application: Application) -> list[MissingItem]:
    """Everything that still keeps the application from being submitted, step by step."""
    missing = []

    def need(step, condition, message):
        if not condition:
            missing.append(MissingItem(step, message))

    need("company", application.registration_type, _("Choose the registration type."))
    need("company", application.district, _("Choose the district of the registered address."))
    need("company", application.street_address, _("Enter the street address."))
    need(
        "company",
        application.declared_not_foreign_branch_at,
        _("Declare that the organisation is not a Taiwan branch of a foreign enterprise."),
    )
    need("size", application.paid_in_capital is not None, _("Enter the paid-in capital."))
    need(
        "size",
        application.regular_employees is not None,
        _("Enter the number of regular employees."),
    )
    need("size", application.founded_on, _("Enter the founding date."))
    if application.qualifies_as_sme is False:
        missing.append(
            MissingItem(
                "size",
                _(
                    "With paid-in capital over NT$100,000,000 and 200 or more regular "
                    "employees the organisation is not an SME and cannot be listed."
                ),
            )
        )
    need(
        "declarations",
        application.declared_invoices_at,
        _("Declare that the organisation can issue uniform invoices or receipts."),
    )
    need(
        "declarations",
        application.declared_no_violations_at,
        _("Declare that none of the 7 violation situations applies."),
    )
    need(
        "declarations",
        application.accepted_obligations_at,
        _("Accept the supplier obligations."),
    )
    need("profile", application.introduction.strip(), _("Write the introduction of the profile."))
    current = set(application.documents.filter(is_current=True).values_list("kind", flat=True))
    for kind in application.required_documents:
        need(
            "documents",
            kind in current,
            _("Upload the document: %(document)s.") % {"document": DocumentKind(kind).label},
        )
    return missing


@transaction.atomic
def application_submit(*, application: Application, by: User) -> Application:
    application = locked(application)
    if not application.is_editable:
        raise StepRefused(_("This application has already been submitted."))
    missing = application_missing_items(application)
    if missing:
        raise StepRefused(_("The application is not complete yet."))
    transition(application, step="submit", by=by)
    application.received_at = timezone.now()
    if application.first_received_at is None:
        application.first_received_at = application.received_at
    application.due_on = review_due_on(application.received_at, ClosedDay.objects.as_set())
    application.save()
    notifications.application_submitted(application)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by: User) -> Application:
    application = locked(application)
    transition(application, step="withdraw", by=by)
    application.decided_at = timezone.now()  # closed: retention of its documents runs from here
    application.save()
    return application


def open_corrections(application: Application) -> ApplicationEvent | None:
    """The correction request the applicant is answering, if it is their turn."""
    if application.status != Status.NEEDS_CORRECTIONS:
        return None
    return (
        application.events.filter(kind=EventKind.CORRECTIONS_REQUESTED)
        .order_by("-at", "-pk")
        .first()
    )


# --- Documents ---------------------------------------------------------------


@transaction.atomic
def document_upload(
    *, application: Application, by: User, kind: str, upload: CheckedUpload
) -> ApplicationDocument:
    """Store a checked file as the new current version of its document."""
    application = locked(application)
    _require_editable(application, document_part(kind))
    documents = application.documents.select_for_update()
    # Every version kept counts, so that replacing files in a loop cannot fill the store.
    stored = documents.aggregate(total=Sum("size"))["total"] or 0
    if stored + upload.size > MAX_APPLICATION_BYTES:
        raise StepRefused(
            _(
                "%(name)s cannot be added: the documents of one application may total at most "
                "%(limit)s MB, and %(stored)s MB are already uploaded."
            )
            % {
                "name": upload.original_name,
                "limit": MAX_APPLICATION_BYTES // (1024 * 1024),
                "stored": round(stored / (1024 * 1024), 1),
            }
        )
    version = 1
    if kind == DocumentKind.PRODUCT_EVIDENCE:
        if documents.filter(kind=kind, is_current=True).count() >= MAX_PRODUCT_EVIDENCE_FILES:
            raise StepRefused(
                _("At most %(count)s product evidence files can be uploaded.")
                % {"count": MAX_PRODUCT_EVIDENCE_FILES}
            )
    else:
        latest = documents.filter(kind=kind).order_by("-version").first()
        if latest is not None:
            version = latest.version + 1
            documents.filter(kind=kind, is_current=True).update(is_current=False)
    document = ApplicationDocument(
        application=application,
        kind=kind,
        version=version,
        uploaded_by=by,
    )
    private_file_store(document, upload, stem="upload")
    document.save()
    record_event(
        application,
        kind=EventKind.DOCUMENT_UPLOADED,
        by=by,
        note=f"{DocumentKind(kind).label} v{version}",
    )
    return document


@transaction.atomic
def document_remove(*, document: ApplicationDocument, by: User) -> None:
    """Take a product evidence file out of the application; its record stays in the history."""
    application = locked(document.application)
    _require_editable(application, document_part(document.kind))
    if document.kind != DocumentKind.PRODUCT_EVIDENCE:
        raise StepRefused(_("A required document can be replaced, not removed."))
    ApplicationDocument.objects.filter(pk=document.pk).update(is_current=False)
    record_event(
        application,
        kind=EventKind.DOCUMENT_REMOVED,
        by=by,
        note=f"{document.get_kind_display()}: {document.original_name}",
    )


def purge_expired_labour_insurance_lists(*, now: datetime.datetime) -> int:
    """Delete the files of labour-insurance lists whose retention has run out; keep the record."""
    cutoff = now - datetime.timedelta(days=settings.LABOUR_INSURANCE_LIST_RETENTION_DAYS)
    expired = ApplicationDocument.objects.filter(
        kind=DocumentKind.LABOUR_INSURANCE_LIST,
        purged_at__isnull=True,
        application__decided_at__lte=cutoff,
    ).select_related("application")
    purged = 0
    for document in expired:
        with transaction.atomic():
            document_purge(document, now=now)
        purged += 1
    return purged


def document_purge(document: ApplicationDocument, *, now: datetime.datetime) -> None:
    """The document's file goes; the record that it was given, and its check, stay."""
    document.file.delete(save=False)
    document.purged_at = now
    document.save(update_fields=["file", "purged_at"])
    record_event(
        document.application,
        kind=EventKind.DOCUMENT_PURGED,
        by=None,
        note=f"{document.get_kind_display()} v{document.version}",
    )
