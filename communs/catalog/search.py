"""Accent- and case-folded words, so that "carto" finds "Cartographie" and "géo" finds "GEO".

The same folding is applied to what is indexed and to what is searched, on every database.
A query word matches the start of an indexed word ("sig" finds "SIG", not "design"); the
indexed text is its words separated by single spaces, so a word start is either the start
of the text or a space followed by the query word.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.db.models import Q

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


_NOT_A_WORD = re.compile(r"[\W_]+")


def words(text: str) -> str:
    """Folded words, punctuation removed: "Saint-Étienne (42)" gives "saint etienne 42"."""
    return " ".join(_NOT_A_WORD.sub(" ", fold(text)).split())


def query_terms(query: str) -> list[str]:
    """The distinct folded words of a query, at most MAX_TERMS of them."""
    terms = words(query[:MAX_QUERY_LENGTH]).split()
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def word_start(field: str, term: str) -> Q:
    """Rows whose indexed `field` (built with `words`) has a word starting with `term`."""
    starts: dict[str, Any] = {f"{field}__startswith": term}
    inside: dict[str, Any] = {f"{field}__contains": f" {term}"}
    return Q(**starts) | Q(**inside)
