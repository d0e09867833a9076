"""Reads shared by the buyer's pages, the staff's pages and the exports."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation

from .models import (
    AwardCategory,
    AwardDecision,
    Edition,
    PurchaseRecord,
    RecordStatus,
    SustainabilityImpact,
)


def current_edition(today: datetime.date | None = None) -> Edition | None:
    """The edition counting today; else the latest one that has started; else the next one."""
    today = today or timezone.localdate()
    editions = Edition.objects.all()
    return (
        editions.filter(counting_starts_on__lte=today, counting_ends_on__gte=today)
        .order_by("-counting_starts_on")
        .first()
        or editions.filter(counting_starts_on__lte=today).order_by("-counting_starts_on").first()
        or editions.order_by("counting_starts_on").first()
    )


def counted_records(edition: Edition):
    """What counts for an edition: verified records of purchases in its counting period."""
    return PurchaseRecord.objects.counted_for(edition)


def why_not_counted(record: PurchaseRecord, edition: Edition) -> str:
    """Why a record does not count for the edition; empty when it counts."""
    if record.status == RecordStatus.WITHDRAWN:
        return _("Withdrawn.")
    if record.status == RecordStatus.REJECTED:
        return _("Rejected: %(reason)s") % {"reason": record.rejection_reason}
    if not edition.counts_on(record.purchased_on):
        return _("Purchased outside this edition's counting period.")
    if record.status == RecordStatus.SUBMITTED:
        if not record.evidence_count:
            return _("Awaiting verification; add evidence so that staff can verify it.")
        return _("Awaiting verification by staff.")
    return ""


@dataclass
class EditionSummary:
    edition: Edition
    records: list
    verified_total: int
    verified_count: int
    by_status: dict


def edition_summary(edition: Edition, buyer: Organisation) -> EditionSummary:
    records = list(
        buyer.purchase_records.select_related("supplier")
        .annotate(evidence_count=Count("evidence"))
        .order_by("-purchased_on", "-pk")
    )
    for record in records:
        record.not_counted_because = why_not_counted(record, edition)
    counted = [r for r in records if not r.not_counted_because]
    by_status = Counter(r.status for r in records if edition.counts_on(r.purchased_on))
    return EditionSummary(
        edition=edition,
        records=records,
        verified_total=sum(r.amount for r in counted),
        verified_count=len(counted),
        by_status={label: by_status.get(value, 0) for value, label in RecordStatus.choices},
    )


@dataclass
class Standing:
    buyer: Organisation
    total: int = 0
    count: int = 0
    suppliers: dict = field(default_factory=dict)  # name by supplier pk
    impacts: Counter = field(default_factory=Counter)
    awaiting: int = 0

    @property
    def supplier_count(self) -> int:
        return len(self.suppliers)

    @property
    def supplier_names(self) -> list[str]:
        return sorted(self.suppliers.values())

    def impact_list(self) -> list[tuple[str, int]]:
        return [
            (label, self.impacts[value])
            for value, label in SustainabilityImpact.choices
            if self.impacts[value]
        ]


def standings(edition: Edition) -> list[Standing]:
    """Per buyer: the verified amount in the counting period, counts, suppliers, impacts."""
    rows: dict[int, Standing] = {}
    in_period = (
        PurchaseRecord.objects.in_counting_period(edition)
        .may_count()
        .select_related("buyer", "supplier")
    )
    for record in in_period:
        row = rows.setdefault(record.buyer_id, Standing(buyer=record.buyer))
        if record.status == RecordStatus.SUBMITTED:
            row.awaiting += 1
            continue
        row.total += record.amount
        row.count += 1
        row.suppliers[record.supplier_id] = record.supplier.name
        row.impacts.update(record.impacts)
    return sorted(rows.values(), key=lambda row: (-row.total, row.buyer.name))


def monthly_amounts(edition: Edition) -> list[tuple[datetime.date, int]]:
    """The verified amount of each month of the counting period, by purchase date."""
    totals = defaultdict(int)
    for purchased_on, amount in counted_records(edition).values_list("purchased_on", "amount"):
        totals[purchased_on.replace(day=1)] += amount
    return [(month, totals[month]) for month in edition.months()]


def consenting_buyers(edition: Edition) -> set[int]:
    return set(edition.consents.values_list("buyer_id", flat=True))


@dataclass
class CategoryResult:
    category: AwardCategory
    winners: list  # the current winning decisions whose buyer consented to be named, by rank
    unnamed: int  # winners who did not consent to be named


def edition_results(edition: Edition) -> list[CategoryResult]:
    """The announced winners of each category: named only with the buyer's consent to
    public exposure for this edition."""
    consenting = set(edition.consents.values_list("buyer_id", flat=True))
    winners = (
        AwardDecision.objects.current()
        .filter(application__edition=edition, is_winner=True)
        .select_related("application__buyer", "application__category")
        .order_by("rank", "application__buyer__name")
    )
    by_category = {
        category.pk: CategoryResult(category, [], 0) for category in edition.categories.all()
    }
    for decision in winners:
        result = by_category[decision.application.category_id]
        if decision.application.buyer_id in consenting:
            result.winners.append(decision)
        else:
            result.unnamed += 1
    return [result for result in by_category.values() if result.winners or result.unnamed]


def decisions_by_application(applications) -> dict[int, AwardDecision]:
    return {
        decision.application_id: decision
        for decision in AwardDecision.objects.current().filter(application__in=applications)
    }


@dataclass
class JudgingRow:
    application: object
    verified_amount: int
    decision: AwardDecision | None


def judging_sheet(edition: Edition) -> list[tuple[AwardCategory, list[JudgingRow]]]:
    """Each category's applications with the verified amount behind them and the current
    decision, ranked winners first: the panel's working sheet and the results export."""
    applications = (
        edition.applications.select_related("buyer", "category")
        .annotate(verified=Sum("records__amount", filter=Q(records__status=RecordStatus.VERIFIED)))
        .order_by("category", "buyer__name")
    )
    decisions = decisions_by_application(applications)
    sheet = []
    for category in edition.categories.all():
        rows = [
            JudgingRow(application, application.verified or 0, decisions.get(application.pk))
            for application in applications
            if application.category_id == category.pk
        ]
        rows.sort(
            key=lambda row: (
                not (row.decision and row.decision.is_winner),
                row.decision.rank if row.decision and row.decision.rank else 10_000,
                -row.verified_amount,
            )
        )
        sheet.append((category, rows))
    return sheet
