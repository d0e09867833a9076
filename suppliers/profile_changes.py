"""A listed supplier changes its public profile or registered data (參.二(二)5): the change
waits for a reviewer, who sees the old and new values side by side; the public keeps the
approved profile until then. An accepted change counts as the yearly update."""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from activity.models import ActivityKind
from activity.services import activity_record
from tops.catalogue import catalogue_changed
from tops.private_files import private_file_open, private_file_store
from tops.uploads import CheckedUpload
from tops.workflow import StepRefused, require_permission

from . import extensions
from .models import (
    PUBLIC_FIELDS,
    REGISTERED_FIELDS,
    ProfileChange,
    ProfileChangeLogo,
    Supplier,
    SupplierEventKind,
)
from .notices import notify_reviewers, notify_supplier
from .permissions import REVIEW_APPLICATION
from .services import record_supplier_event


def registered_data(supplier: Supplier) -> dict:
    """The registered data as it stands: the last accepted change's, else the approved
    application's."""
    accepted = (
        supplier.profile_changes.filter(status=ProfileChange.Status.ACCEPTED)
        .order_by("-decided_at", "-pk")
        .first()
    )
    source = accepted or supplier.application
    return {name: getattr(source, name) for name in REGISTERED_FIELDS}


def current_values(supplier: Supplier) -> dict:
    return {
        **{name: getattr(supplier, name) for name in PUBLIC_FIELDS},
        **registered_data(supplier),
    }


@transaction.atomic
def profile_change_send(
    *, supplier: Supplier, by: User, values: dict, logo: CheckedUpload | None = None
) -> ProfileChange:
    """Send the profile and registered data as the supplier wants them. A change still
    waiting is replaced (its new logo kept unless another is given)."""
    supplier = Supplier.objects.select_for_update().get(pk=supplier.pk)
    if not supplier.is_listed:
        raise StepRefused(_("Only a listed supplier can change its profile."))
    waiting = supplier.profile_changes.select_for_update().filter(
        status=ProfileChange.Status.PENDING
    )
    earlier = waiting.first()
    if earlier is not None:
        earlier.status = ProfileChange.Status.WITHDRAWN
        earlier.save(update_fields=["status"])
    if (
        {**current_values(supplier), **values} == current_values(supplier)
        and logo is None
        and not (earlier and hasattr(earlier, "logo"))
    ):
        raise StepRefused(_("Nothing has changed: change a value before sending."))
    change = ProfileChange.objects.create(
        supplier=supplier, submitted_by=by, **{**current_values(supplier), **values}
    )
    if logo is not None:
        private_file_store(ProfileChangeLogo(change=change), logo, stem="logo").save()
    elif earlier is not None and hasattr(earlier, "logo"):
        ProfileChangeLogo.objects.filter(pk=earlier.logo.pk).update(change=change)
    record_supplier_event(supplier, SupplierEventKind.PROFILE_CHANGE_SENT, by=by)
    if earlier is None:
        notify_reviewers("suppliers/email/profile_change_sent", supplier=supplier, change=change)
    return change


@transaction.atomic
def profile_change_withdraw(*, change: ProfileChange, by: User) -> ProfileChange:
    change = ProfileChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ProfileChange.Status.PENDING:
        raise StepRefused(_("This change has already been decided."))
    change.status = ProfileChange.Status.WITHDRAWN
    change.save(update_fields=["status"])
    return change


@dataclass
class Difference:
    field: str
    label: str
    old: object
    new: object

    @property
    def changed(self) -> bool:
        return self.old != self.new


def profile_change_differences(change: ProfileChange) -> list[Difference]:
    """Each field, now and as proposed, in the form's order."""
    now = current_values(change.supplier)
    return [
        Difference(
            name,
            str(ProfileChange._meta.get_field(name).verbose_name),
            now[name],
            getattr(change, name),
        )
        for name in (*PUBLIC_FIELDS, *REGISTERED_FIELDS)
    ]


def sme_test_changes(change: ProfileChange) -> bool:
    """Whether the proposed capital and employees change the SME test's result (參.二(一)1)."""
    now = registered_data(change.supplier)
    before = ProfileChange(
        paid_in_capital=now["paid_in_capital"], regular_employees=now["regular_employees"]
    ).qualifies_as_sme
    return before != change.qualifies_as_sme


@transaction.atomic
def profile_change_accept(*, change: ProfileChange, by: User) -> ProfileChange:
    require_permission(by, REVIEW_APPLICATION)
    change = ProfileChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ProfileChange.Status.PENDING:
        raise StepRefused(_("This change has already been decided."))
    supplier = Supplier.objects.select_for_update().get(pk=change.supplier_id)
    renamed = (change.name, change.name_en) != (supplier.name, supplier.name_en)
    for name in PUBLIC_FIELDS:
        setattr(supplier, name, getattr(change, name))
    supplier.district = change.district
    logo = getattr(change, "logo", None)
    if logo is not None:
        with private_file_open(logo.file) as opened:
            extension = logo.file.name[logo.file.name.rfind(".") :]
            supplier.logo.save(f"logo{extension}", ContentFile(opened.read()), save=False)
    supplier.information_confirmed_on = timezone.localdate()
    supplier.save()
    catalogue_changed()
    change.status = ProfileChange.Status.ACCEPTED
    change.decided_by, change.decided_at = by, timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    record_supplier_event(supplier, SupplierEventKind.PROFILE_CHANGE_ACCEPTED, by=by)
    for take_part in extensions.profile_updated:
        take_part(supplier, renamed)
    notify_supplier(supplier, "suppliers/email/profile_change_accepted", change=change)
    activity_record(
        kind=ActivityKind.DECISION,
        by=by,
        action=gettext_noop("Accepted a supplier's profile change"),
        subject=supplier,
    )
    return change


@transaction.atomic
def profile_change_reject(*, change: ProfileChange, by: User, reason: str) -> ProfileChange:
    require_permission(by, REVIEW_APPLICATION)
    change = ProfileChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ProfileChange.Status.PENDING:
        raise StepRefused(_("This change has already been decided."))
    change.status = ProfileChange.Status.REJECTED
    change.decided_by, change.decided_at = by, timezone.now()
    change.decision_note = reason.strip()
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    record_supplier_event(
        change.supplier, SupplierEventKind.PROFILE_CHANGE_REJECTED, by=by, note=change.decision_note
    )
    notify_supplier(change.supplier, "suppliers/email/profile_change_rejected", change=change)
    activity_record(
        kind=ActivityKind.DECISION,
        by=by,
        action=gettext_noop("Rejected a supplier's profile change"),
        subject=change.supplier,
        note=change.decision_note,
    )
    return change
