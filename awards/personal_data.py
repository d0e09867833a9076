"""What the award scheme holds about a buyer (registered with ``accounts.personal_data`` in
``AwardsConfig.ready()``)."""

from django.utils.translation import gettext_lazy as _

from accounts.personal_data import Holding

from .models import AwardApplication, ExposureConsent, PurchaseEvidence, PurchaseRecord

HOLDINGS = [
    Holding(
        "purchase_records",
        lambda organisation: PurchaseRecord.objects.filter(buyer=organisation),
        kept=_(
            "Purchase records with their evidence, and award applications: kept for the award "
            "scheme's verification and audit (壹)."
        ),
    ),
    Holding(
        "purchase_evidence",
        lambda organisation: PurchaseEvidence.objects.filter(record__buyer=organisation),
        fields=("record", "kind", "original_name"),
        files=("file",),
    ),
    Holding(
        "award_applications",
        lambda organisation: AwardApplication.objects.filter(buyer=organisation),
    ),
    Holding(
        "exposure_consents",
        lambda organisation: ExposureConsent.objects.filter(buyer=organisation),
    ),
]
