"""The validator's messages: a code with parameters, rendered in English here.

The web site renders the same codes in the reader's language (``communs.catalog``'s
``publiccode_messages``); ``field`` is the key path, which the editor replaces with the
label of the form field.
"""

from __future__ import annotations

import ast
import re
import string
from typing import Any

# Each code's English template; the parameters are named in braces.
TEMPLATES: dict[str, str] = {
    "required": "{field} is required",
    "required_if": '{field} is required when "{other}" is "{value}"',
    "excluded_unless": '{field} must not be given unless "{other}" is "{value}"',
    "required_in_version": "{field} is required by version {version} of the standard",
    "wrong_type": "{field}: wrong type, expected {expected}, found {found}",
    "too_long": "{field} has {length} characters; the maximum is {maximum}",
    "too_short": "{field} has {length} characters; the minimum is {minimum}",
    "too_short_in_version": (
        "{field} has {length} characters; version {version} of the standard asks for "
        "{minimum} at least"
    ),
    "invalid": "{field} must be {expected} (found {value!r})",
    "at_least_one": "{field} must hold at least one item",
    "unknown_field": 'unknown field "{field}"',
    "duplicate_key": "{field} appears twice",
    "deprecated": "{field} is deprecated: remove it",
    "deprecated_use": "{field} is deprecated: use {replacement} instead",
    "lowercase_country": "lowercase country codes are deprecated: write '{replacement}'",
    "file_url": "{field}: file:// URLs are not allowed, use a relative path or an https:// URL",
    "bad_extension": "{field}: {value!r} has an unsupported file extension (use {extensions})",
    "no_such_file": "{field}: no such file: {value}",
    "bad_png": "{field}: {value} is not a valid PNG image",
    "unsupported_version": (
        'version {value!r} is not supported: use one of 0.2, 0.3, 0.4, 0.5, 0.7 (or "0" for '
        "the newest)"
    ),
    "old_version": (
        "version {value} is not the latest: the file is read as {latest}; consider "
        'updating it (or write "0")'
    ),
    "duplicate_section": "'{replacement}' is already present: remove the {field} section",
    "unknown_alias": "{field}: {value!r} is not in the standard's list of aliases",
    "document": "{detail}",
}

# What ``invalid`` expects, in English, by the ``expected`` parameter.
EXPECTED: dict[str, str] = {
    "url": "a valid URL",
    "http_url": "an HTTP URL",
    "date": "a date written YYYY-MM-DD",
    "email": "a valid email address",
    "licence": "a valid SPDX licence expression",
    "mime": "a valid MIME type",
    "language": "a valid BCP 47 language tag (e.g. 'en', 'fr-FR')",
    "country": "an ISO 3166-1 alpha-2 country code in capitals",
    "category": "a category of the standard's list",
    "scope": "a scope of the standard's list",
    "development_status": "a valid development status",
    "software_type": "a valid software type",
    "maintenance_type": "a valid maintenance type",
    "uri": "a valid URI",
    "italian_pa_urn": "urn:x-italian-pa:<iPA code>",
    "codice_ipa": "a valid Italian Public Administration code (iPA)",
    "extension_version": '"0.2" or "1.0"',
    "alias_or_uri": "an alias of the standard's list (alias:gdpr …) or a valid URI",
    # types
    "text": "a text",
    "boolean": "true or false",
    "mapping": "a mapping",
    "list": "a list",
    "languages": "a mapping of languages",
    "version_text": 'a quoted text such as "0.7"',
}

FOUND: dict[str, str] = {
    "map": "a mapping",
    "seq": "a list",
    "empty": "empty",
    "boolean": "a boolean",
    "number": "a number",
    "text": "a text",
    "value": "a value",
}


def render(code: str, params: dict[str, Any]) -> str:
    values = dict(params)
    if code == "invalid" or code == "wrong_type":
        values["expected"] = EXPECTED.get(str(values.get("expected")), values.get("expected"))
    if code == "wrong_type":
        values["found"] = FOUND.get(str(values.get("found")), values.get("found"))
    return TEMPLATES[code].format(**values)


# What a document problem's English detail starts with, by problem code (document.py).
DOCUMENT_DETAILS: tuple[tuple[str, str], ...] = (
    ("the file is larger than", "too_large"),
    ("the document is too large", "too_large"),
    ("the file is binary", "binary"),
    ("the file is not UTF-8", "not_utf8"),
    ("the document is nested deeper", "too_deep"),
    ("a key must be a plain value", "not_key"),
    ("invalid YAML: a tab was found", "tab"),
    ("invalid YAML", "invalid_yaml"),
    ("the file is empty", "empty"),
    ("a publiccode.yml must be a mapping", "not_mapping"),
    ("cannot read the file", "unreadable"),
)
_QUOTED = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""


def _pattern(template: str) -> re.Pattern[str]:
    parts = []
    for literal, name, _spec, conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name:
            value = f"{_QUOTED}|.+?" if conversion == "r" else ".+?"
            parts.append(f"(?P<{name}>{value})")
    return re.compile("^" + "".join(parts) + "$", re.DOTALL)


PATTERNS = {code: _pattern(template) for code, template in TEMPLATES.items() if code != "document"}
_EXPECTED_CODES = {text: code for code, text in EXPECTED.items()}
_FOUND_CODES = {text: code for code, text in FOUND.items()}


def _read(name: str, text: str, conversion_is_repr: bool) -> Any:
    if name == "expected":
        return _EXPECTED_CODES.get(text)
    if name == "found":
        return _FOUND_CODES.get(text)
    if conversion_is_repr:
        try:
            return ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return text
    return int(text) if text.isdigit() else text


def parse(text: str) -> tuple[str, dict[str, Any]] | None:
    """The code and parameters of an English message of ``render``, if one gives it back.

    Reports store the validator's messages as English text (``communs evaluate`` prints
    them); the site reads them back to say them in the reader's language. A match is kept
    only when rendering it gives the text back exactly; a document problem is recognised
    by the start of its detail.
    """
    for code, pattern in PATTERNS.items():
        match = pattern.match(text)
        if not match:
            continue
        repr_fields = {
            name
            for _l, name, _s, conversion in string.Formatter().parse(TEMPLATES[code])
            if name and conversion == "r"
        }
        params = {
            name: _read(name, value, name in repr_fields)
            for name, value in match.groupdict().items()
        }
        if any(params.get(name, "") is None for name in ("expected", "found")):
            continue  # words of no code: the validator never says them
        try:
            if render(code, params) == text:
                return code, params
        except (KeyError, IndexError, ValueError):
            continue
    for start, problem in DOCUMENT_DETAILS:
        if text.startswith(start):
            return "document", {"detail": text, "problem": problem}
    return None
