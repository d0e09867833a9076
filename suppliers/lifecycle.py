"""A supplier's life cycle, every transition in one place: listed on approval (or listed again
after a disqualification), disqualified by one of the three routes of 參.二(五), reinstated after
an appeal, and its own written request to withdraw, cancelled or confirmed. Each step is one
transaction; the products go with the supplier through ``extensions.listing_ended`` and
``extensions.listing_restored``, which the catalogue fills."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from accounts.models import User
from activity.models import ActivityKind
from activity.services import activity_record
from tops.catalogue import catalogue_changed
from tops.private_files import private_file_open
from tops.workflow import StepRefused, require_permission

from . import extensions
from .models import (
    ORGANIZER_GROUNDS,
    Application,
    Disqualification,
    DisqualificationEnd,
    DisqualificationGround,
    DisqualificationRoute,
    DocumentKind,
    Supplier,
    SupplierEvent,
    WithdrawalRequest,
)
from .notices import notify_reviewers, notify_supplier
from .permissions import DECIDE_CASE_BY_CASE, DISQUALIFY_SUPPLIER, REINSTATE_SUPPLIER
from .services import record_supplier_event


def supplier_list(*, application: Application, by: User) -> Supplier:
    """The approved organisation becomes a listed supplier in the size group of the day of the
    decision. Listed again after a disqualification, it keeps its first approval date and that
    disqualification ends today. Called inside the approval's transaction."""
    today = timezone.localdate()
    fields = {
        "application": application,
        "status": Supplier.Status.ACTIVE,
        "size_group": application.size_group_on(today),
        "information_confirmed_on": today,
        "name": application.organisation.name,
        "introduction": application.introduction,
        "website": application.website,
        "district": application.district,
    }
    supplier = Supplier.objects.filter(organisation=application.organisation).first()
    if supplier is None:
        supplier = Supplier.objects.create(
            organisation=application.organisation, approved_on=today, **fields
        )
        record_supplier_event(supplier, SupplierEvent.Kind.APPROVED, by=by)
    else:
        Supplier.objects.filter(pk=supplier.pk).update(**fields)
        supplier.refresh_from_db()
        for disqualification in Disqualification.objects.open().filter(supplier=supplier):
            Disqualification.workflow.target(disqualification, "end_by_new_approval")
            disqualification.ended_on, disqualification.ended_by = today, by
            disqualification.end = DisqualificationEnd.APPROVED_AGAIN
            disqualification.save()
        record_supplier_event(supplier, SupplierEvent.Kind.APPROVED_AGAIN, by=by)
    catalogue_changed()
    logo = application.documents.filter(kind=DocumentKind.LOGO, is_current=True).first()
    if logo is not None and not logo.is_purged:
        with private_file_open(logo.file) as source:
            supplier.logo.save(f"logo{logo.file.name[logo.file.name.rfind('.') :]}", source)
    return supplier


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
    require_permission(by, DISQUALIFY_SUPPLIER)
    if not reason.strip():
        raise StepRefused(_("Give the reason: it is written in the notice."))
    if ground in ORGANIZER_GROUNDS and not by.has_perm(DECIDE_CASE_BY_CASE):
        raise StepRefused(_("Only an organizer decides a disqualification on this ground."))
    if route == DisqualificationRoute.REPORT and (
        report is None or report.supplier_id != supplier.pk or not report.is_upheld
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
    catalogue_changed()
    if route != DisqualificationRoute.REQUEST:
        supplier.withdrawal_requests.filter(status=WithdrawalRequest.Status.PENDING).update(
            status=WithdrawalRequest.Status.OVERTAKEN, closed_at=timezone.now()
        )
    products = [
        product
        for take_down in extensions.listing_ended
        for product in take_down(disqualification=disqualification, by=by)
    ]
    record_supplier_event(
        supplier,
        SupplierEvent.Kind.DISQUALIFIED,
        by=by,
        note=f"{DisqualificationRoute(route).label} / {DisqualificationGround(ground).label}",
    )
    disqualification.notice = notify_supplier(
        supplier,
        "suppliers/email/supplier_disqualified",
        disqualification=disqualification,
        products=products,
    )
    disqualification.save(update_fields=["notice"])
    activity_record(
        kind=ActivityKind.DISQUALIFICATION,
        by=by,
        action=gettext_noop("Disqualified a supplier"),
        subject=supplier,
        note=reason,
    )
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
    catalogue_changed()
    products = [
        product
        for send_back in extensions.listing_restored
        for product in send_back(disqualification=disqualification, by=by)
    ]
    record_supplier_event(supplier, SupplierEvent.Kind.REINSTATED, by=by, note=note)
    notify_supplier(
        supplier,
        "suppliers/email/supplier_reinstated",
        disqualification=disqualification,
        products=products,
    )
    activity_record(
        kind=ActivityKind.DISQUALIFICATION,
        by=by,
        action=gettext_noop("Reinstated a supplier"),
        subject=supplier,
        note=note,
    )
    return supplier


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


@transaction.atomic
def withdrawal_confirm(*, request: WithdrawalRequest, by: User) -> Disqualification:
    """A reviewer confirms the written request: the supplier is disqualified by its own route."""
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
