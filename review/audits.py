"""Periodic re-checks of listed suppliers (查核移除, 參.二(五)3): the same 7 items as the
original review; anything found disqualifies at once (參.二(一)1(5)B)."""

import datetime

from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from suppliers.lifecycle import supplier_disqualify
from suppliers.models import DisqualificationGround, DisqualificationRoute, Supplier, SupplierEvent
from suppliers.permissions import REVIEW_APPLICATION
from suppliers.services import record_supplier_event
from suppliers.violations import VIOLATION_CHECKS, require_finding_counts
from tops.dates import years_from
from tops.workflow import StepRefused, require_permission

from .models import AuditCheck, CaseDecision, CheckResult, SupplierAudit

RECHECK_AFTER_YEARS = 1


def recheck_cutoff(today: datetime.date) -> datetime.date:
    """A supplier last checked on or before this day is due for a re-check."""
    return years_from(today, -RECHECK_AFTER_YEARS)


def with_last_check(suppliers):
    """``last_checked_on``: the latest re-check, or else the checks of the approved review."""
    rechecked = Max(TruncDate("audits__audited_at"))
    reviewed = Max("application__violation_checks__checked_on")
    # The later of the two; Greatest alone gives NULL on SQLite when either is missing.
    return suppliers.annotate(
        last_checked_on=Greatest(Coalesce(rechecked, reviewed), Coalesce(reviewed, rechecked))
    )


def due_for_recheck(today: datetime.date, suppliers=None):
    suppliers = Supplier.objects.all() if suppliers is None else suppliers
    return with_last_check(suppliers.listed()).filter(
        Q(last_checked_on__isnull=True) | Q(last_checked_on__lte=recheck_cutoff(today))
    )


@transaction.atomic
def audit_record(*, supplier: Supplier, by: User, checks: list[tuple]) -> SupplierAudit:
    """``checks``: (item, result, source, checked_on, note[, details]) for each of the 7
    items; ``details`` holds a finding's ``violation_on`` and ``fine_amount``."""
    require_permission(by, REVIEW_APPLICATION)
    checks = [(*check[:5], check[5] if len(check) > 5 else {}) for check in checks]
    for item, result, _source, checked_on, _note, details in checks:
        if result == CheckResult.FOUND:
            require_finding_counts(item, checked_on=checked_on, **details)
    items = {check[0] for check in checks}
    if items != {check.number for check in VIOLATION_CHECKS} or len(checks) != len(items):
        raise StepRefused(_("A re-check records all 7 items."))
    supplier = Supplier.objects.select_for_update().get(pk=supplier.pk)
    if not supplier.is_listed:
        raise StepRefused(_("Only a listed supplier is re-checked."))
    audit = SupplierAudit.objects.create(supplier=supplier, audited_by=by)
    AuditCheck.objects.bulk_create(
        AuditCheck(
            audit=audit,
            item=item,
            result=result,
            source=source,
            checked_on=checked_on,
            note=note,
            violation_on=details.get("violation_on"),
            fine_amount=details.get("fine_amount"),
            recorded_by=by,
        )
        for item, result, source, checked_on, note, details in checks
    )
    found = [check for check in checks if check[1] == CheckResult.FOUND]
    # A finding the organizer already let through at approval (參.二(一)1(5)D) stays covered.
    covered = CaseDecision.objects.items_covered_for(supplier.application_id)
    disqualifying = [check for check in found if check[0] not in covered]
    note = _("Found: %(items)s") % {"items": ", ".join(str(check[0]) for check in found)}
    if covered & {check[0] for check in found}:
        note += " " + _("(covered by the organizer's case-by-case decision: %(items)s)") % {
            "items": ", ".join(str(item) for item in sorted(covered))
        }
    record_supplier_event(
        supplier, SupplierEvent.Kind.AUDITED, by=by, note=note if found else _("Nothing found.")
    )
    found = disqualifying
    if found:
        # The reason is quoted in the notice, so it is written in the supplier's language.
        with translation.override(supplier.organisation.account.preferred_language):
            titles = {check.number: str(check.item) for check in VIOLATION_CHECKS}
        audit.disqualification = supplier_disqualify(
            supplier=supplier,
            by=by,
            route=DisqualificationRoute.AUDIT,
            ground=DisqualificationGround.VIOLATION,
            reason="\n".join(f"{titles[item]}: {note}" for item, _r, _s, _d, note, _x in found),
            evidence="\n".join(
                f"{item}. {source} ({checked_on:%Y-%m-%d})"
                for item, _r, source, checked_on, _n, _x in found
            ),
        )
        audit.save(update_fields=["disqualification"])
    return audit
