"""Monthly exposure (參.一(二)3): each month of an edition's counting period, 3 buyers are
featured; a buyer at most once per edition.

The brochure's 「每月前3名上傳採購資料之採購方」 has two readings; the edition chooses one:
- first uploaders: the 3 buyers whose first record uploaded in the month came earliest
  (a tie on the very same upload time goes to the lower record number);
- largest amounts: the 3 buyers with the largest amount uploaded in the month (a tie goes to
  the earlier first upload in the month, then to the lower record number).

Only records staff verified count, and only purchases dated within the counting period. The
month is the month of the upload (Asia/Taipei), within the counting period. A buyer already
featured in an earlier month of the edition is skipped and the next one takes its place.
The result is computed from the records as they stand. A month is final once it is over
(Asia/Taipei) and staff have checked every record uploaded in it: its result cannot change
any more. The public page shows the months in order up to the first one that is not final,
because a later month's result depends on who the earlier months featured.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Organisation

from .models import Edition, ExposureReading, PurchaseRecord, RecordStatus

FEATURED_PER_MONTH = 3


@dataclass
class Candidate:
    buyer: Organisation
    first_uploaded_at: datetime.datetime | None = None
    first_record_id: int | None = None
    amount: int = 0
    records: int = 0
    rank: int | None = None
    featured: bool = False
    reason: str = ""
    statuses: set = field(default_factory=set)
    purchased_outside: bool = False


@dataclass
class MonthResult:
    month: datetime.date
    featured: list[Candidate]
    others: list[Candidate]
    awaiting: int = 0  # records uploaded in the month still awaiting verification
    over: bool = True  # the month (within the counting period) has ended, Taipei time

    @property
    def final(self) -> bool:
        return self.over and not self.awaiting

    @property
    def state(self) -> str:
        """For staff: final, or why the month is still provisional."""
        if self.final:
            return _("Final")
        reasons = []
        if self.awaiting:
            reasons.append(
                ngettext(
                    "%(count)s record awaits verification",
                    "%(count)s records await verification",
                    self.awaiting,
                )
                % {"count": self.awaiting}
            )
        if not self.over:
            reasons.append(_("the month is not over"))
        return _("Provisional (%(reasons)s)") % {"reasons": "; ".join(reasons)}


def _month_label(month: datetime.date) -> str:
    return date_format(month, "Y-m")


def _aware_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _sort_key(reading):
    if reading == ExposureReading.LARGEST_AMOUNTS:
        return lambda c: (-c.amount, c.first_uploaded_at, c.first_record_id)
    return lambda c: (c.first_uploaded_at, c.first_record_id)


def monthly_exposure(edition: Edition) -> list[MonthResult]:
    """Each month's featured buyers and why the others are not, as the records stand now."""
    today = timezone.localdate()
    start, end = edition.counting_starts_on, edition.counting_ends_on
    records = (
        PurchaseRecord.objects.filter(
            uploaded_at__gte=_aware_midnight(start),
            uploaded_at__lt=_aware_midnight(end + datetime.timedelta(days=1)),
        )
        .exclude(status=RecordStatus.WITHDRAWN)
        .select_related("buyer")
        .order_by("uploaded_at", "pk")
    )
    by_month: dict[datetime.date, dict[int, Candidate]] = {m: {} for m in edition.months()}
    awaiting: dict[datetime.date, int] = dict.fromkeys(by_month, 0)
    for record in records:
        month = timezone.localtime(record.uploaded_at).date().replace(day=1)
        if record.status == RecordStatus.SUBMITTED:
            awaiting[month] += 1
        candidate = by_month[month].setdefault(record.buyer_id, Candidate(buyer=record.buyer))
        if not record.counts_for(edition):
            candidate.statuses.add(record.status)
            if record.status == RecordStatus.VERIFIED:
                candidate.purchased_outside = True
            continue
        candidate.records += 1
        candidate.amount += record.amount
        if candidate.first_uploaded_at is None:  # records come in upload order
            candidate.first_uploaded_at = record.uploaded_at
            candidate.first_record_id = record.pk

    featured_in: dict[int, datetime.date] = {}
    results = []
    for month, candidates in by_month.items():
        ranked = sorted(
            (c for c in candidates.values() if c.records),
            key=_sort_key(edition.exposure_reading),
        )
        featured = []
        for rank, candidate in enumerate(ranked, start=1):
            candidate.rank = rank
            if candidate.buyer.pk in featured_in:
                candidate.reason = _("Already featured in %(month)s (once per edition).") % {
                    "month": _month_label(featured_in[candidate.buyer.pk])
                }
            elif len(featured) < FEATURED_PER_MONTH:
                candidate.featured = True
                featured.append(candidate)
            else:
                candidate.reason = _("Ranked %(rank)s: the 3 places were taken.") % {"rank": rank}
        for candidate in featured:
            featured_in[candidate.buyer.pk] = month
        unranked = [c for c in candidates.values() if not c.records]
        for candidate in unranked:
            candidate.reason = _reason_without_counted_records(candidate)
        others = [c for c in ranked if not c.featured] + unranked
        results.append(
            MonthResult(
                month=month,
                featured=featured,
                others=others,
                awaiting=awaiting[month],
                over=_last_day(month, edition) < today,
            )
        )
    return results


def _last_day(month: datetime.date, edition: Edition) -> datetime.date:
    """The month's last day of uploads that count: its calendar end, or the period's."""
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)
    return min(next_month - datetime.timedelta(days=1), edition.counting_ends_on)


def _reason_without_counted_records(candidate: Candidate) -> str:
    if RecordStatus.SUBMITTED in candidate.statuses:
        return _("Records uploaded this month are not verified yet.")
    if candidate.purchased_outside:
        return _("The verified records uploaded this month are of purchases outside the period.")
    return _("The records uploaded this month were rejected.")


def public_featured_buyers(edition: Edition) -> list[MonthResult]:
    """For the public page: the final months, in order up to the first that is not final,
    each with its featured buyers who consented to be named."""
    consenting = set(edition.consents.values_list("buyer_id", flat=True))
    public = []
    for result in monthly_exposure(edition):
        if not result.final:
            break
        result.featured = [c for c in result.featured if c.buyer.pk in consenting]
        result.others = []
        public.append(result)
    return public
