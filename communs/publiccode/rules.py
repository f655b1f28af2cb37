"""Checks of single values: URLs, dates, languages, countries, MIME types, e-mail, length."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from communs.licences import InvalidLicenceExpression, normalise_expression

_BCP47_SYNTAX = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_MIME = re.compile(
    r"(?:application|audio|font|image|message|model|multipart|text|video)/[A-Za-z0-9][\w.+-]*"
)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ITALIAN_PA_URN = re.compile(r"urn:x-italian-pa:[a-z0-9_]+")
_CODICE_IPA = re.compile(r"[a-z0-9_]{2,}")
_URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:.+")


def is_url(value: str) -> bool:
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc)


def is_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def is_uri(value: str) -> bool:
    return bool(_URI_SCHEME.fullmatch(value))


def is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_language(tag: str) -> bool:
    """A valid BCP 47 tag: hyphens only (``en_GB`` is a POSIX locale, not BCP 47)."""
    import langcodes  # imported when first needed: its tables take a fifth of a second to load

    return bool(_BCP47_SYNTAX.fullmatch(tag)) and langcodes.tag_is_valid(tag)


def country_problem(code: str) -> str | None:
    """None for an ISO 3166-1 alpha-2 code in capitals; 'lowercase' or 'invalid' otherwise."""
    import pycountry  # imported when first needed, like langcodes

    if len(code) == 2 and code.isalpha() and pycountry.countries.get(alpha_2=code.upper()):
        if code.isupper():
            return None
        if code.islower():
            return "lowercase"
    return "invalid"


def is_mime_type(value: str) -> bool:
    return bool(_MIME.fullmatch(value))


def is_email(value: str) -> bool:
    return bool(_EMAIL.fullmatch(value))


def is_licence(value: str) -> bool:
    try:
        normalise_expression(value)
    except InvalidLicenceExpression:
        return False
    return True


@functools.cache
def _ipa_codes() -> frozenset[str]:
    text = (Path(__file__).parent / "data" / "ipa_codes.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def is_italian_pa_urn(value: str) -> bool:
    """urn:x-italian-pa:<code> with a code of the iPA index."""
    return bool(_ITALIAN_PA_URN.fullmatch(value)) and is_codice_ipa(value.rsplit(":", 1)[1])


def is_codice_ipa(value: str) -> bool:
    """A code of the Italian Public Administration index (see data/README.md)."""
    return bool(_CODICE_IPA.fullmatch(value.lower())) and value.lower() in _ipa_codes()


def graphemes(text: str) -> int:
    """User-perceived characters: combining marks, joiners and selectors do not count.

    An approximation of Unicode grapheme clusters good enough for length limits.
    """
    count = 0
    joined = False
    for char in text:
        code = ord(char)
        if code == 0x200D:  # zero-width joiner: the next character joins this cluster
            joined = True
            continue
        if (
            unicodedata.combining(char)
            or unicodedata.category(char) in ("Mn", "Me", "Mc")
            or 0xFE00 <= code <= 0xFE0F
            or 0x1F3FB <= code <= 0x1F3FF
            or 0xE0020 <= code <= 0xE007F
        ):
            continue
        if joined:
            joined = False
            continue
        count += 1
    return count
