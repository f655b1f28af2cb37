"""What list pages share to stay cheap at national scale: bounded counts, long choice
lists rendered in one pass, and fragments kept in the ``fragments`` cache by generation.

A list page (organisations, needs) is read with many query strings, so its cached fragments
cannot be dropped one by one when a row changes. Each family of fragments has a generation,
a token kept in the same cache; a fragment's key carries it with the release, the language
and the page's parameters, and a write that changes what the family shows replaces the token
(at once, and again when the transaction commits, since a reader in between may have cached
the old rows): fragments of an older generation are never read again and expire within a
day. The receivers that replace the tokens are in ``web/fragments.py``, which knows every
domain; this module sits low so that the apps' own views can use it.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from html import escape
from importlib.metadata import version
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.paginator import Paginator
from django.db import transaction
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language


def _release() -> str:
    """The same for every process of one release, different after an update of the
    translations or of Communs: fragments rendered by an older release are not read."""
    digest = hashlib.sha256(version("communs").encode())
    for folder in settings.LOCALE_PATHS:
        for catalogue in sorted(Path(folder).glob("*/LC_MESSAGES/*.mo")):
            digest.update(catalogue.read_bytes())
    return digest.hexdigest()[:12]


RELEASE = _release()


# A generation outlives every fragment that follows it (a day): when it expires, a new one
# only makes those fragments unreachable, which is safe. Without a limit, every address
# asked for once (an unknown software's, say) would keep its token forever.
GENERATION_TIMEOUT = 2 * 24 * 3600


def _generation_key(family: str) -> str:
    return f"generation:{family}"


def generation(family: str) -> str:
    """The family's current token (a new one the first time it is asked for)."""
    cache = caches["fragments"]
    token = cache.get(_generation_key(family))
    if token is None:
        cache.add(_generation_key(family), secrets.token_hex(8), timeout=GENERATION_TIMEOUT)
        token = cache.get(_generation_key(family)) or "none"
    return str(token)


def renew(family: str) -> None:
    """Every fragment of the family is out of date from now on."""
    caches["fragments"].set(
        _generation_key(family), secrets.token_hex(8), timeout=GENERATION_TIMEOUT
    )


def forget(family: str) -> None:
    """Every fragment of the family is out of date: now, and once the transaction commits."""
    renew(family)
    transaction.on_commit(lambda: renew(family))


def parameters(query: Mapping[str, str], names: Iterable[str]) -> str:
    """The page's known parameters, in a fixed order (others do not change the page)."""
    return urlencode([(name, query.get(name, "")) for name in names if query.get(name)])


def cached_fragment(
    family: str, variant: str, build: Callable[[], str], *, kept_by: str | None = None
) -> str:
    """The fragment for these parameters, built once per generation, release and language.
    ``kept_by`` names the family whose generation it follows, when several kinds of
    fragment (the catalogue's pages) go out of date together."""
    digest = hashlib.sha256(variant.encode()).hexdigest()[:24]
    language = (get_language() or "fr")[:2]
    key = f"{family}:{RELEASE}:{generation(kept_by or family)}:{language}:{digest}"
    return str(caches["fragments"].get_or_set(key, build))


def options(choices: Iterable[tuple[Any, Any]], selected: Any) -> SafeString:
    """The <option> elements of a long <select>, escaped, in one pass (a template loop or a
    form widget renders each option through the template engine)."""
    chosen = "" if selected in (None, "") else str(selected)
    return mark_safe(  # noqa: S308 (every value and label is escaped here)
        "".join(
            f'<option value="{escape(str(value))}"'
            f"{' selected' if str(value) == chosen else ''}>{escape(str(label))}</option>"
            for value, label in choices
        )
    )


class BoundedPaginator(Paginator):  # type: ignore[type-arg]
    """Counts at most ``cap`` rows: past it, ``capped`` is true and the page says "more
    than"; the pages past the cap are not offered (a search that finds more is refined)."""

    def __init__(self, object_list: Any, per_page: int, cap: int) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap
        self.capped = False

    @cached_property
    def count(self) -> int:
        rows: Any = self.object_list
        found = int(rows.order_by().values("pk")[: self.cap + 1].count())
        self.capped = found > self.cap
        return min(found, self.cap)
