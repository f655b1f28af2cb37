"""The API's one shape of error: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _


class ApiError(Exception):
    """A refusal the client can act on: a status, a stable code and a message."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        fields: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or {}


def error_response(
    status: int, code: str, message: str, fields: dict[str, list[str]] | None = None
) -> HttpResponse:
    body = {"error": {"code": code, "message": message, "fields": fields or {}}}
    return HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type="application/json; charset=utf-8",
    )


def not_found() -> ApiError:
    return ApiError(404, "not_found", _("Nothing is published at this address."))


def validation_fields(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    """django-ninja's (pydantic's) errors, grouped by the parameter they are about."""
    fields: dict[str, list[str]] = {}
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        name = location[-1] if location else "request"
        fields.setdefault(name, []).append(str(error.get("msg", _("Invalid value."))))
    return fields
