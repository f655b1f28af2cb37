"""Cursor pagination: a page ends with the address of the next one, stable under inserts.

The cursor is the ordering key of the last row served (a slug or an id, never an offset),
so adding or removing rows never makes a client skip or repeat one. Any well-formed cursor
is a position, so none is refused: one past the end gives an empty page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.db.models import Model, QuerySet
from django.http import HttpRequest

M = TypeVar("M", bound=Model)


def cursor_page(
    request: HttpRequest,
    queryset: QuerySet[M],
    *,
    key: str,
    cursor: str | int | None,
    limit: int,
    record: Callable[[M], dict[str, Any]],
) -> dict[str, Any]:
    """One page of ``queryset`` ordered by the unique field ``key``, after ``cursor``."""
    rows = queryset.order_by(key)
    if cursor is not None and cursor != "":
        rows = rows.filter(**{f"{key}__gt": cursor})
    items = list(rows[: limit + 1])
    next_url = None
    if len(items) > limit:
        items = items[:limit]
        params = request.GET.copy()
        params["cursor"] = str(getattr(items[-1], key))
        next_url = request.build_absolute_uri(request.path) + "?" + urlencode(params, doseq=True)
    return {"results": [record(item) for item in items], "next": next_url}
