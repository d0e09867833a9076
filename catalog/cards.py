"""Product cards built once in Python, not through a template include and URL reversal per card,
and kept in the cache per product, supplier and language, with their HTML: a card changes only
when its product or its supplier is saved again. Listing pages that count their products stop
counting at a cap."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from tops.catalogue import ProcessMemory, release
from tops.money import ntd

from .models import Product
from .search import highlight
from .selectors import address_before_id, price_text, product_cards

CARD_SECONDS = 24 * 60 * 60
# The cards read lately, in this process: a listing page reads its cards without a round trip.
_cards_in_process = ProcessMemory(4096)


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
    # Made once, when the card is built, and kept in the cache with it.
    plain_html: SafeString = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "plain_html", self.html())

    def html(self, terms: list[str] | None = None) -> SafeString:
        """The card as a list item; with ``terms``, the searched words marked in its texts."""
        mark = (lambda text: highlight(text, terms)) if terms else escape
        cover = (
            format_html(
                '<img src="{}" srcset="{}" sizes="(max-width: 40rem) 100vw, 20rem" width="{}" '
                'height="{}" loading="lazy" alt="{}">',
                self.cover.src,
                self.cover.srcset,
                self.cover.width,
                self.cover.height,
                self.cover.alt,
            )
            if self.cover
            else ""
        )
        return format_html(
            '<li class="product-card">\n  {}\n'
            '  <h3 class="product-card__name"><a href="{}">{}</a></h3>\n'
            '  <p class="product-card__summary">{}</p>\n'
            '  <p class="product-card__meta">\n'
            '    <a href="{}">{}</a>\n'
            '    <span class="badge">{}</span>\n'
            "  </p>\n"
            '  <p class="product-card__price">{}</p>\n'
            "</li>",
            cover,
            self.url,
            mark(self.name),
            mark(self.summary),
            self.supplier_url,
            self.supplier_name,
            self.size_group,
            self.price,
        )


def cards_html(cards: list[Card], terms: list[str] | None = None) -> SafeString:
    """The list items of ``cards``, with the searched words marked when there are ``terms``."""
    if terms:
        return mark_safe("".join(card.html(terms) for card in cards))  # each is escaped
    return mark_safe("".join(card.plain_html for card in cards))  # each is escaped


def _key(pk, updated_at: str, supplier_updated_at: str) -> str:
    changed = f"{updated_at}:{supplier_updated_at}".replace(" ", "T")  # a key holds no space
    return f"card:{release()}:{pk}:{changed}:{get_language()}"


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


def _changes(products) -> list[tuple]:
    """(pk, updated_at, supplier's updated_at) of ``products``, a query set or a list of ids,
    in its order."""
    # As text: only compared, never shown, and reading a text costs less than reading a time.
    fields = (
        "pk",
        Cast("updated_at", TextField()),
        Cast("supplier__updated_at", TextField()),
    )
    if isinstance(products, list):
        found = {
            row[0]: row for row in Product.objects.filter(pk__in=products).values_list(*fields)
        }
        return [found[pk] for pk in products if pk in found]
    return list(products.values_list(*fields))


def cards(products) -> list[Card]:
    """The cards of ``products`` (a query set, in its order, or a list of product ids): which
    products and when they and their suppliers last changed are read first; only the cards not
    in the cache are built, from one query for those products with everything a card shows."""
    rows = _changes(products)
    if not rows:
        return []
    keys = {row[0]: _key(*row) for row in rows}
    stored = {key: _cards_in_process.get(key) for key in keys.values()}
    wanted = [key for key, card in stored.items() if card is None]
    if wanted:
        stored.update(cache.get_many(wanted))
        for key in wanted:
            if stored.get(key) is not None:
                _cards_in_process.put(key, stored[key])
    missing = [pk for pk, key in keys.items() if stored.get(key) is None]
    if missing:
        # The addresses of the pages, reversed once rather than per card.
        product_prefix = address_before_id("catalog:product")
        supplier_prefix = address_before_id("catalog:supplier")
        made = {
            keys[product.pk]: _card(product, product_prefix, supplier_prefix)
            for product in product_cards(Product.objects.filter(pk__in=missing))
        }
        cache.set_many(made, CARD_SECONDS)
        for key, card in made.items():
            _cards_in_process.put(key, card)
        stored.update(made)
    return [stored[key] for key in keys.values() if stored.get(key) is not None]


class CappedPaginator(Paginator):
    """Counts the matches only up to a cap (past the page asked for), so that a long listing
    does not count its whole match set on every page: "1,000+" products. ``count_with``, when
    given, is called with the counting function and the cap, to keep the count (per catalogue
    version) instead of counting on every request."""

    def __init__(self, object_list, per_page, *, cap: int, count_with=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        self.count_with = count_with

    def _count_up_to_cap(self, cap: int) -> int:
        if hasattr(self.object_list, "count_up_to"):  # search results count without ranking
            return self.object_list.count_up_to(cap)
        return self.object_list.order_by()[: cap + 1].count()

    @cached_property
    def count(self):
        if self.count_with is None:
            counted = self._count_up_to_cap(self.cap)
        else:
            counted = self.count_with(self._count_up_to_cap, self.cap)
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


def card_page(queryset, number, *, per_page: int, cap: int = 1000, count_with=None) -> CardPage:
    try:
        asked = max(int(number), 1)
    except (TypeError, ValueError):
        asked = 1
    # Always count past the page asked for, so that its neighbours are known.
    paginator = CappedPaginator(
        queryset, per_page, cap=max(cap, (asked + 1) * per_page), count_with=count_with
    )
    paginator._get_page = lambda *args, **kwargs: CardPage(*args, **kwargs)
    return paginator.get_page(number)
