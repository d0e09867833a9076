"""A listed supplier's upkeep: the yearly update of its information (參.二(二)5) and the
move from the startup group to the SME group at 8 years (參.二(一)1(2))."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from tops.catalogue import catalogue_changed
from tops.dates import years_from

from .eligibility import SizeGroup, startup_founding_cutoff
from .models import Supplier, SupplierEvent, UpdateReminder
from .notices import notify_supplier
from .services import record_supplier_event

# Reminders go out this many days before the year runs out, each once.
REMINDER_DAYS = (30, 7)


def update_due_on(confirmed_on: datetime.date) -> datetime.date:
    return years_from(confirmed_on, 1)


def _year_before(day: datetime.date) -> datetime.date:
    return years_from(day, -1)


def confirmed_on_or_before_when_due_by(day: datetime.date) -> datetime.date:
    """The update of a supplier confirmed on or before the returned day falls due by ``day``
    (the inverse of ``update_due_on``, 29 February included)."""
    return _year_before(day)


def overdue_confirmed_on_or_before(today: datetime.date) -> datetime.date:
    """Overdue: the update fell due before today."""
    return confirmed_on_or_before_when_due_by(today - datetime.timedelta(days=1))


def update_overdue(suppliers, today: datetime.date):
    """Listed suppliers whose yearly update fell due before today."""
    return suppliers.listed().filter(
        information_confirmed_on__lte=overdue_confirmed_on_or_before(today)
    )


def update_due_within(suppliers, today: datetime.date, days: int):
    """Listed suppliers whose yearly update falls due within ``days`` days, not yet overdue."""
    return suppliers.listed().filter(
        information_confirmed_on__gt=overdue_confirmed_on_or_before(today),
        information_confirmed_on__lte=confirmed_on_or_before_when_due_by(
            today + datetime.timedelta(days=days)
        ),
    )


def is_overdue(supplier, today: datetime.date) -> bool:
    return supplier.is_listed and update_due_on(supplier.information_confirmed_on) < today


@transaction.atomic
def information_confirm(*, supplier: Supplier, by: User) -> Supplier:
    """The supplier confirms its information is up to date (an update also counts)."""
    supplier = Supplier.objects.select_for_update().get(pk=supplier.pk)
    supplier.information_confirmed_on = timezone.localdate()
    supplier.save(update_fields=["information_confirmed_on", "updated_at"])
    record_supplier_event(supplier, SupplierEvent.Kind.INFORMATION_CONFIRMED, by=by)
    return supplier


def reminder_stage(today: datetime.date, due_on: datetime.date) -> int | None:
    """Which reminder is due on ``today``: the nearest stage reached and not yet passed.
    A day the job did not run is made up the next day."""
    days_left = (due_on - today).days
    if days_left < 0:
        return None
    reached = [days for days in REMINDER_DAYS if days_left <= days]
    return min(reached) if reached else None


def update_reminders_send(today: datetime.date) -> int:
    """Remind every active supplier whose year runs out within a stage; each stage once."""
    latest = confirmed_on_or_before_when_due_by(today + datetime.timedelta(max(REMINDER_DAYS)))
    sent = 0
    candidates = (
        Supplier.objects.listed()
        .filter(
            information_confirmed_on__lte=latest,
            information_confirmed_on__gt=overdue_confirmed_on_or_before(today),
        )
        .select_related("organisation__account")
    )
    for supplier in candidates:
        due_on = update_due_on(supplier.information_confirmed_on)
        stage = reminder_stage(today, due_on)
        if stage is not None and _remind(supplier, due_on=due_on, stage=stage):
            sent += 1
    return sent


def _remind(supplier: Supplier, *, due_on: datetime.date, stage: int) -> bool:
    try:
        with transaction.atomic():
            UpdateReminder.objects.create(supplier=supplier, due_on=due_on, days_before=stage)
            record_supplier_event(
                supplier, SupplierEvent.Kind.UPDATE_REMINDED, note=f"{due_on:%Y-%m-%d}"
            )
            notify_supplier(supplier, "suppliers/email/yearly_update", due_on=due_on)
    except IntegrityError:  # already sent, by an earlier or a concurrent run
        return False
    return True


@transaction.atomic
def startups_move_to_sme_group(today: datetime.date) -> list[Supplier]:
    """Startup-group suppliers founded 8 years ago or earlier join the SME group."""
    grown = list(
        Supplier.objects.select_for_update(of=("self",))
        .select_related("application")
        .filter(
            size_group=SizeGroup.STARTUP,
            application__founded_on__lte=startup_founding_cutoff(today),
        )
    )
    for supplier in grown:
        supplier.size_group = SizeGroup.SME
        supplier.save(update_fields=["size_group", "updated_at"])
        catalogue_changed()
        record_supplier_event(
            supplier,
            SupplierEvent.Kind.MOVED_TO_SME_GROUP,
            note=f"{supplier.application.founded_on:%Y-%m-%d}",
        )
    return grown
