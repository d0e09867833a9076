"""A supplier's products, and their moderation (參.二(一)2, 參.二(六))."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from accounts.models import User
from activity.models import ActivityKind
from activity.services import activity_record, hold_release, hold_require, hold_take
from suppliers import upkeep
from suppliers.models import Supplier
from suppliers.notices import send_notice, send_private_mail
from tops.catalogue import catalogue_changed
from tops.uploads import CheckedUpload
from tops.workflow import StepRefused, require_permission

from . import images
from .models import (
    COUNTING_TOWARDS_QUOTA,
    Pavilion,
    PictureUpload,
    Product,
    ProductDelisting,
    ProductImage,
    ProductStatus,
    ProductVersion,
    ReturnReason,
)
from .permissions import MODERATE_PRODUCT
from .search import product_index

MAX_PICTURES = 8
FAILED_PICTURE = _(
    "A picture could not be processed: it may be damaged. Please remove it and upload it again."
)
CONTENT_FIELDS = (
    "name",
    "summary",
    "name_en",
    "summary_en",
    "description",
    "specifications",
    "price",
    "price_on_request",
)


@dataclass(frozen=True)
class Picture:
    """A picture for a new version: a fresh upload (or one held on the form since it was
    chosen), or one carried over from the last version."""

    alt_text: str
    upload: CheckedUpload | PictureUpload | None = None
    existing: ProductImage | None = None


def _require_active(supplier: Supplier):
    if not supplier.is_listed:
        raise StepRefused(_("Only an active supplier can list products."))


def _counts(status: str) -> bool:
    return status in COUNTING_TOWARDS_QUOTA


def _require_quota(supplier: Supplier, pavilion: Pavilion, *, moving: Product | None = None):
    """Called with the supplier's row locked, so that two quick submissions cannot both pass."""
    counted = supplier.products.counting_towards_quota().filter(pavilion=pavilion)
    if moving is not None:
        counted = counted.exclude(pk=moving.pk)
    if counted.count() >= pavilion.quota:
        raise StepRefused(
            ngettext(
                "The %(pavilion)s pavilion allows %(quota)s product per supplier, listed or "
                "awaiting review, and you already have it.",
                "The %(pavilion)s pavilion allows %(quota)s products per supplier, listed or "
                "awaiting review, and you already have %(quota)s there.",
                pavilion.quota,
            )
            % {"pavilion": pavilion.name, "quota": pavilion.quota}
        )


def _new_version(product, *, by, content: dict, pictures: list[Picture]) -> ProductVersion:
    """Called with the product's row locked (or the product new), so that the pictures carried
    over are read as they are now: a worker settles a picture under the same lock."""
    if not 1 <= len(pictures) <= MAX_PICTURES:
        raise StepRefused(_("A product needs 1 to 8 pictures."))
    if any(not picture.alt_text.strip() for picture in pictures):
        raise StepRefused(_("Every picture needs a description (alt text)."))
    kept = ProductImage.objects.filter(version__product=product).in_bulk(
        [picture.existing.pk for picture in pictures if picture.existing is not None]
    )
    if any(image.state == ProductImage.State.FAILED for image in kept.values()):
        raise StepRefused(FAILED_PICTURE)
    product.versions.filter(review=ProductVersion.Review.PENDING).update(
        review=ProductVersion.Review.SUPERSEDED
    )
    version = ProductVersion.objects.create(product=product, submitted_by=by, **content)
    for position, picture in enumerate(pictures):
        image = ProductImage(version=version, position=position, alt_text=picture.alt_text.strip())
        if picture.upload is not None:
            images.picture_store(image, picture.upload)
        else:
            images.picture_carry_over(image, kept[picture.existing.pk])
        image.save()
        images.queue_on_commit(image)
    return version


@transaction.atomic
def product_create(
    *, supplier: Supplier, by: User, pavilion: Pavilion, content: dict, pictures: list[Picture]
) -> Product:
    """A new product waits for review; it counts towards its pavilion's quota at once."""
    supplier = Supplier.objects.select_for_update().get(pk=supplier.pk)
    _require_active(supplier)
    _require_quota(supplier, pavilion)
    product = Product.objects.create(supplier=supplier, pavilion=pavilion)
    _new_version(product, by=by, content=content, pictures=pictures)
    return product


@transaction.atomic
def product_edit(
    *,
    product: Product,
    by: User,
    content: dict,
    pictures: list[Picture],
    pavilion: Pavilion | None = None,
) -> ProductVersion:
    """Submit a changed product for review. A listed product stays public as it was until the
    change is listed; the pavilion of a listed product does not change."""
    supplier = Supplier.objects.select_for_update().get(pk=product.supplier_id)
    _require_active(supplier)
    product = Product.objects.select_for_update().get(pk=product.pk)
    moving = pavilion is not None and pavilion != product.pavilion
    if moving and product.status == ProductStatus.LISTED:
        raise StepRefused(_("A listed product stays in its pavilion."))
    status = Product.workflow.target(product, "edit")
    if moving or (not _counts(product.status) and _counts(status)):
        # A returned product sent back takes a place again, which may have been filled since.
        _require_quota(supplier, pavilion or product.pavilion, moving=product)
    if moving:
        product.pavilion = pavilion
    product.status = status
    product.save()
    return _new_version(product, by=by, content=content, pictures=pictures)


