"""The API's one shape of error: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

import json
import re
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
    """django-ninja's (pydantic's) errors, grouped by the parameter they are about, each said
    in the language of the rest of the answer (pydantic's own sentences are English only)."""
    fields: dict[str, list[str]] = {}
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        name = location[-1] if location else "request"
        fields.setdefault(name, []).append(field_message(error))
    return fields


INTEGER = ("int_parsing", "int_type", "int_from_float", "int_parsing_size")
NUMBER = ("decimal_parsing", "decimal_type", "float_parsing", "float_type", "finite_number")
DIGITS = ("decimal_max_digits", "decimal_max_places", "decimal_whole_digits")
DATE = ("date_parsing", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact")
URL = ("url_parsing", "url_type", "url_scheme", "url_syntax_violation", "url_too_long")
OBJECT = ("model_attributes_type", "model_type", "dict_type", "json_invalid", "json_type")


def field_message(error: dict[str, Any]) -> str:
    """One pydantic error as a sentence of ours, by its stable `type` and its context."""
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    bounds = {
        "greater_than_equal": (_("Enter a number of at least %(limit)s."), "ge"),
        "greater_than": (_("Enter a number above %(limit)s."), "gt"),
        "less_than_equal": (_("Enter a number of at most %(limit)s."), "le"),
        "less_than": (_("Enter a number below %(limit)s."), "lt"),
        "string_too_long": (_("Enter at most %(limit)s characters."), "max_length"),
        "string_too_short": (_("Enter at least %(limit)s characters."), "min_length"),
        "too_long": (_("Give at most %(limit)s items."), "max_length"),
    }
    if kind in bounds and bounds[kind][1] in context:
        message, key = bounds[kind]
        return message % {"limit": context[key]}
    if kind in ("literal_error", "enum") and "expected" in context:
        choices = re.findall(r"'([^']*)'", str(context["expected"]))
        return _("Choose one of: %(choices)s.") % {"choices": ", ".join(choices)}
    sentences = {
        **dict.fromkeys(INTEGER, _("Enter a whole number.")),
        **dict.fromkeys(NUMBER, _("Enter a number.")),
        **dict.fromkeys(DIGITS, _("Enter an amount with at most two decimals.")),
        **dict.fromkeys(DATE, _("Enter a date as YYYY-MM-DD.")),
        **dict.fromkeys(URL, _("Enter a web address starting with https://.")),
        **dict.fromkeys(OBJECT, _("Send a JSON object.")),
        "missing": _("This field is required."),
        "string_type": _("Enter text."),
        "string_pattern_mismatch": _("This value does not have the expected form."),
        "bool_parsing": _("Enter true or false."),
        "bool_type": _("Enter true or false."),
        "list_type": _("Send a list."),
        "extra_forbidden": _("This field is not taken."),
    }
    return str(sentences.get(kind, _("This value is not valid.")))
