"""What the public pages show, each in a fixed number of queries. A picture is shown once it
is ready: one still processing (or failed) is left out, never linked."""

from django.db.models import Count, Prefetch

from suppliers.eligibility import SizeGroup

from .models import Pavilion, Product, ProductImage, public_products

SORTS = {"newest": ("-listed_at", "-pk"), "name": ("published__name", "pk")}


def product_cards(queryset):
    """Everything a product card shows: name, summary, price, cover picture, supplier, pavilion."""
    return queryset.select_related("published", "supplier", "pavilion").prefetch_related(
        Prefetch(
            "published__images",
            queryset=ProductImage.objects.filter(position=0, state=ProductImage.State.READY),
            to_attr="covers",
        )
    )


def pavilions_with_counts():
    return Pavilion.objects.annotate(listed=Count("products", filter=public_products("products__")))


def newest_products(count=8):
    return product_cards(Product.objects.public().order_by("-listed_at", "-pk"))[:count]


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
