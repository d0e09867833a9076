"""The dashboard's figures for a period and the one before it, each a table (and its chart).

Counts and sums are grouped in the database (one query per table and period), so that they
stay fast at 50,000 products and 100,000 purchase records. Only the review time is worked out
per decided application: working days come from the calendar of holidays and closed days, not
from SQL, and a period holds a few hundred decisions at most.
"""

import datetime
import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, OrganisationType
from awards.models import PurchaseRecord, RecordStatus
from catalog.models import Pavilion, Product, ProductDelisting, ReturnReason
from coaching.models import CaseStatus, CoachingCase, CoachingSession, Topic
from programme.models import Activity, ActivityKind, Attendee, Registration
from reports.models import Report, ReportStatus
from suppliers.eligibility import SizeGroup
from suppliers.models import Application, District, Supplier
from tops.models import ClosedDay
from tops.working_days import counting_day, working_days_left

from .periods import Period

ApplicationStatus = Application.Status


@dataclass
class Table:
    """One table of figures: ``rows`` of ``[label, this period, previous period]`` unless
    ``chart`` is off (a list with columns of its own)."""

    key: str
    title: str
    headings: list
    rows: list
    chart: bool = True
    money: bool = False
    note: str = ""

    @property
    def total(self) -> list:
        return [sum(row[1] for row in self.rows), sum(row[2] for row in self.rows)]


@dataclass
class Section:
    key: str
    title: str
    tables: list = field(default_factory=list)
    summary: list = field(default_factory=list)


def _compare(key, title, label_heading, choices, counts, previous, **options) -> Table:
    """A table with a row for every choice (none left out for having no count)."""
    return Table(
        key,
        title,
        [label_heading, _("This period"), _("Previous period")],
        [[str(label), counts.get(value, 0), previous.get(value, 0)] for value, label in choices],
        **options,
    )


def _grouped(queryset, by: str, value=None) -> dict:
    value = value or Count("pk")
    return {
        row[by]: row["value"] or 0 for row in queryset.order_by().values(by).annotate(value=value)
    }


# Buyers and applications


def buyers_by_type(period: Period) -> dict:
    return _grouped(Organisation.objects.filter(**period.within("created_at")), "type")


def applications(period: Period) -> dict:
    """Received (first submitted) in the period; approved, rejected or withdrawn in it."""
    received = Application.objects.filter(**period.within("first_received_at")).count()
    decided = _grouped(
        Application.objects.filter(
            status__in=[
                ApplicationStatus.APPROVED,
                ApplicationStatus.REJECTED,
                ApplicationStatus.WITHDRAWN,
            ],
            **period.within("decided_at"),
        ),
        "status",
    )
    return {"received": received, **decided}


APPLICATION_ROWS = [
    ("received", _("Received")),
    (ApplicationStatus.APPROVED, _("Approved")),
    (ApplicationStatus.REJECTED, _("Rejected")),
    (ApplicationStatus.WITHDRAWN, _("Withdrawn")),
]


@dataclass(frozen=True)
class Decision:
    organisation: str
    received_on: datetime.date
    due_on: datetime.date | None
    decided_on: datetime.date
    working_days: int

    @property
    def on_time(self) -> bool:
        # Decided while the clock stood still (no due date): on time, as in the review queue.
        return self.due_on is None or self.decided_on <= self.due_on


def decisions(period: Period) -> list[Decision]:
    """Applications approved or rejected in the period, with the working days the last run of
    the 5-working-day clock took (from the day the receipt counts from to the decision)."""
    closed_days = ClosedDay.objects.as_set()
    rows = []
    for name, received_at, due_on, decided_at in (
        Application.objects.filter(
            status__in=[ApplicationStatus.APPROVED, ApplicationStatus.REJECTED],
            received_at__isnull=False,
            **period.within("decided_at"),
        )
        .order_by("decided_at")
        .values_list("organisation__name", "received_at", "due_on", "decided_at")
    ):
        starts = counting_day(received_at, closed_days)
        decided_on = timezone.localdate(decided_at)
        taken = working_days_left(starts, decided_on, closed_days) if decided_on > starts else 0
        rows.append(Decision(name, starts, due_on, decided_on, taken))
    return rows


