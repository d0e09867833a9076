import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from suppliers.models import Supplier
from suppliers.permissions import DISQUALIFY_SUPPLIER
from tops.languages import in_page_language
from tops.models import TimeStampedModel
from tops.private_files import PrivateFile
from tops.storage import get_private_storage
from tops.workflow import Step, Workflow

from .permissions import MODERATE_PRODUCT


class Pavilion(models.Model):
    """A theme pavilion (館別, 參.二(一)2); organizers edit its texts, order and quota."""

    code = models.SlugField(_("code"), unique=True)
    name_zh = models.CharField(_("name (Traditional Chinese)"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=80)
    description_zh = models.TextField(_("description (Traditional Chinese)"))
    description_en = models.TextField(_("description (English)"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # 參.二(一)2: 每館可上架數量準則以本網站公告為準.
    quota = models.PositiveSmallIntegerField(
        _("listing quota per supplier"),
        default=5,
        help_text=_("How many products one supplier may have listed or awaiting review here."),
    )

    class Meta:
        verbose_name = _("pavilion")
        verbose_name_plural = _("pavilions")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quota__gte=1), name="pavilion_quota_positive")
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return in_page_language(self.name_zh, self.name_en)

    @property
    def description(self) -> str:
        return in_page_language(self.description_zh, self.description_en)


class ProductStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    LISTED = "listed", _("Listed")
    RETURNED = "returned", _("Returned for changes")
    DELISTED = "delisted", _("Delisted")


COUNTING_TOWARDS_QUOTA = (ProductStatus.PENDING, ProductStatus.LISTED, ProductStatus.DELISTED)


def public_products(prefix: str = "") -> Q:
    """What the public may see: listed products of active suppliers. ``prefix`` reaches the
    products from another model (``"products__"`` from a pavilion)."""
    return Q(
        **{
            f"{prefix}status": ProductStatus.LISTED,
            f"{prefix}published__isnull": False,
            f"{prefix}supplier__status": Supplier.Status.ACTIVE,
        }
    )


class ProductQuerySet(models.QuerySet):
    def public(self):
        """Every public page, the sitemap and search start here."""
        return self.filter(public_products())

    def counting_towards_quota(self):
        """A delisted product keeps its place: it comes back once fixed."""
        return self.filter(status__in=COUNTING_TOWARDS_QUOTA)


def _product_workflow() -> Workflow:
    S = ProductStatus
    return Workflow(
        steps={
            # The supplier's edit waits as a new version; a returned product waits again.
            "edit": Step(
                {
                    S.PENDING: S.PENDING,
                    S.LISTED: S.LISTED,
                    S.RETURNED: S.PENDING,
                    S.DELISTED: S.DELISTED,
                }
            ),
            "delist": Step({S.LISTED: S.DELISTED}, by=MODERATE_PRODUCT),
            # A disqualification takes every product of the supplier down with it.
            "take_down_with_supplier": Step(
                {S.LISTED: S.DELISTED, S.PENDING: S.DELISTED, S.RETURNED: S.DELISTED},
                by=DISQUALIFY_SUPPLIER,
            ),
        },
        refusal=_("Only a listed product can be delisted."),
        is_owner=lambda product, user: product.supplier.organisation.account_id == user.pk,
    )


class Product(TimeStampedModel):
    """A supplier's product or service. The public sees its published version; an edit waits
    as a new version until a reviewer lists it."""

    Status = ProductStatus
    workflow = _product_workflow()

    supplier = models.ForeignKey(
        Supplier, on_delete=models.PROTECT, related_name="products", verbose_name=_("supplier")
    )
    pavilion = models.ForeignKey(
        Pavilion, on_delete=models.PROTECT, related_name="products", verbose_name=_("pavilion")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProductStatus.choices, default=ProductStatus.PENDING
    )
    published = models.OneToOneField(
        "ProductVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published version"),
    )
    listed_at = models.DateTimeField(_("first listed at"), null=True, blank=True, db_index=True)
    # Kept by catalog.search for the published version; see that module.
    search_text = models.TextField(blank=True, editable=False)
    search_bigrams = models.TextField(blank=True, editable=False)
    search_name = models.TextField(blank=True, editable=False)
    search_summary = models.TextField(blank=True, editable=False)
    search_supplier = models.TextField(blank=True, editable=False)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product or service")
        verbose_name_plural = _("products and services")
        ordering = ["-listed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ProductStatus.values), name="product_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="listed") | Q(published__isnull=False),
                name="listed_product_has_a_published_version",
            ),
        ]

    def __str__(self):
        version = self.published or self.latest_version
        return version.name if version else f"#{self.pk}"

    @property
    def is_listed(self) -> bool:
        return self.status == ProductStatus.LISTED

    @property
    def latest_version(self):
        return self.versions.order_by("-pk").first()


