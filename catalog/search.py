"""Search that finds what people type (貳.一).

A query is split into words at spaces (the full-width space too); a product matches when its
text contains every word, in any order. Query and stored text are folded the same way: full
width to half width, case folded, and converted by OpenCC's ``s2tw`` table (Simplified and
variant characters to Taiwan's standard forms), so that 台灣 finds 臺灣 and 有机茶叶 finds
有機茶葉.

Each listed product keeps its folded text (name, summary, description, supplier name; the
English name and summary too), the folded name, summary and supplier name apart for ranking,
and the set of two-character pieces of its text. On PostgreSQL an inverted (GIN) index over
the pieces finds the candidates first, so that a query such as 保健 is served by an index:
pg_trgm's trigrams cannot serve two-character queries, and ignore Chinese altogether in a
database whose ctype is C. Elsewhere (SQLite) the text is scanned.

Results are ranked: the exact name, a name that starts with the query, a name holding every
word, a summary holding every word, the description (or words spread over several fields),
the supplier's name; then the newest listing first. The first pages of a common word (保健,
茶) are ranked among the newest matches of each rank only, each read from an index, so that its
thousands of matches are never all sorted.
"""

import difflib
import functools
import hashlib
import html
import re
import unicodedata

import opencc
from django.db import connection
from django.db.models import BooleanField, Case, F, Func, IntegerField, Q, TextField, Value, When
from django.db.models.lookups import Exact
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_SPACE = re.compile(r"\s+")
MAX_WORDS = 8
# OpenCC's Simplified-to-Taiwan-standard table: 台→臺, 着→著, 里→裡, and Simplified to
# Traditional; applied to both sides, it folds the forms people type to one.
OPENCC_CONFIG = "s2tw"


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC(OPENCC_CONFIG)


def normalise(text: str) -> str:
    """Full-width to half-width, case folded, runs of white space made one space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text or "").casefold()).strip()


def fold(text: str) -> str:
    """The form both the stored text and the query are compared in."""
    text = normalise(text)
    return _converter().convert(text) if text else ""


def words(query: str) -> list[str]:
    """The distinct words of a query, folded, at most ``MAX_WORDS``."""
    return list(dict.fromkeys(fold(query).split()))[:MAX_WORDS]


def bigrams(text: str) -> list[str]:
    """The distinct two-character pieces of ``text`` that contain no white space."""
    pieces = {text[i : i + 2] for i in range(len(text) - 1)}
    return sorted(piece for piece in pieces if " " not in piece)


def index_terms(*parts: str) -> tuple[str, str]:
    """The (search_text, search_bigrams) for the given texts."""
    text = fold(" ".join(parts))
    return text, " ".join(bigrams(text))


INDEX_FIELDS = ["search_text", "search_bigrams", "search_name", "search_summary", "search_supplier"]


def product_index(product, version, supplier) -> list[str]:
    """Set the search fields of ``product`` for its listed ``version`` and its ``supplier``;
    the names of the fields set."""
    english = [getattr(version, "name_en", ""), getattr(version, "summary_en", "")]
    supplier_names = " ".join(filter(None, [supplier.name, getattr(supplier, "name_en", "")]))
    product.search_text, product.search_bigrams = index_terms(
        version.name, version.summary, version.description, supplier_names, *english
    )
    product.search_name = fold(version.name)
    product.search_summary = fold(version.summary)
    product.search_supplier = fold(supplier_names)
    if english[0]:
        # The English name ranks like the name: both are the product's name.
        product.search_name = f"{product.search_name}\n{fold(english[0])}"
    if english[1]:
        product.search_summary = f"{product.search_summary}\n{fold(english[1])}"
    return INDEX_FIELDS


def _all(field: str, terms: list[str]) -> Q:
    condition = Q()
    for term in terms:
        condition &= Q(**{f"{field}__contains": term})
    return condition


def _pieces_of_text(operator: str, pieces: list[str]) -> Func:
    """The text's two-character pieces hold all (``@>``) or some (``&&``) of ``pieces``, in the
    form the inverted index serves (migration 0004): string_to_array(search_bigrams, ' ')."""
    return Func(
        Func(F("search_bigrams"), Value(" "), function="string_to_array"),
        Func(Value(pieces), template="%(expressions)s::text[]"),
        template="%(expressions)s",
        arg_joiner=f" {operator} ",
        output_field=BooleanField(),
    )


def _matching(queryset, terms: list[str], *, by_pieces: bool = True):
    """The products of ``queryset`` whose text contains every one of ``terms``; on PostgreSQL
    found through the inverted index of the text's pieces, unless ``by_pieces`` is false."""
    matches = queryset.filter(_all("search_text", terms))
    pieces = sorted({piece for term in terms for piece in bigrams(term)})
    if connection.vendor == "postgresql" and pieces and by_pieces:
        matches = matches.filter(_pieces_of_text("@>", pieces))
    return matches