def review_time(decided: list[Decision]) -> dict:
    on_time = sum(1 for decision in decided if decision.on_time)
    return {
        "decided": len(decided),
        "median": statistics.median(d.working_days for d in decided) if decided else None,
        "on_time": on_time,
        "on_time_percent": round(100 * on_time / len(decided)) if decided else None,
        "late": [decision for decision in decided if not decision.on_time],
    }


def review_section(period: Period, previous: Period) -> Section:
    now, before = applications(period), applications(previous)
    time_now, time_before = review_time(decisions(period)), review_time(decisions(previous))
    section = Section("review", _("Applications and their review"))
    section.tables.append(
        _compare(
            "applications",
            _("Supplier applications"),
            _("Applications"),
            APPLICATION_ROWS,
            now,
            before,
        )
    )
    section.summary = [
        (_("Applications decided"), time_now["decided"], time_before["decided"]),
        (
            _("Median review time (working days)"),
            time_now["median"],
            time_before["median"],
        ),
        (_("Decided within the due date"), time_now["on_time"], time_before["on_time"]),
        (
            _("Share decided within the due date (%)"),
            time_now["on_time_percent"],
            time_before["on_time_percent"],
        ),
    ]
    section.tables.append(
        Table(
            "review_time",
            _("Review time against the 5-working-day clock"),
            [_("Figure"), _("This period"), _("Previous period")],
            [[str(label), now_, before_] for label, now_, before_ in section.summary],
            chart=False,
        )
    )
    section.tables.append(
        Table(
            "late_decisions",
            _("Decisions after the due date, this period"),
            [
                _("Applicant"),
                _("Counted from"),
                _("Due on"),
                _("Decided on"),
                _("Working days"),
            ],
            [
                [d.organisation, d.received_on, d.due_on, d.decided_on, d.working_days]
                for d in time_now["late"]
            ],
            chart=False,
        )
    )
    return section


def buyers_section(period: Period, previous: Period) -> Section:
    section = Section("buyers", _("Buyers"))
    section.tables.append(
        _compare(
            "buyers_by_type",
            _("Buyers registered, by organisation type"),
            _("Organisation type"),
            OrganisationType.choices,
            buyers_by_type(period),
            buyers_by_type(previous),
        )
    )
    return section


# Suppliers and products


def newly_listed(period: Period, by: str) -> dict:
    """Suppliers first listed in the period, by ``by``: the size group or the district (the
    supplier's registered district as it stands, kept on the supplier)."""
    return _grouped(Supplier.objects.filter(**period.dated("approved_on")), by)


def suppliers_by_pavilion(period: Period) -> dict:
    """Suppliers with a product listed in the pavilion at the end of the period (a product
    listed by then and not delisted on that day)."""
    _first, after = period.instants()
    delisted_then = ProductDelisting.objects.filter(delisted_at__lt=after).filter(
        Q(relisted_at__isnull=True) | Q(relisted_at__gte=after)
    )
    listed_then = Q(products__listed_at__lt=after) & ~Q(
        products__pk__in=delisted_then.values("product")
    )
    return {
        row["pk"]: row["value"]
        for row in Pavilion.objects.values("pk").annotate(
            value=Count("products__supplier", filter=listed_then, distinct=True)
        )
    }


