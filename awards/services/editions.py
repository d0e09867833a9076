"""Editions' fixed categories, buyers' consent to exposure and award applications."""

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from tops.workflow import StepRefused

from ..models import (
    FIXED_CATEGORY_KINDS,
    AwardApplication,
    AwardCategory,
    Edition,
    ExposureConsent,
    RecordStatus,
)


@transaction.atomic
def edition_ensure_categories(*, edition: Edition) -> None:
    """Every edition has at least the total-amount and Sustainable Prosperity categories."""
    existing = set(edition.categories.values_list("kind", flat=True))
    for kind in FIXED_CATEGORY_KINDS:
        if kind not in existing:
            # Category names are kept in Traditional Chinese, the scheme's own language.
            with translation.override("zh-hant"):
                name = str(kind.label)
            AwardCategory.objects.create(edition=edition, kind=kind, name=name)


@transaction.atomic
def exposure_consent_set(*, edition: Edition, buyer: Organisation, by: User, consent: bool):
    if consent:
        ExposureConsent.objects.get_or_create(
            edition=edition, buyer=buyer, defaults={"given_by": by}
        )
    else:
        ExposureConsent.objects.filter(edition=edition, buyer=buyer).delete()


@transaction.atomic
def award_application_submit(
    *,
    edition: Edition,
    category: AwardCategory,
    buyer: Organisation,
    by: User,
    records,
    statement: str,
) -> AwardApplication:
    Edition.objects.select_for_update().get(pk=edition.pk)
    if timezone.now() >= edition.applications_close_at:
        raise StepRefused(_("Applications for this edition are closed."))
    if category.edition_id != edition.pk:
        raise StepRefused(_("Choose a category of this edition."), field="category")
    records = list(records)
    if not records:
        raise StepRefused(_("Choose at least one purchase record."), field="records")
    for record in records:
        if (
            record.buyer_id != buyer.pk
            or record.status in (RecordStatus.WITHDRAWN, RecordStatus.REJECTED)
            or not edition.counts_on(record.purchased_on)
        ):
            raise StepRefused(
                _("Choose only your own records of this edition's counting period."),
                field="records",
            )
    try:
        with transaction.atomic():
            application = AwardApplication.objects.create(
                edition=edition,
                category=category,
                buyer=buyer,
                statement=statement.strip(),
                submitted_by=by,
            )
    except IntegrityError:
        raise StepRefused(_("You have already applied for this award."), field="category") from None
    application.records.set(records)
    return application
