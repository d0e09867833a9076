"""Demo data for coaching: a case with a consultant assigned and one session proposed."""

import datetime

from django.utils import timezone

from suppliers.models import Supplier

from .services import case_assign, case_submit, session_propose


def seed_coaching_demo(*, supplier: Supplier, reviewer) -> None:
    """Idempotent: only when the supplier has no coaching case yet."""
    if supplier.coaching_cases.exists():
        return
    case = case_submit(
        supplier=supplier,
        by=supplier.organisation.account,
        topic="brand_marketing",
        needs="想為新產品線建立品牌故事，並規劃社群與電商的行銷方式。",
        preferred_times="週二或週四下午",
    )
    case_assign(case=case, by=reviewer, coach_name="王顧問（好設計品牌顧問公司）")
    starts_at = timezone.localtime() + datetime.timedelta(days=10)
    session_propose(
        case=case,
        by=reviewer,
        starts_at=starts_at.replace(hour=14, minute=0, second=0, microsecond=0),
        place="臺北市政府產業發展局 會議室",
        online_url="https://meet.example.com/tops-coaching",
    )
