"""Search that works for Chinese written without spaces.

Each listed product keeps a normalised text (name, summary, description, supplier name)
and the set of its two-character pieces. A query matches when the text contains it; on
PostgreSQL an inverted (GIN) index over the pieces finds the candidates first, so that a
query such as 保健 is served by an index: pg_trgm's trigrams cannot serve two-character
queries, and ignore Chinese altogether in a database whose ctype is C.
"""

import re
import unicodedata

from django.db import connection
from django.db.models import BooleanField, Case, IntegerField, Value, When
from django.db.models.expressions import RawSQL

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Full-width to half-width, case folded, runs of white space made one space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text or "").casefold()).strip()


def bigrams(text: str) -> list[str]:
    """The distinct two-character pieces of ``text`` that contain no white space."""
    pieces = {text[i : i + 2] for i in range(len(text) - 1)}
    return sorted(piece for piece in pieces if " " not in piece)


def index_terms(*parts: str) -> tuple[str, str]:
    """The (search_text, search_bigrams) a product stores for its listed version."""
    text = normalise(" ".join(parts))
    return text, " ".join(bigrams(text))


def search(queryset, query: str):
    """Products whose text contains ``query``, name matches first, then the newest."""
    query = normalise(query)
    if not query:
        return queryset.none()
    matches = queryset.filter(search_text__contains=query)
    pieces = bigrams(query)
    if connection.vendor == "postgresql" and pieces:
        matches = matches.filter(
            RawSQL(
                "string_to_array(catalog_product.search_bigrams, ' ') @> %s::text[]",
                (pieces,),
                output_field=BooleanField(),
            )
        )
    return matches.annotate(
        name_rank=Case(
            When(published__name__icontains=query, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("name_rank", "-listed_at", "-pk")
