"""Product cards built once in Python, not through a template include and URL reversal per card,
and kept in the cache per product, supplier and language: a card changes only when its product or
its supplier is saved again. Listing pages that count their products stop counting at a cap."""

from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language

from tops.money import ntd

from .models import Product
from .selectors import price_text, product_cards

CARD_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Cover:
    src: str
    srcset: str
    width: int | None
    height: int | None
    alt: str


@dataclass(frozen=True)
class Card:
    pk: int
    url: str
    name: str
    summary: str
    price: str
    supplier_url: str
    supplier_name: str
    size_group: str
    cover: Cover | None


def _key(pk, updated_at, supplier_updated_at) -> str:
    return f"card:{pk}:{updated_at.timestamp()}:{supplier_updated_at.timestamp()}:{get_language()}"


def _card(product, product_prefix: str, supplier_prefix: str) -> Card:
    version = product.published
    covers = getattr(version, "covers", None)
    cover = covers[0] if covers else None
    return Card(
        pk=product.pk,
        url=f"{product_prefix}{product.pk}/",
        name=version.display_name,
        summary=version.display_summary,
        price=price_text(version) if version.price_on_request else ntd(version.price),
        supplier_url=f"{supplier_prefix}{product.supplier_id}/",
        supplier_name=product.supplier.display_name,
        size_group=str(product.supplier.get_size_group_display()),
        cover=Cover(
            src=cover.small.url,
            srcset=cover.srcset,
            width=cover.small_width,
            height=cover.small_height,
            alt=cover.alt_text,
        )
        if cover
        else None,
    )


def cards(products) -> list[Card]:
    """The cards of ``products`` (a query set, in its order): which products and when they and
    their suppliers last changed are read first; only the cards not in the cache are built, from
    one query for those products with everything a card shows."""
    rows = list(
        products.prefetch_related(None).values_list("pk", "updated_at", "supplier__updated_at")
    )
    if not rows:
        return []
    keys = {row[0]: _key(*row) for row in rows}
    stored = cache.get_many(list(keys.values()))
    missing = [pk for pk, key in keys.items() if key not in stored]
    if missing:
        # The addresses of the pages, reversed once rather than per card.
        product_prefix = reverse("catalog:product", args=[0])[:-2]
        supplier_prefix = reverse("catalog:supplier", args=[0])[:-2]
        made = {
            keys[product.pk]: _card(product, product_prefix, supplier_prefix)
            for product in product_cards(Product.objects.filter(pk__in=missing))
        }
        cache.set_many(made, CARD_SECONDS)
        stored.update(made)
    return [stored[key] for key in keys.values() if key in stored]


class CappedPaginator(Paginator):
    """Counts the matches only up to a cap (past the page asked for), so that a long listing
    does not count its whole match set on every page: "1,000+" products."""

    def __init__(self, object_list, per_page, *, cap: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def count(self):
        counted = self.object_list.order_by()[: self.cap + 1].count()
        self.capped = counted > self.cap
        return min(counted, self.cap)

    @cached_property
    def capped(self) -> bool:
        self.count  # noqa: B018 - sets it
        return self.__dict__["capped"]


class CardPage(Page):
    """A page whose objects are product cards."""

    @cached_property
    def cards(self):
        return cards(self.object_list)


def card_page(queryset, number, *, per_page: int, cap: int = 1000) -> CardPage:
    try:
        asked = max(int(number), 1)
    except (TypeError, ValueError):
        asked = 1
    # Always count past the page asked for, so that its neighbours are known.
    paginator = CappedPaginator(queryset, per_page, cap=max(cap, (asked + 1) * per_page))
    paginator._get_page = lambda *args, **kwargs: CardPage(*args, **kwargs)
    return paginator.get_page(number)