def suppliers_section(period: Period, previous: Period) -> Section:
    pavilions = [(pavilion.pk, pavilion.name) for pavilion in Pavilion.objects.order_by("order")]
    section = Section("suppliers", _("Suppliers and products"))
    section.tables += [
        _compare(
            "suppliers_by_pavilion",
            _("Suppliers with a product listed in the pavilion, at the end of the period"),
            _("Pavilion"),
            pavilions,
            suppliers_by_pavilion(period),
            suppliers_by_pavilion(previous),
        ),
        _compare(
            "suppliers_by_size_group",
            _("Suppliers first listed in the period, by size group"),
            _("Size group"),
            SizeGroup.choices,
            newly_listed(period, "size_group"),
            newly_listed(previous, "size_group"),
        ),
        _compare(
            "suppliers_by_district",
            _("Suppliers first listed in the period, by district"),
            _("District"),
            District.choices,
            newly_listed(period, "district"),
            newly_listed(previous, "district"),
        ),
        _compare(
            "products",
            _("Products listed and delisted"),
            _("Products"),
            [("listed", _("First listed")), ("delisted", _("Delisted"))],
            products_listed_and_delisted(period),
            products_listed_and_delisted(previous),
        ),
        _compare(
            "delisting_reasons",
            _("Reasons for delisting"),
            _("Reason"),
            [*ReturnReason.choices, ("disqualified", _("The supplier was disqualified"))],
            delisting_reasons(period),
            delisting_reasons(previous),
            note=_("A delisting may give several reasons."),
        ),
    ]
    return section


def products_listed_and_delisted(period: Period) -> dict:
    return {
        "listed": Product.objects.filter(**period.within("listed_at")).count(),
        "delisted": ProductDelisting.objects.filter(**period.within("delisted_at")).count(),
    }


def delisting_reasons(period: Period) -> Counter:
    delistings = ProductDelisting.objects.filter(**period.within("delisted_at"))
    counts = Counter(
        reason
        for reasons in delistings.exclude(reasons=[]).values_list("reasons", flat=True)
        for reason in reasons
    )
    counts["disqualified"] = delistings.filter(disqualification__isnull=False).count()
    return counts


# Reports and purchases


def reports_by_outcome(period: Period) -> dict:
    return _grouped(Report.objects.filter(**period.within("received_at")), "status")


def _verified(period: Period):
    return PurchaseRecord.objects.filter(
        status=RecordStatus.VERIFIED, **period.dated("purchased_on")
    )


def purchases_by_month(period: Period) -> list:
    """Verified records and amounts by month of purchase: ``[month, records, amount]``."""
    return [
        [row["month"], row["records"], row["amount"]]
        for row in _verified(period)
        .order_by()
        .annotate(month=TruncMonth("purchased_on"))
        .values("month")
        .annotate(records=Count("pk"), amount=Sum("amount"))
        .order_by("month")
    ]


def purchases_by_buyer_type(period: Period) -> dict:
    return _grouped(_verified(period), "buyer__type", Sum("amount"))


def purchases_by_pavilion(period: Period) -> dict:
    """Verified amounts of the records that name a product of the pavilion (a record naming
    products of two pavilions counts in both; one naming none, under "no product named")."""
    verified = _verified(period)
    amounts = {
        pavilion: verified.filter(products__pavilion=pavilion)
        .order_by()
        .values("pk", "amount")
        .distinct()
        .aggregate(total=Sum("amount"))["total"]
        for pavilion in Pavilion.objects.values_list("pk", flat=True)
    }
    amounts["none"] = verified.filter(products__isnull=True).aggregate(total=Sum("amount"))["total"]
    return {key: value or 0 for key, value in amounts.items()}


