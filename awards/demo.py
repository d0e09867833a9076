"""Demo data for the award scheme: an edition covering 2026 and one purchase record."""

import datetime
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Organisation
from suppliers.models import Supplier
from tops.uploads import check_upload

from .models import AwardApplication, CategoryKind, Edition
from .services.editions import edition_ensure_categories, exposure_consent_set
from .services.judging import award_decision_record, edition_results_announce
from .services.records import purchase_record_create

DEMO_EDITION = "2026 台北好購獎勵機制"
DEMO_FINISHED_EDITION = "2025 台北好購獎勵機制"
TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")


def seed_award_demo(*, buyer: Organisation, supplier: Supplier, evidence_pdf: bytes) -> None:
    """Idempotent: the edition once, and the buyer's record only if it has none yet."""
    edition, created = Edition.objects.get_or_create(
        name=DEMO_EDITION,
        defaults={
            "counting_starts_on": datetime.date(2026, 1, 1),
            "counting_ends_on": datetime.date(2026, 12, 31),
            "applications_close_at": datetime.datetime(2027, 1, 29, 17, 0, tzinfo=TAIPEI),
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


def seed_finished_edition(*, buyer: Organisation, organizer) -> None:
    """Idempotent: last year's edition, judged and announced, the demo buyer its consenting
    winner. Its application is made directly: applications for it closed long ago."""
    edition, created = Edition.objects.get_or_create(
        name=DEMO_FINISHED_EDITION,
        defaults={
            "counting_starts_on": datetime.date(2025, 1, 1),
            "counting_ends_on": datetime.date(2025, 12, 31),
            "applications_close_at": datetime.datetime(2026, 1, 30, 17, 0, tzinfo=TAIPEI),
        },
    )
    if not created:
        return
    edition_ensure_categories(edition=edition)
    application = AwardApplication.objects.create(
        edition=edition,
        category=edition.categories.get(kind=CategoryKind.TOTAL_AMOUNT),
        buyer=buyer,
        statement="全年向臺北在地中小企業採購員工禮品與會議餐點。",
        submitted_by=buyer.account,
        submitted_at=datetime.datetime(2026, 1, 20, 10, 0, tzinfo=TAIPEI),
    )
    exposure_consent_set(edition=edition, buyer=buyer, by=buyer.account, consent=True)
    award_decision_record(
        application=application,
        by=organizer,
        is_winner=True,
        rank=1,
        score=93,
        prize_amount=50_000,
        certificate_text="感謝貴單位長期支持臺北市中小企業及新創事業，特頒此證。",
    )
    edition_results_announce(edition=edition, by=organizer)
