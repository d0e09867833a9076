"""Disqualification (登錄資格取消, 參.二(五)) by its three routes, and reinstatement after an
appeal. Each step is one transaction; the supplier's products go with it."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from catalog.models import ProductStatus
from catalog.services import product_delist, products_back_to_review
from suppliers.lifecycle import locked_active_supplier, locked_pending_withdrawal
from suppliers.models import (
    Disqualification,
    DisqualificationEnd,
    DisqualificationGround,
    DisqualificationRoute,
    Supplier,
    SupplierEvent,
    WithdrawalRequest,
)
from suppliers.notices import notify_supplier
from suppliers.permissions import DECIDE_CASE_BY_CASE, DISQUALIFY_SUPPLIER, REINSTATE_SUPPLIER
from suppliers.services import record_supplier_event
from tops.workflow import StepRefused, require_permission


def _in_suppliers_language(supplier, text, **values) -> str:
    """Text quoted in the written notice, in the language the notice is written in."""
    with translation.override(supplier.organisation.account.preferred_language):
        return str(text) % values


@transaction.atomic
def supplier_disqualify(
    *,
    supplier: Supplier,
    by: User,
    route: str,
    ground: str,
    reason: str,
    evidence: str = "",
    report=None,
) -> Disqualification:
    """Disqualify at once: the supplier leaves the public site with every product, the route,
    ground, reason and evidence are kept, and the written notice is sent and kept. The
    organisation stays a buyer and may apply again later."""
    if not by.has_perm(DISQUALIFY_SUPPLIER):
        raise StepRefused(_("Your role does not allow disqualifying suppliers."))
    if not reason.strip():
        raise StepRefused(_("Give the reason: it is written in the notice."))
    if ground == DisqualificationGround.CASE_BY_CASE and not by.has_perm(DECIDE_CASE_BY_CASE):
        raise StepRefused(_("Only an organizer decides a case on its own merits."))
    if route == DisqualificationRoute.REPORT and (
        report is None or report.supplier_id != supplier.pk or report.status != "upheld"
    ):
        raise StepRefused(
            _("A disqualification after a report needs that report, upheld, about this supplier.")
        )
    if route == DisqualificationRoute.REPORT and report.disqualification_id is not None:
        raise StepRefused(_("This report has already led to a disqualification."))
    supplier = locked_active_supplier(supplier)
    disqualification = Disqualification.objects.create(
        supplier=supplier,
        route=route,
        ground=ground,
        reason=reason,
        evidence=evidence,
        effective_on=timezone.localdate(),
        decided_by=by,
    )
    if route == DisqualificationRoute.REPORT:
        report.disqualification = disqualification
        report.save(update_fields=["disqualification"])
    supplier.status = Supplier.Status.DISQUALIFIED
    supplier.save(update_fields=["status", "updated_at"])
    if route != DisqualificationRoute.REQUEST:
        supplier.withdrawal_requests.filter(status=WithdrawalRequest.Status.PENDING).update(
            status=WithdrawalRequest.Status.OVERTAKEN, closed_at=timezone.now()
        )
    products = supplier.products.filter(status__in=[ProductStatus.LISTED, ProductStatus.PENDING])
    delisted = [
        product_delist(
            product=product, by=by, reasons=[], note="", disqualification=disqualification
        )
        for product in products.select_for_update()
    ]
    record_supplier_event(
        supplier,
        SupplierEvent.Kind.DISQUALIFIED,
        by=by,
        note=f"{DisqualificationRoute(route).label} / {DisqualificationGround(ground).label}",
    )
    disqualification.notice = notify_supplier(
        supplier,
        "review/email/supplier_disqualified",
        disqualification=disqualification,
        products=[delisting.product for delisting in delisted],
    )
    disqualification.save(update_fields=["notice"])
    return disqualification


@transaction.atomic
def supplier_reinstate(*, disqualification: Disqualification, by: User, note: str) -> Supplier:
    """An appeal succeeded: the supplier is listed again from today and each product the
    disqualification took down goes back to a reviewer before it is public again."""
    require_permission(by, REINSTATE_SUPPLIER)
    if not note.strip():
        raise StepRefused(_("Say why the appeal succeeded."))
    disqualification = Disqualification.objects.select_for_update().get(pk=disqualification.pk)
    Disqualification.workflow.target(disqualification, "reinstate")
    supplier = Supplier.objects.select_for_update().get(pk=disqualification.supplier_id)
    disqualification.ended_on = timezone.localdate()
    disqualification.end = DisqualificationEnd.REINSTATED
    disqualification.end_note, disqualification.ended_by = note, by
    disqualification.save()
    supplier.status = Supplier.Status.ACTIVE
    supplier.save(update_fields=["status", "updated_at"])
    products = products_back_to_review(disqualification=disqualification, by=by)
    record_supplier_event(supplier, SupplierEvent.Kind.REINSTATED, by=by, note=note)
    notify_supplier(
        supplier,
        "review/email/supplier_reinstated",
        disqualification=disqualification,
        products=products,
    )
    return supplier


@transaction.atomic
def withdrawal_confirm(*, request: WithdrawalRequest, by: User) -> Disqualification:
    require_permission(by, DISQUALIFY_SUPPLIER)
    request = locked_pending_withdrawal(request)
    disqualification = supplier_disqualify(
        supplier=request.supplier,
        by=by,
        route=DisqualificationRoute.REQUEST,
        ground=DisqualificationGround.REQUESTED,
        reason=request.reason,
        evidence=_in_suppliers_language(
            request.supplier,
            _("Written request of %(date)s."),
            date=f"{timezone.localtime(request.requested_at):%Y-%m-%d %H:%M}",
        ),
    )
    request.status, request.closed_at = WithdrawalRequest.Status.CONFIRMED, timezone.now()
    request.disqualification = disqualification
    request.save()
    return disqualification