def activity_section(period: Period, previous: Period) -> Section:
    section = Section("activity", _("Reports and purchases"))
    pavilions = [(pavilion.pk, pavilion.name) for pavilion in Pavilion.objects.order_by("order")]
    by_month = [
        [date_format(month, "Y-m"), records, amount]
        for month, records, amount in purchases_by_month(period)
    ]
    section.tables += [
        _compare(
            "reports_by_outcome",
            _("Reports received, by outcome so far"),
            _("Outcome"),
            ReportStatus.choices,
            reports_by_outcome(period),
            reports_by_outcome(previous),
        ),
        Table(
            "purchases_by_month",
            _("Verified purchase records by month of purchase"),
            [_("Month"), _("Records"), _("Amount (NT$)")],
            by_month,
            chart=False,
        ),
        _compare(
            "purchases_by_buyer_type",
            _("Verified purchase amounts (NT$) by buyer type"),
            _("Organisation type"),
            OrganisationType.choices,
            purchases_by_buyer_type(period),
            purchases_by_buyer_type(previous),
            money=True,
        ),
        _compare(
            "purchases_by_pavilion",
            _("Verified purchase amounts (NT$) by pavilion of the products bought"),
            _("Pavilion"),
            [*pavilions, ("none", _("No product named"))],
            purchases_by_pavilion(period),
            purchases_by_pavilion(previous),
            money=True,
            note=_("A record naming products of two pavilions counts in both."),
        ),
    ]
    return section


# Activities and courses


def _held(period: Period) -> dict:
    """Filter arguments: the activity started in the period and was not cancelled."""
    return {"status": Activity.Status.SCHEDULED, **period.within("starts_at")}


def activities_held(period: Period) -> dict:
    return _grouped(Activity.objects.filter(**_held(period)), "kind")


def attendees_registered(period: Period) -> dict:
    """Confirmed attendees of the activities held in the period, by kind."""
    return _grouped(
        Attendee.objects.filter(
            registration__status=Registration.Status.CONFIRMED,
            **{f"registration__activity__{key}": value for key, value in _held(period).items()},
        ),
        "registration__activity__kind",
    )


def attendees_checked_in(period: Period) -> dict:
    return _grouped(
        Attendee.objects.filter(
            attended_at__isnull=False,
            **{f"registration__activity__{key}": value for key, value in _held(period).items()},
        ),
        "registration__activity__kind",
    )


def coaching_cases_by_topic(period: Period) -> dict:
    return _grouped(CoachingCase.objects.filter(**period.within("submitted_at")), "topic")


def coaching_cases_by_status(period: Period) -> dict:
    """The cases received in the period, by where they stand now."""
    return _grouped(CoachingCase.objects.filter(**period.within("submitted_at")), "status")


def coaching_hours_by_topic(period: Period) -> dict:
    """Hours of the coaching sessions held in the period, by the case's topic."""
    return _grouped(
        CoachingSession.objects.filter(**period.dated("held_on")), "case__topic", Sum("hours")
    )


def programme_section(period: Period, previous: Period) -> Section:
    section = Section("programme", _("Activities, courses and coaching"))
    for key, title, figure in [
        ("activities_held", _("Activities held, by kind"), activities_held),
        ("attendees_registered", _("Attendees registered, by kind"), attendees_registered),
        ("attendees_checked_in", _("Attendees who came, by kind"), attendees_checked_in),
    ]:
        section.tables.append(
            _compare(
                key,
                title,
                _("Kind"),
                ActivityKind.choices,
                figure(period),
                figure(previous),
            )
        )
    for key, title, label, choices, figure in [
        (
            "coaching_by_topic",
            _("Coaching cases received, by topic"),
            _("Topic"),
            Topic.choices,
            coaching_cases_by_topic,
        ),
        (
            "coaching_by_status",
            _("Coaching cases received, by where they stand now"),
            _("Status"),
            CaseStatus.choices,
            coaching_cases_by_status,
        ),
        (
            "coaching_hours",
            _("Coaching hours held, by topic"),
            _("Topic"),
            Topic.choices,
            coaching_hours_by_topic,
        ),
    ]:
        section.tables.append(
            _compare(key, title, label, choices, figure(period), figure(previous))
        )
    return section


def dashboard(period: Period, *, everything: bool) -> list[Section]:
    """The sections a staff member sees: all of them, or (``everything`` off) the review."""
    previous = period.previous()
    if not everything:
        return [review_section(period, previous)]
    return [
        buyers_section(period, previous),
        review_section(period, previous),
        suppliers_section(period, previous),
        activity_section(period, previous),
        programme_section(period, previous),
    ]
