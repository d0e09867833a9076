"""A purchase record's steps: recorded, corrected or withdrawn by the buyer, answered by the
supplier, verified or rejected by staff. Each step writes a row of the record's history."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Organisation, User
from activity.models import ActivityKind
from activity.services import activity_record
from suppliers.models import Supplier
from suppliers.notices import send_notice
from tops.private_files import private_file_store
from tops.uploads import CheckedUpload
from tops.workflow import StepRefused, require_permission

from ..models import (
    EvidenceKind,
    PurchaseEvidence,
    PurchaseRecord,
    PurchaseRecordEvent,
    RecordEventKind,
    RecordStatus,
    SupplierAnswer,
    SustainabilityImpact,
)
from ..permissions import VERIFY_PURCHASE
from ..rules import purchase_date_problem

Status = RecordStatus

# A correction of one of these is a different purchase: it counts as uploaded anew.
# Enough for any real purchase, too few to use the portal as free storage.
MAX_EVIDENCE_PER_RECORD = 10
# A buyer's records in one day, by hand and by import together (an import takes 1,000 rows).
MAX_RECORDS_PER_DAY = 1000

PURCHASE_FIELDS = ("supplier", "purchased_on", "amount")
CORRECTABLE_FIELDS = (
    "supplier",
    "purchased_on",
    "amount",
    "description",
    "impacts",
    "impact_description",
)


def _locked(record: PurchaseRecord) -> PurchaseRecord:
    return PurchaseRecord.objects.select_for_update().get(pk=record.pk)


def _log(record, kind, by, *, from_status="", to_status="", note="", changes=None):
    PurchaseRecordEvent.objects.create(
        record=record,
        kind=kind,
        by=by,
        from_status=from_status,
        to_status=to_status,
        note=note,
        changes=changes or {},
    )


def check_purchase(*, buyer: Organisation, supplier: Supplier, purchased_on: datetime.date):
    """The rules every purchase must meet, wherever it is entered."""
    if supplier.organisation_id == buyer.pk:
        raise StepRefused(
            _("A purchase from your own organisation does not count."), field="supplier"
        )
    problem = purchase_date_problem(supplier, purchased_on)
    if problem:
        raise StepRefused(problem, field="purchased_on")


def _check_impacts(impacts):
    unknown = set(impacts) - set(SustainabilityImpact.values)
    if unknown:
        raise StepRefused(_("Unknown sustainability impact: %s") % ", ".join(sorted(unknown)))


def _store_evidence(record, by, kind: str, upload: CheckedUpload) -> PurchaseEvidence:
    if kind not in EvidenceKind.values:
        raise StepRefused(_("Choose what kind of evidence this is."), field="evidence_kind")
    if record.evidence.count() >= MAX_EVIDENCE_PER_RECORD:
        raise StepRefused(
            _("A record takes at most %(max)d files of evidence; remove one to add another.")
            % {"max": MAX_EVIDENCE_PER_RECORD},
            field="evidence",
        )
    evidence = PurchaseEvidence(
        record=record,
        kind=kind,
        uploaded_by=by,
    )
    private_file_store(evidence, upload, stem="evidence")
    evidence.save()
    return evidence


@transaction.atomic
def purchase_record_create(
    *,
    buyer: Organisation,
    by: User,
    supplier: Supplier,
    purchased_on: datetime.date,
    amount: int,
    description: str,
    products=(),
    impacts=(),
    impact_description: str = "",
    evidence: list[tuple[str, CheckedUpload]] = (),
    imported: bool = False,
) -> PurchaseRecord:
    check_purchase(buyer=buyer, supplier=supplier, purchased_on=purchased_on)
    _check_impacts(impacts)
    # Counted under a lock on the buyer, so two requests at once cannot pass the cap together.
    Organisation.objects.select_for_update().filter(pk=buyer.pk).first()
    today = PurchaseRecord.objects.filter(
        buyer=buyer, created_at__date=timezone.localdate()
    ).count()
    if today >= MAX_RECORDS_PER_DAY:
        raise StepRefused(
            _("At most %(max)d purchase records can be added in one day; please continue tomorrow.")
            % {"max": MAX_RECORDS_PER_DAY}
        )
    if amount <= 0:
        raise StepRefused(_("Enter an amount of at least NT$1."), field="amount")
    record = PurchaseRecord.objects.create(
        buyer=buyer,
        supplier=supplier,
        purchased_on=purchased_on,
        amount=amount,
        description=description,
        impacts=list(impacts),
        impact_description=impact_description,
        imported=imported,
    )
    if products:
        _set_products(record, products)
    for kind, upload in evidence:
        _store_evidence(record, by, kind, upload)
    _log(
        record,
        RecordEventKind.IMPORTED if imported else RecordEventKind.SUBMITTED,
        by,
        to_status=Status.SUBMITTED,
    )
    return record


def _set_products(record, products):
    if any(product.supplier_id != record.supplier_id for product in products):
        raise StepRefused(
            _("Choose only products of the supplier you bought from."), field="products"
        )
    record.products.set(products)


@transaction.atomic
def purchase_record_correct(
    *, record: PurchaseRecord, by: User, fields: dict, products=None
) -> PurchaseRecord:
    """The buyer corrects a record not yet verified; the supplier's answer no longer applies
    to what changed, so it is asked again. A record counts as uploaded when its purchase was
    last stated: a new supplier, date or amount, or sending a rejected record again, takes
    the time of the correction (the monthly exposure reads upload times); a correction of
    the description or impacts alone keeps the upload time."""
    record = _locked(record)
    to_status = PurchaseRecord.workflow.target(record, "correct")
    unknown = set(fields) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not correctable: {sorted(unknown)}")
    supplier = fields.get("supplier", record.supplier)
    purchased_on = fields.get("purchased_on", record.purchased_on)
    check_purchase(buyer=record.buyer, supplier=supplier, purchased_on=purchased_on)
    _check_impacts(fields.get("impacts", record.impacts))
    changes = {}
    for name, value in fields.items():
        before = getattr(record, name)
        if before != value:
            changes[name] = [str(before), str(value)]
            setattr(record, name, value)
    if products is not None:
        before = sorted(record.products.values_list("pk", flat=True))
        if before != sorted(product.pk for product in products):
            _set_products(record, products)
            changes["products"] = [str(before), str(sorted(p.pk for p in products))]
    from_status = record.status
    if not changes and from_status == to_status:
        return record
    if from_status == Status.REJECTED or any(name in changes for name in PURCHASE_FIELDS):
        record.uploaded_at = timezone.now()
    record.status = to_status
    record.rejection_reason = ""
    record.decided_by = None
    record.decided_at = None
    if changes:
        record.supplier_answer = SupplierAnswer.NONE
        record.supplier_note = ""
        record.supplier_answered_at = None
    record.save()
    _log(
        record,
        RecordEventKind.CORRECTED,
        by,
        from_status=from_status,
        to_status=to_status,
        changes=changes,
    )
    return record


@transaction.atomic
def purchase_evidence_add(
    *, record: PurchaseRecord, by: User, kind: str, upload: CheckedUpload
) -> PurchaseEvidence:
    record = _locked(record)
    if not record.is_changeable:
        raise StepRefused(_("Evidence can be added only until the record is verified."))
    evidence = _store_evidence(record, by, kind, upload)
    record.save(update_fields=["updated_at"])  # what staff verify has changed
    _log(record, RecordEventKind.EVIDENCE_ADDED, by, note=evidence.original_name)
    return evidence


@transaction.atomic
def purchase_evidence_remove(*, evidence: PurchaseEvidence, by: User) -> None:
    """The buyer removes a wrong file while the record is not verified; the history keeps
    its name."""
    record = _locked(evidence.record)
    if not record.is_changeable:
        raise StepRefused(_("Evidence can be removed only until the record is verified."))
    name = evidence.original_name
    evidence.delete()  # its file goes once this commits
    record.save(update_fields=["updated_at"])  # what staff verify has changed
    _log(record, RecordEventKind.EVIDENCE_REMOVED, by, note=name)


@transaction.atomic
def purchase_record_withdraw(*, record: PurchaseRecord, by: User) -> PurchaseRecord:
    record = _locked(record)
    from_status = record.status
    record.status = PurchaseRecord.workflow.target(record, "withdraw")
    record.save(update_fields=["status", "updated_at"])
    _log(record, RecordEventKind.WITHDRAWN, by, from_status=from_status, to_status=record.status)
    return record


@transaction.atomic
def purchase_record_answer(
    *, record: PurchaseRecord, by: User, supplier: Supplier, answer: str, note: str = ""
) -> PurchaseRecord:
    """The supplier confirms a record made against it, or flags it as wrong (with a note)."""
    record = _locked(record)
    if record.supplier_id != supplier.pk:
        raise StepRefused(_("This purchase was not recorded against you."))
    if record.status != Status.SUBMITTED:
        raise StepRefused(_("Only a record awaiting verification can be answered."))
    if answer not in (SupplierAnswer.CONFIRMED, SupplierAnswer.FLAGGED):
        raise ValueError(answer)
    note = note.strip()
    if answer == SupplierAnswer.FLAGGED and not note:
        raise StepRefused(_("Say what is wrong with this record."), field="note")
    record.supplier_answer = answer
    record.supplier_note = note
    record.supplier_answered_at = timezone.now()
    record.save(
        update_fields=["supplier_answer", "supplier_note", "supplier_answered_at", "updated_at"]
    )
    kind = (
        RecordEventKind.CONFIRMED if answer == SupplierAnswer.CONFIRMED else RecordEventKind.FLAGGED
    )
    _log(record, kind, by, note=note)
    return record


def _check_version(record: PurchaseRecord, expected_version: str | None) -> None:
    """Staff decide on what they saw: refuse when the record changed since they opened it."""
    if expected_version is not None and expected_version != record.version:
        raise StepRefused(
            _(
                "The record changed after you opened it (a correction, evidence or the "
                "supplier's answer): look at it again before deciding."
            )
        )


@transaction.atomic
def purchase_record_verify(
    *, record: PurchaseRecord, by: User, expected_version: str | None = None
) -> PurchaseRecord:
    """``expected_version``: the record's ``version`` on the page staff decided from."""
    require_permission(by, VERIFY_PURCHASE)
    record = _locked(record)
    to_status = PurchaseRecord.workflow.target(record, "verify")
    _check_version(record, expected_version)
    if not record.evidence.exists():
        raise StepRefused(_("The record has no evidence yet: it cannot be verified."))
    problem = purchase_date_problem(record.supplier, record.purchased_on)
    if problem:
        raise StepRefused(problem)
    from_status = record.status
    record.status = to_status
    record.decided_by = by
    record.decided_at = timezone.now()
    record.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    _log(record, RecordEventKind.VERIFIED, by, from_status=from_status, to_status=to_status)
    activity_record(
        kind=ActivityKind.DECISION,
        by=by,
        action=gettext_noop("Verified a purchase record"),
        subject=record,
    )
    return record


@transaction.atomic
def purchase_record_reject(
    *, record: PurchaseRecord, by: User, reason: str, expected_version: str | None = None
) -> PurchaseRecord:
    require_permission(by, VERIFY_PURCHASE)
    record = _locked(record)
    to_status = PurchaseRecord.workflow.target(record, "reject")
    _check_version(record, expected_version)
    reason = reason.strip()
    if not reason:
        raise StepRefused(_("Give the reason for the rejection."), field="reason")
    from_status = record.status
    record.status = to_status
    record.rejection_reason = reason
    record.decided_by = by
    record.decided_at = timezone.now()
    record.save(
        update_fields=["status", "rejection_reason", "decided_by", "decided_at", "updated_at"]
    )
    _log(
        record,
        RecordEventKind.REJECTED,
        by,
        from_status=from_status,
        to_status=to_status,
        note=reason,
    )
    activity_record(
        kind=ActivityKind.DECISION,
        by=by,
        action=gettext_noop("Rejected a purchase record"),
        subject=record,
        note=reason,
    )
    account = record.buyer.account
    send_notice(
        to=account.email,
        template="awards/email/record_rejected",
        context={"record": record, "organisation": record.buyer, "reason": reason},
        language=account.preferred_language,
    )
    return record
