"""Demo data for the award scheme: an edition covering 2026 and one purchase record."""

import datetime
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Organisation
from suppliers.models import Supplier
from tops.uploads import check_upload

from .models import Edition
from .services.editions import edition_ensure_categories
from .services.records import purchase_record_create

DEMO_EDITION = "2026 台北好購獎勵機制"


def seed_award_demo(*, buyer: Organisation, supplier: Supplier, evidence_pdf: bytes) -> None:
    """Idempotent: the edition once, and the buyer's record only if it has none yet."""
    edition, created = Edition.objects.get_or_create(
        name=DEMO_EDITION,
        defaults={
            "counting_starts_on": datetime.date(2026, 1, 1),
            "counting_ends_on": datetime.date(2026, 12, 31),
            "applications_close_at": datetime.datetime(
                2027, 1, 29, 17, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Taipei")
            ),
        },
    )
    if created:
        edition_ensure_categories(edition=edition)
    if buyer.purchase_records.exists():
        return
    purchase_record_create(
        buyer=buyer,
        by=buyer.account,
        supplier=supplier,
        purchased_on=supplier.approved_on + datetime.timedelta(days=8),
        amount=48_000,
        description="中秋節員工禮盒：天然保健食品 40 盒",
        impacts=["local_procurement"],
        impact_description="向臺北在地新創採購，原料來自臺灣小農。",
        evidence=[
            (
                "invoice_or_receipt",
                check_upload(SimpleUploadedFile("發票.pdf", evidence_pdf, "application/pdf")),
            )
        ],
    )