@transaction.atomic
def version_take(*, version: ProductVersion, by: User, from_colleague: bool = False):
    """A reviewer takes a submitted version to moderate it, so that two don't work on it
    unknowingly; taking it over from a colleague is asked for explicitly and tells them."""
    require_permission(by, MODERATE_PRODUCT)
    product = Product.objects.select_for_update().get(pk=version.product_id)
    version = ProductVersion.objects.select_for_update().get(pk=version.pk)
    if version.review != ProductVersion.Review.PENDING:
        raise StepRefused(_("Only a version awaiting review can be taken."))
    return hold_take(subject=product, by=by, from_colleague=from_colleague)


@transaction.atomic
def version_list(*, version: ProductVersion, by: User) -> Product:
    """A reviewer lists a submitted version: it becomes what the public sees."""
    require_permission(by, MODERATE_PRODUCT)
    # The supplier's row, the product's, then the version's: the order every step on a
    # product (and the worker settling its pictures) takes them in, so that two never wait
    # on each other.
    supplier = Supplier.objects.select_for_update().get(pk=version.product.supplier_id)
    product = Product.objects.select_for_update().get(pk=version.product_id)
    version = ProductVersion.objects.select_for_update().get(pk=version.pk)
    version.review = ProductVersion.workflow.target(version, "list")
    hold_require(subject=product, by=by)
    _require_active(supplier)
    if not _counts(product.status):
        _require_quota(supplier, product.pavilion, moving=product)
    _require_pictures_ready(version)
    now = timezone.now()
    relisting = product.status == ProductStatus.DELISTED
    if relisting:
        product.delistings.filter(relisted_at__isnull=True).update(
            relisted_by=by, relisted_at=now, relisted_version=version
        )
    if product.published_id:
        ProductVersion.objects.filter(pk=product.published_id).update(
            review=ProductVersion.Review.SUPERSEDED
        )
    version.reviewed_by, version.reviewed_at = by, now
    version.save()
    product.published = version
    product.status = ProductStatus.LISTED
    product.listed_at = product.listed_at or now
    product_index(product, version, product.supplier)
    product.save()
    catalogue_changed()
    hold_release(subject=product)
    _notify(product, "catalog/email/product_listed", version=version, relisted=relisting)
    activity_record(
        kind=ActivityKind.DECISION,
        by=by,
        action=gettext_noop("Listed a product"),
        subject=product,
    )
    return product


def _require_pictures_ready(version: ProductVersion):
    """The reviewer lists what they have seen: no picture still processing, none failed."""
    states = set(version.images.values_list("state", flat=True))
    if ProductImage.State.PROCESSING in states:
        raise StepRefused(
            _(
                "The pictures are still being processed. Reload the page in a moment and list "
                "the product once you have seen them."
            )
        )
    if ProductImage.State.FAILED in states:
        raise StepRefused(
            _(
                "A picture could not be processed. Return the product so that the supplier "
                "uploads it again."
            )
        )


@transaction.atomic
def version_return(*, version: ProductVersion, by: User, reasons: list[str], note: str = ""):
    """A reviewer returns a submitted version with the brochure's reasons; a listed product
    stays listed as it was."""
    require_permission(by, MODERATE_PRODUCT)
    if not reasons:
        raise StepRefused(_("Choose at least one reason."))
    product = Product.objects.select_for_update().get(pk=version.product_id)  # product first
    version = ProductVersion.objects.select_for_update().get(pk=version.pk)
    version.review = ProductVersion.workflow.target(version, "return")
    hold_require(subject=product, by=by)
    version.return_reasons, version.return_note = reasons, note
    version.reviewed_by, version.reviewed_at = by, timezone.now()
    version.save()
    if product.status == ProductStatus.PENDING:
        product.status = ProductStatus.RETURNED
        product.save()
    hold_release(subject=product)
    _notify(
        product,
        "catalog/email/product_returned",
        version=version,
        reasons=[ReturnReason(reason).label for reason in reasons],
    )
    activity_record(
        kind=ActivityKind.DECISION,
        by=by,
        action=gettext_noop("Returned a product for changes"),
        subject=product,
        note=", ".join(reasons) + (f": {note}" if note else ""),
    )
    return version