class ReturnReason(models.TextChoices):
    """Why a product is returned or delisted (參.二(六)); the last applies to delisting only."""

    WRONG_PAVILION = "wrong_pavilion", _("Listed in the wrong pavilion")
    TOO_LITTLE_INFORMATION = "too_little_information", _("Too little text or too few pictures")
    INFORMATION_MISMATCH = "information_mismatch", _("The page does not match the product")
    MORE_THAN_ONE_PAVILION = "more_than_one_pavilion", _("Listed in more than one pavilion")
    FALSE_ADVERTISING = (
        "false_advertising",
        _("False advertising (Fair Trade Act, Article 21, paragraph 1)"),
    )
    FOOD_SAFETY = "food_safety", _("Violates food-safety law")
    BANNED_ONLINE = "banned_online", _("Goods banned from online sale")
    INTELLECTUAL_PROPERTY = (
        "intellectual_property",
        _("Infringes another's intellectual property or other legal rights (參.二(二)7)"),
    )
    YEARLY_UPDATE_OVERDUE = (
        "yearly_update_overdue",
        _("The supplier's information was not updated for over a year (參.二(二)5, 10)"),
    )


RETURN_REASONS = [choice for choice in ReturnReason.choices if choice[0] != "yearly_update_overdue"]


class VersionReview(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")
    SUPERSEDED = "superseded", _("Replaced by a later version")


def _version_workflow() -> Workflow:
    R = VersionReview
    return Workflow(
        steps={
            "list": Step({R.PENDING: R.APPROVED}, by=MODERATE_PRODUCT),
            "return": Step({R.PENDING: R.RETURNED}, by=MODERATE_PRODUCT),
        },
        refusal=_("This version has already been reviewed."),
        state="review",
    )


class ProductVersion(models.Model):
    """The text of a product as submitted once; approved versions are what the public saw."""

    Review = VersionReview
    workflow = _version_workflow()

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="versions", verbose_name=_("product")
    )
    name = models.CharField(_("name"), max_length=120)
    summary = models.CharField(_("one-line summary"), max_length=200)
    name_en = models.CharField(
        _("name in English"),
        max_length=120,
        blank=True,
        help_text=_("Optional. Shown on the English pages; the Chinese name is shown otherwise."),
    )
    summary_en = models.CharField(
        _("summary in English"),
        max_length=200,
        blank=True,
        help_text=_("Optional. Shown on the English pages and found by searches in English."),
    )
    description = models.TextField(_("description"))
    specifications = models.TextField(_("specifications"), blank=True)
    price = models.PositiveIntegerField(_("price (NT$)"), null=True, blank=True)
    price_on_request = models.BooleanField(_("price on request"), default=False)
    review = models.CharField(
        _("review"), max_length=20, choices=Review.choices, default=Review.PENDING
    )
    return_reasons = models.JSONField(_("reasons for returning"), default=list, blank=True)
    return_note = models.TextField(_("reviewer's note"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("product version")
        verbose_name_plural = _("product versions")
        ordering = ["-pk"]
        permissions = [("moderate_product", _("Can list and return products"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(review__in=["pending", "approved", "returned", "superseded"]),
                name="product_version_review_valid",
            ),
            models.CheckConstraint(
                condition=Q(price_on_request=True, price__isnull=True)
                | Q(price_on_request=False, price__isnull=False),
                name="product_version_price_or_on_request",
            ),
            models.UniqueConstraint(
                fields=["product"],
                condition=Q(review="pending"),
                name="one_pending_version_per_product",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the page's language: the English one on English pages, when given."""
        return in_page_language(self.name, self.name_en)

    @property
    def display_summary(self) -> str:
        return in_page_language(self.summary, self.summary_en)

    @property
    def return_reason_labels(self) -> list[str]:
        return [ReturnReason(reason).label for reason in self.return_reasons]


class ProductDelisting(models.Model):
    """A product taken off the public site (商品下架, 參.二(六)), until a reviewer relists a
    fixed version. A disqualification delists all the supplier's products at once."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="delistings", verbose_name=_("product")
    )
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    note = models.TextField(_("reviewer's note"), blank=True)
    disqualification = models.ForeignKey(
        "suppliers.Disqualification",
        on_delete=models.PROTECT,
        related_name="delistings",
        null=True,
        blank=True,
        verbose_name=_("disqualification"),
    )
    delisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("delisted by"),
    )
    delisted_at = models.DateTimeField(_("delisted at"), default=timezone.now)
    relisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("relisted by"),
    )
    relisted_at = models.DateTimeField(_("relisted at"), null=True, blank=True)
    relisted_version = models.ForeignKey(
        "ProductVersion",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("version relisted"),
    )

    class Meta:
        verbose_name = _("delisting")
        verbose_name_plural = _("delistings")
        ordering = ["-delisted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["product"],
                condition=Q(relisted_at__isnull=True),
                name="one_open_delisting_per_product",
            ),
            models.CheckConstraint(
                condition=~Q(reasons=[]) | Q(disqualification__isnull=False),
                name="delisting_has_reasons_or_a_disqualification",
            ),
        ]

    def __str__(self):
        return f"{self.product} ({timezone.localdate(self.delisted_at):%Y-%m-%d})"

    @property
    def reason_labels(self) -> list[str]:
        return [ReturnReason(reason).label for reason in self.reasons]

    @property
    def is_open(self) -> bool:
        return self.relisted_at is None


def _image_path(instance, filename):
    return f"products/{uuid.uuid4().hex}{filename[filename.rfind('.') :]}"


def _original_path(instance, filename):
    return f"product-originals/{uuid.uuid4().hex}{filename[filename.rfind('.') :]}"


def _upload_path(instance, filename):
    return f"product-pictures/{uuid.uuid4().hex}{filename[filename.rfind('.') :]}"


class PictureUpload(PrivateFile):
    """A product picture as the supplier uploaded it, checked from its header only: kept in the
    private store (it still carries its metadata) until a worker has made its renditions, then
    deleted. The pictures of later versions that carry it over share it.

    Chosen on the product form, it is held for the account that chose it until the form is
    sent without errors, so that no error elsewhere on the form costs the supplier its pictures.
    """

    file = models.FileField(
        _("file"), storage=get_private_storage, upload_to=_upload_path, max_length=200
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="held_pictures",
        verbose_name=_("held on the product form of"),
    )

    class Meta:
        verbose_name = _("uploaded product picture")
        verbose_name_plural = _("uploaded product pictures")

    def readable_by(self, user) -> bool:
        # Only the supplier who chose it sees it, while it waits on their form; the public
        # sees the renditions.
        return self.held_by_id is not None and self.held_by_id == user.pk


class PictureState(models.TextChoices):
    PROCESSING = "processing", _("Processing")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be processed")


class ProductImage(models.Model):
    """One picture of a product version. Uploaded, it is processing until a worker has resized
    it into the widths pages use (``catalog.images``); only a ready picture is shown."""

    WIDTHS = (320, 640, 1280)
    State = PictureState

    version = models.ForeignKey(
        ProductVersion, on_delete=models.CASCADE, related_name="images", verbose_name=_("version")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    alt_text = models.CharField(_("description of the picture (alt text)"), max_length=200)
    state = models.CharField(
        _("state"), max_length=20, choices=PictureState.choices, default=PictureState.PROCESSING
    )
    upload = models.ForeignKey(
        PictureUpload,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pictures",
        verbose_name=_("uploaded file"),
    )
    # When a worker was last asked to make the renditions, or started to: the sweep asks again
    # when that is long past.
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    small = models.ImageField(
        upload_to=_image_path, width_field="small_width", height_field="small_height", blank=True
    )
    small_width = models.PositiveIntegerField(null=True)
    small_height = models.PositiveIntegerField(null=True)
    medium = models.ImageField(
        upload_to=_image_path, width_field="medium_width", height_field="medium_height", blank=True
    )
    medium_width = models.PositiveIntegerField(null=True)
    medium_height = models.PositiveIntegerField(null=True)
    large = models.ImageField(
        upload_to=_image_path, width_field="large_width", height_field="large_height", blank=True
    )
    large_width = models.PositiveIntegerField(null=True)
    large_height = models.PositiveIntegerField(null=True)
    # The picture at full resolution, re-encoded without its metadata, for the city's
    # promotion material (參.二(二)8): private, downloaded by staff in a supplier's media kit.
    original = models.FileField(
        _("full-resolution picture"),
        storage=get_private_storage,
        upload_to=_original_path,
        max_length=200,
        blank=True,
    )

    class Meta:
        verbose_name = _("product picture")
        verbose_name_plural = _("product pictures")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="one_picture_per_position"
            ),
            models.CheckConstraint(condition=~Q(alt_text=""), name="product_picture_has_alt_text"),
            models.CheckConstraint(
                condition=Q(state__in=PictureState.values), name="product_picture_state_valid"
            ),
            models.CheckConstraint(
                condition=~Q(state="ready") | (~Q(small="") & ~Q(medium="") & ~Q(large="")),
                name="ready_picture_has_its_renditions",
            ),
            models.CheckConstraint(
                condition=~Q(state="processing") | Q(upload__isnull=False),
                name="processing_picture_has_its_upload",
            ),
        ]
        indexes = [
            models.Index(
                fields=["queued_at"],
                condition=Q(state="processing"),
                name="picture_processing_queued",
            )
        ]

    def __str__(self):
        return self.alt_text

    @property
    def is_ready(self) -> bool:
        return self.state == PictureState.READY

    @property
    def srcset(self) -> str:
        return ", ".join(
            f"{field.url} {width}w"
            for field, width in (
                (self.small, self.small_width),
                (self.medium, self.medium_width),
                (self.large, self.large_width),
            )
            if field
        )


class Inquiry(models.Model):
    """A buyer's question about a product, sent to its supplier and kept in both inboxes."""

    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="inquiries", verbose_name=_("product")
    )
    buyer = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="inquiries_sent",
        verbose_name=_("buyer"),
    )
    supplier = models.ForeignKey(
        Supplier, on_delete=models.PROTECT, related_name="inquiries", verbose_name=_("supplier")
    )
    subject = models.CharField(_("subject"), max_length=150)
    message = models.TextField(_("message"), max_length=5000)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["-sent_at"]

    def __str__(self):
        # Not the subject: staff lists and logs name the inquiry without what it says.
        return _("Inquiry no. %(number)s") % {"number": self.pk}
