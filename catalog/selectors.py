"""What the public pages show, each in a fixed number of queries. A picture is shown once it
is ready: one still processing (or failed) is left out, never linked."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from suppliers.eligibility import SizeGroup
from tops.catalogue import cached_for_version

from .models import Pavilion, Product, ProductImage, ProductVersion, public_products
from .search import INDEX_FIELDS

SORTS = {"newest": ("-listed_at", "-pk"), "name": ("published__name", "pk")}


def product_cards(queryset):
    """Everything a product card shows: name, summary, price, cover picture, supplier, pavilion."""
    return (
        queryset.select_related("published", "supplier", "pavilion")
        .defer(*INDEX_FIELDS)
        .prefetch_related(
            Prefetch(
                "published__images",
                queryset=ProductImage.objects.filter(position=0, state=ProductImage.State.READY),
                to_attr="covers",
            )
        )
    )


def address_before_id(name: str) -> str:
    """The address of the page ``name`` (which takes an id) up to the id, reversed once for a
    whole list rather than per entry."""
    return reverse(name, args=[0])[:-2]


def all_pavilions(request=None) -> list[Pavilion]:
    """The pavilions in their order, read once per catalogue version (shared: read only)."""
    return cached_for_version("pavilions", lambda: list(Pavilion.objects.all()), request=request)


def pavilions_with_counts():
    return Pavilion.objects.annotate(listed=Count("products", filter=public_products("products__")))


def newest_products(count=8):
    return Product.objects.public().order_by("-listed_at", "-pk")[:count]


def filtered(queryset, *, size_group: str | None = None, sort: str | None = None):
    if size_group in SizeGroup.values:
        queryset = queryset.filter(supplier__size_group=size_group)
    if sort in SORTS:
        queryset = queryset.order_by(*SORTS[sort])
    return queryset


def product_page(pk: int):
    return (
        Product.objects.public()
        .select_related("published", "supplier", "pavilion")
        # The search's copies of the text are long and never shown.
        .defer(*INDEX_FIELDS)
        .prefetch_related(
            Prefetch(
                "published__images",
                queryset=ProductImage.objects.filter(state=ProductImage.State.READY).order_by(
                    "position"
                ),
                to_attr="pictures",
            )
        )
        .get(pk=pk)
    )


# The reviewer's view of a change: each field the supplier may change, by its label.
REVIEWED_FIELDS = ("name", "summary", "name_en", "summary_en", "description", "specifications")


@dataclass(frozen=True)
class Difference:
    label: str
    before: str
    after: str


def price_text(version: ProductVersion) -> str:
    if version.price_on_request:
        return str(_("Price on request"))
    return f"NT$ {version.price:,}"


def _picture_key(image: ProductImage):
    """The same picture in two versions: the same renditions, or the same upload waiting for
    them (a picture carried over shares both)."""
    return image.large.name or ("upload", image.upload_id)


def _pictures_text(images: list[ProductImage]) -> str:
    return "\n".join(f"{number}. {image.alt_text}" for number, image in enumerate(images, start=1))


@dataclass(frozen=True)
class VersionComparison:
    """A version against the listed one: what differs, field by field, and which pictures are
    new in it or gone from it."""

    differences: list[Difference]
    new_pictures: set[int]  # the version's pictures that the listed version does not have
    removed_pictures: list[ProductImage]  # the listed version's pictures it no longer has


def version_compare(version: ProductVersion, listed: ProductVersion) -> VersionComparison:
    differences = []
    for field in REVIEWED_FIELDS:
        before, after = getattr(listed, field), getattr(version, field)
        if before != after:
            label = ProductVersion._meta.get_field(field).verbose_name
            differences.append(Difference(capfirst(label), before, after))
    if price_text(listed) != price_text(version):
        label = capfirst(ProductVersion._meta.get_field("price").verbose_name)
        differences.append(Difference(label, price_text(listed), price_text(version)))
    before_images, after_images = list(listed.images.all()), list(version.images.all())
    before_keys = {_picture_key(image) for image in before_images}
    after_keys = {_picture_key(image) for image in after_images}
    if [(_picture_key(i), i.alt_text) for i in before_images] != [
        (_picture_key(i), i.alt_text) for i in after_images
    ]:
        differences.append(
            Difference(_("Pictures"), _pictures_text(before_images), _pictures_text(after_images))
        )
    return VersionComparison(
        differences=differences,
        new_pictures={i.pk for i in after_images if _picture_key(i) not in before_keys},
        removed_pictures=[i for i in before_images if _picture_key(i) not in after_keys],
    )