@transaction.atomic
def product_delist(
    *, product: Product, by: User, reasons: list[str], note: str, disqualification=None
) -> ProductDelisting:
    """Take a product off every public page at once (參.二(六)); the supplier is told why and
    may fix it and submit it again. A disqualification delists without reasons of its own."""
    if disqualification is None:
        require_permission(by, MODERATE_PRODUCT)
    if not reasons and disqualification is None:
        raise StepRefused(_("Choose at least one reason."))
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.status == ProductStatus.DELISTED:
        raise StepRefused(_("This product is already delisted."))
    status = Product.workflow.target(
        product, "delist" if disqualification is None else "take_down_with_supplier"
    )
    delisting = ProductDelisting.objects.create(
        product=product,
        reasons=reasons,
        note=note,
        disqualification=disqualification,
        delisted_by=by,
    )
    product.status = status
    product.save(update_fields=["status", "updated_at"])
    catalogue_changed()
    if disqualification is None:
        # A change sent in before the delisting did not answer its reasons: only a version
        # submitted afterwards can relist the product.
        product.versions.filter(review=ProductVersion.Review.PENDING).update(
            review=ProductVersion.Review.SUPERSEDED
        )
        _notify(
            product,
            "catalog/email/product_delisted",
            delisting=delisting,
            reasons=delisting.reason_labels,
        )
    activity_record(
        kind=ActivityKind.DELISTING,
        by=by,
        action=gettext_noop("Delisted a product")
        if disqualification is None
        else gettext_noop("Delisted a product with its supplier's disqualification"),
        subject=product,
        note=", ".join(reasons) + (f": {note}" if note else ""),
    )
    return delisting


@transaction.atomic
def products_delist_for_overdue_update(*, supplier: Supplier, by: User) -> list:
    """A reviewer's decision for a supplier whose yearly update is overdue (參.二(二)10), never
    an automatic one; the products stay delisted until the supplier updates and resubmits."""
    require_permission(by, MODERATE_PRODUCT)
    if not upkeep.is_overdue(supplier, timezone.localdate()):
        raise StepRefused(_("This supplier's yearly update is not overdue."))
    return [
        product_delist(
            product=product,
            by=by,
            reasons=[ReturnReason.YEARLY_UPDATE_OVERDUE],
            note=_("Confirm or update your information on the dashboard, then resubmit."),
        )
        for product in supplier.products.filter(status=ProductStatus.LISTED)
    ]


def products_take_down_with_supplier(*, disqualification, by: User) -> list[Product]:
    """The disqualified supplier's listed and waiting products leave with it, in its transaction."""
    products = disqualification.supplier.products.filter(
        status__in=[ProductStatus.LISTED, ProductStatus.PENDING]
    )
    return [
        product_delist(
            product=product, by=by, reasons=[], note="", disqualification=disqualification
        ).product
        for product in products.select_for_update()
    ]


def products_back_to_review(*, disqualification, by: User) -> list[Product]:
    """After a successful appeal: each product the disqualification delisted waits for a
    reviewer again, as it was last listed unless the supplier had submitted a change."""
    products = []
    for delisting in disqualification.delistings.filter(relisted_at__isnull=True).select_related(
        "product__published"
    ):
        product = delisting.product
        has_pending = product.versions.filter(review=ProductVersion.Review.PENDING).exists()
        if product.published_id and not has_pending:
            published = product.published
            _new_version(
                product,
                by=by,
                content={field: getattr(published, field) for field in CONTENT_FIELDS},
                pictures=[
                    Picture(alt_text=image.alt_text, existing=image)
                    for image in published.images.all()
                ],
            )
        products.append(product)
    return products


def products_reindex_for_supplier(supplier: Supplier, renamed: bool) -> None:
    """The search text of a supplier's published products carries its name."""
    if not renamed:
        return
    catalogue_changed()
    for product in supplier.products.filter(published__isnull=False).select_related("published"):
        version = product.published
        product.save(update_fields=product_index(product, version, supplier))


def _notify(product, template, **context):
    account = product.supplier.organisation.account
    send_notice(
        to=account.email,
        template=template,
        context={"product": product, "supplier": product.supplier, **context},
        language=account.preferred_language,
    )


@transaction.atomic
def inquiry_send(*, product: Product, buyer, by: User, subject: str, message: str):
    """A buyer asks a supplier about a product; the supplier is mailed, with the buyer's
    organisation and contact window, and both keep it in their inbox on the portal."""
    from .models import Inquiry

    if product.supplier.organisation_id == buyer.pk:
        raise StepRefused(_("This is your own product."))
    inquiry = Inquiry.objects.create(
        product=product, buyer=buyer, supplier=product.supplier, subject=subject, message=message
    )
    # The text stays between the two organisations: not kept as a notice staff read.
    account = product.supplier.organisation.account
    send_private_mail(
        to=account.email,
        template="catalog/email/inquiry",
        context={
            "product": product,
            "supplier": product.supplier,
            "inquiry": inquiry,
            "buyer": buyer,
        },
        language=account.preferred_language,
    )
    return inquiry
