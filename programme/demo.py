"""Demo data for the activities programme: an upcoming matchmaking meeting with seats left,
and a full workshop with a supplier on its waiting list."""

import datetime

from django.utils import timezone

from accounts.models import Organisation

from .calendar import TAIPEI
from .models import Activity, Registration
from .services import registration_create

UPCOMING = "2027 春季永續採購媒合會"
FULL = "永續包裝體驗工作坊"


def _at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=TAIPEI)


def seed_programme_demo(*, buyer: Organisation, supplier: Organisation) -> None:
    """Idempotent: each activity once, by its Chinese title; registrations only when made."""
    Activity.objects.get_or_create(
        title_zh=UPCOMING,
        defaults={
            "kind": "matchmaking",
            "title_en": "Spring 2027 sustainable purchasing matchmaking",
            "description_zh": "採購方與臺北在地中小企業、新創一對一洽談，採購方享優先報名。",
            "description_en": (
                "One-to-one meetings between buyers and Taipei's small and startup "
                "businesses; buyers register first."
            ),
            "starts_at": _at(21, 14),
            "ends_at": _at(21, 17),
            "venue": "臺北市政府 1 樓中庭",
            "address": "臺北市信義區市府路1號",
            "capacity": 40,
            "attendees_per_organisation": 3,
            "audience": "both",
            "registration_opens_at": _at(2, 9),
            "registration_closes_at": _at(19, 17),
            "buyer_priority": "early",
            "buyers_from": _at(-1, 9),
        },
    )
    full, created = Activity.objects.get_or_create(
        title_zh=FULL,
        defaults={
            "kind": "workshop",
            "title_en": "Sustainable packaging hands-on workshop",
            "description_zh": "動手做可回收的禮盒包裝。",
            "description_en": "Make recyclable gift packaging by hand.",
            "starts_at": _at(10, 10),
            "ends_at": _at(10, 12),
            "venue": "線上",
            "online_url": "https://meet.example.gov.taipei/tops-workshop",
            "capacity": 2,
            "attendees_per_organisation": 2,
            "audience": "both",
            "registration_opens_at": _at(-1, 9),
            "registration_closes_at": _at(9, 17),
        },
    )
    if created:
        registration_create(
            activity=full,
            organisation=buyer,
            by=buyer.account,
            attendees=[("陳採購", "採購經理"), ("林總務", "總務主任")],
        )
        waiting = registration_create(
            activity=full, organisation=supplier, by=supplier.account, attendees=[("張設計", "")]
        )
        if waiting.status != Registration.Status.WAITING:
            raise RuntimeError("the demo workshop should be full")
