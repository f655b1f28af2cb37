"""Cursor pagination: a page ends with an opaque cursor to the next one, stable under inserts.

The cursor is the ordering key of the last row served, so adding or removing rows never
makes a client skip or repeat one (offsets do, on a catalogue that changes).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from communs.api.errors import ApiError

M = TypeVar("M", bound=Model)


def encode_cursor(key: Any) -> str:
    return base64.urlsafe_b64encode(str(key).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8")
    except (ValueError, binascii.Error, UnicodeError) as error:
        raise ApiError(
            400,
            "invalid_cursor",
            _("This cursor is not one the API gave; start again without it."),
            {"cursor": [_("Unknown cursor.")]},
        ) from error


def cursor_page(
    request: HttpRequest,
    queryset: QuerySet[M],
    *,
    key: str,
    cursor: str | None,
    limit: int,
    record: Callable[[M], dict[str, Any]],
) -> dict[str, Any]:
    """One page of ``queryset`` ordered by the unique field ``key``, after ``cursor``."""
    rows = queryset.order_by(key)
    if cursor:
        after: Any = decode_cursor(cursor)
        if key in ("pk", "id"):
            if not after.isdigit():
                raise ApiError(400, "invalid_cursor", _("This cursor is not one the API gave."))
            after = int(after)
        rows = rows.filter(**{f"{key}__gt": after})
    items = list(rows[: limit + 1])
    next_url = None
    if len(items) > limit:
        items = items[:limit]
        params = request.GET.copy()
        params["cursor"] = encode_cursor(getattr(items[-1], key))
        next_url = request.build_absolute_uri(request.path) + "?" + urlencode(params, doseq=True)
    return {"results": [record(item) for item in items], "next": next_url}
