"""The publiccode.yml validator's issues in the reader's language.

The validator (a pure library) reports a code and parameters; this module renders them
with Django's translations. ``field`` is replaced by the label the reader sees (a form
field's label in the editor) when one is given, else the key path is shown as written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from communs.publiccode.validator import Issue

TEMPLATES: dict[str, Promise] = {
    "required": _("%(field)s is required."),
    "required_if": _("%(field)s is required when “%(other)s” is “%(value)s”."),
    "excluded_unless": _("%(field)s must not be given unless “%(other)s” is “%(value)s”."),
    "required_in_version": _("%(field)s is required by version %(version)s of the standard."),
    "wrong_type": _("%(field)s: expected %(expected)s, found %(found)s."),
    "too_long": _("%(field)s has %(length)s characters; the maximum is %(maximum)s."),
    "too_short": _("%(field)s has %(length)s characters; the minimum is %(minimum)s."),
    "too_short_in_version": _(
        "%(field)s has %(length)s characters; version %(version)s of the standard asks for "
        "%(minimum)s at least."
    ),
    "invalid": _("%(field)s must be %(expected)s (found “%(value)s”)."),
    "at_least_one": _("%(field)s must hold at least one item."),
    "unknown_field": _("Unknown field “%(field)s”."),
    "duplicate_key": _("%(field)s appears twice."),
    "deprecated": _("%(field)s is deprecated: remove it."),
    "deprecated_use": _("%(field)s is deprecated: use %(replacement)s instead."),
    "lowercase_country": _("Lowercase country codes are deprecated: write “%(replacement)s”."),
    "file_url": _("%(field)s: file:// addresses are not allowed; use a relative path or https://."),
    "bad_extension": _("%(field)s: “%(value)s” has an unsupported file type (use %(extensions)s)."),
    "no_such_file": _("%(field)s: the file “%(value)s” does not exist."),
    "bad_png": _("%(field)s: “%(value)s” is not a valid PNG image."),
    "unsupported_version": _(
        "Version “%(value)s” of the standard is not supported: use 0.2, 0.3, 0.4, 0.5 or 0.7 "
        "(or “0” for the newest)."
    ),
    "old_version": _(
        "Version %(value)s is not the latest: the file is read as version %(latest)s; "
        "consider updating it."
    ),
    "duplicate_section": _("“%(replacement)s” is already present: remove the %(field)s section."),
    "unknown_alias": _("%(field)s: “%(value)s” is not in the standard’s list of aliases."),
}

DOCUMENT_PROBLEMS: dict[str, Promise] = {
    "too_large": _("The file is too large."),
    "binary": _("The file is binary, not YAML text."),
    "not_utf8": _("The file is not UTF-8: save it as UTF-8."),
    "too_deep": _("The document is nested too deeply."),
    "not_key": _("A key must be a plain value."),
    "tab": _("A tab was found: YAML indents with spaces only."),
    "invalid_yaml": _("The file is not valid YAML."),
    "empty": _("The file is empty."),
    "not_mapping": _("A publiccode.yml must be a mapping of keys to values."),
    "unreadable": _("The file cannot be read."),
}

EXPECTED: dict[str, Promise] = {
    "url": _("a valid web address"),
    "http_url": _("a web address starting with http:// or https://"),
    "date": _("a date written YYYY-MM-DD"),
    "email": _("a valid email address"),
    "licence": _("a valid SPDX licence expression"),
    "mime": _("a valid MIME type"),
    "language": _("a valid BCP 47 language tag (such as “fr” or “fr-FR”)"),
    "country": _("an ISO 3166-1 alpha-2 country code in capitals"),
    "category": _("a category of the standard’s list"),
    "scope": _("a scope of the standard’s list"),
    "development_status": _("a development status of the standard’s list"),
    "software_type": _("a software type of the standard’s list"),
    "maintenance_type": _("a maintenance type of the standard’s list"),
    "uri": _("a valid URI"),
    "italian_pa_urn": _("urn:x-italian-pa: followed by a code of the iPA index"),
    "codice_ipa": _("a code of the Italian public administration index (iPA)"),
    "extension_version": _("“0.2” or “1.0”"),
    "alias_or_uri": _("an alias of the standard’s list (alias:gdpr …) or a valid URI"),
    "text": _("a text"),
    "boolean": _("true or false"),
    "mapping": _("a mapping of keys to values"),
    "list": _("a list"),
    "languages": _("a mapping of languages"),
    "version_text": _("a quoted text such as “0.7”"),
}

FOUND: dict[str, Promise] = {
    "map": _("a mapping"),
    "seq": _("a list"),
    "empty": _("an empty value"),
    "boolean": _("a boolean"),
    "number": _("a number"),
    "text": _("a text"),
    "value": _("a value"),
}


def render(
    issue: Issue,
    labels: Mapping[str, str] | None = None,
    choices: Mapping[str, str] | None = None,
) -> str:
    """The issue in the active language.

    ``labels`` maps key paths (and the ``other`` key of conditional rules) to what the
    reader sees; ``choices`` maps values to their labels.
    """
    params: dict[str, Any] = dict(issue.params)
    if issue.code == "document":
        problem = DOCUMENT_PROBLEMS.get(str(params.get("problem")))
        return str(problem) if problem is not None else str(params.get("detail", ""))
    template = TEMPLATES.get(issue.code)
    if template is None:
        return issue.message
    field = str(params.get("field", issue.key))
    params["field"] = (labels or {}).get(field) or field
    if "other" in params:
        params["other"] = (labels or {}).get(str(params["other"])) or params["other"]
    if "value" in params and choices:
        params["value"] = choices.get(str(params["value"])) or params["value"]
    if "expected" in params:
        params["expected"] = EXPECTED.get(str(params["expected"]), params["expected"])
    if "found" in params:
        params["found"] = FOUND.get(str(params["found"]), params["found"])
    text = str(template) % params
    if params["field"] == field and text.startswith(field):
        return text  # a key path is shown as written
    return text[:1].upper() + text[1:]
