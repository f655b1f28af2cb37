"""Accent- and case-folded text, so that "carto" finds "Cartographie" and "géo" finds "GEO".

The same folding is applied to what is indexed and to what is searched, on every database.
"""

from __future__ import annotations

import unicodedata

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


def query_terms(query: str) -> list[str]:
    """The distinct folded words of a query, at most MAX_TERMS of them."""
    terms = fold(query[:MAX_QUERY_LENGTH]).split()
    return list(dict.fromkeys(terms))[:MAX_TERMS]
