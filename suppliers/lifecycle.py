"""A listed supplier's own steps in its life cycle: asking in writing to withdraw
(參.二(五)1) and cancelling that request. The staff's decisions that end or restore a listing,
with the supplier's products, are in ``review.disqualifications``."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from tops.workflow import StepRefused

from .models import Supplier, SupplierEvent, WithdrawalRequest
from .notices import notify_reviewers
from .services import record_supplier_event


def locked_active_supplier(supplier: Supplier) -> Supplier:
    supplier = Supplier.objects.select_for_update().get(pk=supplier.pk)
    if not supplier.is_listed:
        raise StepRefused(_("This supplier is already disqualified."))
    return supplier


@transaction.atomic
def withdrawal_request(*, supplier: Supplier, by: User, reason: str) -> WithdrawalRequest:
    """The supplier asks in writing to withdraw (參.二(五)1); a reviewer confirms it."""
    supplier = locked_active_supplier(supplier)
    if supplier.withdrawal_requests.filter(status=WithdrawalRequest.Status.PENDING).exists():
        raise StepRefused(_("Your request to withdraw is already with the reviewers."))
    request = WithdrawalRequest.objects.create(supplier=supplier, reason=reason, requested_by=by)
    record_supplier_event(supplier, SupplierEvent.Kind.WITHDRAWAL_REQUESTED, by=by, note=reason)
    notify_reviewers("suppliers/email/withdrawal_requested", supplier=supplier, withdrawal=request)
    return request


def locked_pending_withdrawal(request: WithdrawalRequest) -> WithdrawalRequest:
    request = WithdrawalRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != WithdrawalRequest.Status.PENDING:
        raise StepRefused(
            _("This request is now “%(status)s”.") % {"status": request.get_status_display()}
        )
    return request


@transaction.atomic
def withdrawal_cancel(*, request: WithdrawalRequest, by: User) -> WithdrawalRequest:
    request = locked_pending_withdrawal(request)
    request.status, request.closed_at = WithdrawalRequest.Status.CANCELLED, timezone.now()
    request.save()
    record_supplier_event(request.supplier, SupplierEvent.Kind.WITHDRAWAL_CANCELLED, by=by)
    return request
