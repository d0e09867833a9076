import datetime
import statistics

from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils import timezone

from accounts.models import Organisation
from awards.models import PurchaseRecord, RecordStatus
from catalog.models import Product, public_products
from catalog.selectors import pavilions_with_counts
from suppliers.eligibility import SizeGroup
from suppliers.models import Supplier

from .models import FiguresSnapshot
from .periods import Period
from .selectors import decisions


def public_figures(today: datetime.date) -> dict:
    """The public statistics page's figures, all already public or counts of public things."""
    listed = Supplier.objects.listed()
    by_group = dict(
        listed.order_by()
        .values_list("size_group")
        .annotate(count=Count("pk"))
        .values_list("size_group", "count")
    )
    year_ago = Period(today - datetime.timedelta(days=365), today)
    review_days = [decision.working_days for decision in decisions(year_ago)]
    verified = PurchaseRecord.objects.filter(status=RecordStatus.VERIFIED)
    quarters = (
        verified.order_by()
        .annotate(year=ExtractYear("purchased_on"), quarter=ExtractQuarter("purchased_on"))
        .values("year", "quarter")
        .annotate(amount=Sum("amount"), records=Count("pk"))
        .order_by("year", "quarter")
    )
    return {
        "suppliers": listed.count(),
        "products": Product.objects.public().count(),
        "buyers": Organisation.objects.count(),
        "verified_amount": verified.aggregate(total=Sum("amount"))["total"] or 0,
        "suppliers_by_group": [[group, by_group.get(group, 0)] for group in SizeGroup.values],
        "suppliers_by_pavilion": [
            [pavilion.code, pavilion.name_zh, pavilion.name_en, pavilion.suppliers]
            for pavilion in pavilions_with_counts()
            .annotate(
                suppliers=Count(
                    "products__supplier", filter=public_products("products__"), distinct=True
                )
            )
            .order_by("order", "code")
        ],
        "amounts_by_quarter": [
            [f"{row['year']} Q{row['quarter']}", row["amount"], row["records"]] for row in quarters
        ],
        "review_days_mean": round(statistics.mean(review_days), 1) if review_days else None,
        "review_decisions": len(review_days),
    }


@transaction.atomic
def figures_snapshot_take(*, today: datetime.date | None = None) -> FiguresSnapshot:
    """Compute the public figures of ``today`` (once a day; a second run replaces them)."""
    today = today or timezone.localdate()
    snapshot, _created = FiguresSnapshot.objects.update_or_create(
        taken_on=today,
        defaults={"figures": public_figures(today), "taken_at": timezone.now()},
    )
    return snapshot