def _english_name() -> Func:
    """The English name's line of the folded name; PostgreSQL indexes it (migration 0014)."""
    return Func(
        F("search_name"), Value("\n"), Value(2), function="split_part", output_field=TextField()
    )


def _exact_name(terms: list[str], *, indexed: bool) -> Q:
    """The name is the query. The English name is kept on its own line after the Chinese one
    (the only line break: folding makes all other white space a space); ``indexed`` asks for the
    form the English name's index serves (PostgreSQL)."""
    whole = {" ".join(terms), "".join(terms)}
    exact = Q(search_name__in=whole)
    for name in whole:
        exact |= Q(search_name__startswith=f"{name}\n")
        if indexed:
            exact |= Exact(_english_name(), name)
        else:
            exact |= Q(search_name__endswith=f"\n{name}")
    return exact


def _ranks(terms: list[str], *, indexed: bool = False) -> list[Q]:
    """The conditions of ranks 0 to 3, and of rank 5 (the supplier's name); rank 4 is the rest:
    the description, or the words spread over several fields."""
    return [
        _exact_name(terms, indexed=indexed),
        # The first word is held by a name that starts with it: asking again would only make
        # PostgreSQL expect too few such names.
        Q(search_name__startswith=terms[0]) & _all("search_name", terms[1:]),
        _all("search_name", terms),
        _all("search_summary", terms),
        _all("search_supplier", terms),
    ]


def _ranked(products, terms: list[str]):
    exact, prefix, name, summary, supplier = _ranks(terms)
    return products.annotate(
        search_rank=Case(
            When(exact, then=Value(0)),
            When(prefix, then=Value(1)),
            When(name, then=Value(2)),
            When(summary, then=Value(3)),
            When(supplier, then=Value(5)),
            default=Value(4),
            output_field=IntegerField(),
        )
    ).order_by("search_rank", "-listed_at", "-pk")


def _newest_of_each_rank(matches, terms: list[str], top: int):
    """The newest ``top`` matches of ranks 0 to 0, 0 to 1, ... 0 to 5, together, as (pk,
    listed_at, part) rows: they hold the first ``top`` matches in rank order (within a rank, the
    newest come first). Each part is read from an index in the order of listing (or, for the
    rarer ranks, from the names' index) and stops at ``top``, so that a common word never sorts
    all of its matches."""
    exact, prefix, name, summary, supplier = _ranks(terms, indexed=True)
    nested, condition = [], Q()
    for rank in (exact, prefix, name, summary, ~supplier):
        condition |= rank
        nested.append(condition)
    nested.append(Q())
    parts = [
        matches.filter(condition)
        .order_by("-listed_at", "-pk")
        .annotate(part=Value(part, output_field=IntegerField()))
        .values_list("pk", "listed_at", "part")[:top]
        for part, condition in enumerate(nested)
    ]
    return parts[0].union(*parts[1:], all=True)


