"""Demo data: an announcement (the published pages come from the migrations)."""

import datetime
import zoneinfo

from .models import Announcement

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
DEMO_TITLE = "每館可上架數量準則"


def seed_publications_demo() -> None:
    """Idempotent: the announcement once."""
    Announcement.objects.get_or_create(
        title_zh=DEMO_TITLE,
        defaults={
            "title_en": "How many products each pavilion may list",
            "body_zh": (
                "依簡章參.二(一)2，每館可上架數量準則以本網站公告為準：\n\n"
                "- 每家供應方於每一主題館最多上架 10 件產品或服務。\n"
                "- 每 1 件產品服務以上架單一館別為原則。"
            ),
            "body_en": (
                "As the rules (參.二(一)2) say, this portal announces how many products each "
                "pavilion may list:\n\n"
                "- Each supplier lists at most 10 products or services per pavilion.\n"
                "- Each product or service is listed in one pavilion."
            ),
            "published_at": datetime.datetime(2026, 11, 2, 9, 0, tzinfo=TAIPEI),
            "pinned": True,
        },
    )
