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
the supplier's name; then the newest listing first.
"""

import difflib
import functools
import hashlib
import re
import unicodedata

import opencc
from django.db import connection
from django.db.models import BooleanField, Case, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
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


def search(queryset, query: str):
    """Products whose text contains every word of ``query``, best matches first."""
    terms = words(query)
    if not terms:
        return queryset.none()
    matches = queryset.filter(_all("search_text", terms))
    pieces = sorted({piece for term in terms for piece in bigrams(term)})
    if connection.vendor == "postgresql" and pieces:
        matches = matches.filter(
            RawSQL(
                "string_to_array(catalog_product.search_bigrams, ' ') @> %s::text[]",
                (pieces,),
                output_field=BooleanField(),
            )
        )
    whole = {" ".join(terms), "".join(terms)}
    exact = Q(search_name__in=whole)
    for name in whole:
        # The English name is kept on its own line after the Chinese one.
        exact |= Q(search_name__startswith=f"{name}\n") | Q(search_name__endswith=f"\n{name}")
    return matches.annotate(
        search_rank=Case(
            When(exact, then=Value(0)),
            When(Q(search_name__startswith=terms[0]) & _all("search_name", terms), then=Value(1)),
            When(_all("search_name", terms), then=Value(2)),
            When(_all("search_summary", terms), then=Value(3)),
            When(_all("search_supplier", terms), then=Value(5)),
            default=Value(4),
            output_field=IntegerField(),
        )
    ).order_by("search_rank", "-listed_at", "-pk")


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
        piece = escape(text[index:end])
        parts.append(f"<mark>{piece}</mark>" if marked[index] else piece)
        index = end
    return mark_safe("".join(parts))  # every piece is escaped above


def _names_sharing(queryset, pieces) -> list[tuple[str, str]]:
    condition = Q()
    for piece in pieces:
        condition |= Q(search_name__contains=piece)
    if not condition:
        return []
    return list(
        queryset.filter(condition)
        .order_by("-listed_at", "-pk")
        .values_list("published__name", "search_name")[:50]
    )


def suggestions(queryset, query: str, count: int = 3) -> list[str]:
    """Names of public products close to ``query``, for a search that found nothing: names
    sharing two-character pieces with it (else single characters), the closest first
    (difflib's ratio). One query, two when no name shares a piece."""
    terms = words(query)
    pieces = sorted({piece for term in terms for piece in [term, *bigrams(term)]})[:16]
    names = _names_sharing(queryset, pieces)
    if not names:
        characters = sorted({character for term in terms for character in term})[:16]
        names = _names_sharing(queryset, characters)
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


def listing_key(params) -> str:
    """What a search lists, for keeping its count: the folded words and the filters."""
    listed = repr((words(params.get("q", "")), *(params.get(name, "") for name in FILTERS)))
    return hashlib.sha256(listed.encode()).hexdigest()


FILTERS = ("pavilion", "group", "district")


def results(params):
    """The public products a search page shows for its GET ``params``: the words ``q``, and
    the filters ``pavilion`` (code), ``group`` (size group) and ``district`` (postal code)."""
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
    return search(products, params.get("q", ""))