def _first_in_rank_order(rows) -> list[int]:
    """The ids of ``_newest_of_each_rank``'s rows in the order ``_ranked`` gives. A product's
    rank is the first part that holds it: a product of rank r among the first ``top`` is among
    the newest ``top`` of ranks 0 to r (more of those would all come before it), and no part
    before r can hold it."""
    first_part, listed = {}, {}
    for pk, listed_at, part in rows:
        first_part[pk] = min(part, first_part.get(pk, part))
        listed[pk] = listed_at
    # Newest first within a rank (never listed before all, as PostgreSQL sorts NULL when
    # descending), then the highest id.
    newest_first = sorted(
        first_part, key=lambda pk: (listed[pk] is None, listed[pk] or 0, pk), reverse=True
    )
    return sorted(newest_first, key=first_part.__getitem__)


def search(queryset, query: str, *, top: int | None = None):
    """Products whose text contains every word of ``query``, best matches first. With ``top``,
    only the first ``top`` are wanted, as a list of their ids: on PostgreSQL they are found
    without ranking every match."""
    terms = words(query)
    if not terms:
        return queryset.none()
    if top is not None and connection.vendor == "postgresql":
        # Without the pieces' condition: PostgreSQL expects far too few products to hold
        # several pieces at once (bamboo's five), and would then sort every match instead of
        # reading the newest from the index; the text's own statistics tell it how common the
        # word is.
        rows = _newest_of_each_rank(_matching(queryset, terms, by_pieces=False), terms, top)
        return _first_in_rank_order(rows)[:top]
    return _ranked(_matching(queryset, terms), terms)


# A word with more matches than this is common (保健, 茶): its pages are ranked among the newest
# matches of each rank. Fewer matches are ranked all together, which costs less than reading
# six parts; so are several words, whose rarer ranks the indexes cannot find.
COMMON_WORD_MATCHES = 1000
# Past the first pages, reading the six parts costs more than ranking every match.
COMMON_WORD_TOP = 240


class Results:
    """A search's results, for a paginator: counted without ranking the matches (up to a cap);
    the pages of a common word ranked among its first matches only (``search(top=...)``), as
    product ids; other pages as a query set.
    ``count_with(count, cap)``, when given, keeps the counts (per catalogue version)."""

    def __init__(self, products, query: str, *, count_with=None):
        self.products = products
        self.query = query
        self.count_with = count_with

    def count_up_to(self, cap: int) -> int:
        terms = words(self.query)
        if not terms:
            return 0
        return _matching(self.products, terms).order_by()[: cap + 1].count()

    def _common_word(self) -> bool:
        if len(words(self.query)) != 1:
            return False
        if self.count_with is None:
            counted = self.count_up_to(COMMON_WORD_MATCHES)
        else:
            counted = self.count_with(self.count_up_to, COMMON_WORD_MATCHES)
        return counted > COMMON_WORD_MATCHES

    def __getitem__(self, index: slice):
        top = index.stop if index.stop <= COMMON_WORD_TOP and self._common_word() else None
        return search(self.products, self.query, top=top)[index]


@functools.lru_cache(maxsize=4096)
def _fold_character(character: str) -> str:
    if character.isspace():
        return " "
    return _converter().convert(unicodedata.normalize("NFKC", character).casefold())


def highlight(text: str, terms: list[str]) -> SafeString:
    """``text``, escaped, with each place where one of ``terms`` (folded words) occurs wrapped
    in <mark>. Matching is done character by character on the folded text, so that 台灣 marks
    臺灣 as written."""
    text = text or ""
    if not terms:
        return escape(text)
    folded, owner = [], []  # the folded text, and for each of its characters the original's
    for index, character in enumerate(text):
        piece = _fold_character(character)
        folded.append(piece)
        owner.extend([index] * len(piece))
    folded_text = "".join(folded)
    marked = [False] * len(text)
    for term in terms:
        term = "".join(_fold_character(character) for character in term)
        if not term:
            continue
        for found in re.finditer(re.escape(term), folded_text):
            for position in range(found.start(), found.end()):
                marked[owner[position]] = True
    parts, index = [], 0
    while index < len(text):
        end = index
        while end < len(text) and marked[end] == marked[index]:
            end += 1
        # The standard library's escape, as Django's does, without its lazy-text wrapper: a
        # page of results escapes a few hundred pieces.
        piece = html.escape(text[index:end])
        parts.append(f"<mark>{piece}</mark>" if marked[index] else piece)
        index = end
    return mark_safe("".join(parts))  # every piece is escaped above


def _names_sharing(queryset, pieces) -> list[tuple[str, str]]:
    condition = Q()
    for piece in pieces:
        condition |= Q(search_name__contains=piece)
    if not condition:
        return []
    if connection.vendor == "postgresql" and all(len(piece) > 1 for piece in pieces):
        # Only a text that shares a two-character piece of them can have a name that holds
        # one of them: the inverted index finds those texts.
        shared = sorted({pair for piece in pieces for pair in bigrams(piece)})
        queryset = queryset.filter(_pieces_of_text("&&", shared))
    return list(
        queryset.filter(condition)
        .order_by("-listed_at", "-pk")
        .values_list("published__name", "search_name")[:50]
    )


def suggestions(queryset, query: str, count: int = 3) -> list[str]:
    """Names of public products close to ``query``, for a search that found nothing: names
    sharing two-character pieces with it (else single Chinese characters: a single Latin letter
    says nothing), the closest first (difflib's ratio). One query, two when no name shares a
    piece."""
    terms = words(query)
    pieces = sorted({piece for term in terms for piece in [term, *bigrams(term)]})[:16]
    names = _names_sharing(queryset, pieces)
    if not names:
        characters = {character for term in terms for character in term if not character.isascii()}
        names = _names_sharing(queryset, sorted(characters)[:16])
    wanted = " ".join(terms)

    def closeness(item):
        return difflib.SequenceMatcher(None, wanted, item[1].split("\n")[0]).ratio()

    ranked = sorted(names, key=closeness, reverse=True)
    return list(dict.fromkeys(name for name, _ in ranked))[:count]


def related_pavilions(pavilions, query: str) -> list:
    """Pavilions whose name or description holds a word of ``query``."""
    terms = words(query)
    related = []
    for pavilion in pavilions:
        text = fold(
            " ".join(
                [
                    pavilion.name_zh,
                    pavilion.name_en,
                    pavilion.description_zh,
                    pavilion.description_en,
                ]
            )
        )
        if any(term in text for term in terms):
            related.append(pavilion)
    return related


FILTERS = ("pavilion", "group", "district")


def listing_key(params) -> str:
    """What a search lists, for keeping its count: the folded words and the filters."""
    listed = repr((words(params.get("q", "")), *(params.get(name, "") for name in FILTERS)))
    return hashlib.sha256(listed.encode()).hexdigest()


def _filtered(params):
    """The public products within the filters ``pavilion`` (code), ``group`` (size group) and
    ``district`` (postal code)."""
    from suppliers.eligibility import SizeGroup
    from suppliers.models import District

    from .models import Product

    products = Product.objects.public()
    if params.get("pavilion"):
        products = products.filter(pavilion__code=params["pavilion"])
    if params.get("group") in SizeGroup.values:
        products = products.filter(supplier__size_group=params["group"])
    if params.get("district") in District.values:
        products = products.filter(supplier__district=params["district"])
    return products


def results(params):
    """The public products a search shows for its GET ``params``: the words ``q`` within the
    filters, best matches first."""
    return search(_filtered(params), params.get("q", ""))


def results_by_page(params, *, count_with=None) -> Results:
    """The same, to be read a page at a time."""
    return Results(_filtered(params), params.get("q", ""), count_with=count_with)
