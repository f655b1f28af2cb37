"""What a check result says, in the reader's language, from its code and parameters.

The engine declares every message in English; `make messages` writes the templates,
plurals, terms, remediations and evidence labels into ``methodology_messages.py`` so that
they are translated like any other string. Here the stored code and parameters are
rendered with the translated template, French plurals, and the language's number and
date formats. A code the engine no longer declares falls back to the stored English
sentence, marked as English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from communs.evaluation import CHECKS
from communs.evaluation.messages import Effort, Message, Remediation, TemplateFormatter
from communs.evaluation.results import CHECK_FAILED, ENGINE_MESSAGES, LEGACY, UNDECLARED, Check
from communs.evaluation.vocabulary import EVIDENCE_TERMS
from communs.evaluations.issues import publiccode_issue

MESSAGES: dict[str, Message] = {
    message.code: message
    for message in (*(m for check in CHECKS for m in check.messages), *ENGINE_MESSAGES)
}
EVIDENCE_LABELS: dict[str, Mapping[str, str]] = {check.id: check.evidence for check in CHECKS}
EFFORT_LABELS = {
    Effort.LOW: _("low effort"),
    Effort.MEDIUM: _("medium effort"),
    Effort.HIGH: _("high effort"),
}
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


class LocalisedFormatter(TemplateFormatter):
    """Numbers and dates in the active language's formats."""

    def format_number(self, value: float, *, grouped: bool) -> str:
        # Every count is grouped as the language writes it ("1 099 commits" in French):
        # the engine's messages hold no years or identifiers as numbers.
        return str(number_format(value, force_grouping=True))

    def format_text(self, value: Any) -> str:
        if isinstance(value, bool):
            return gettext("yes") if value else gettext("no")
        if isinstance(value, str) and TIMESTAMP.match(value):
            moment = parse_datetime(value)
            if moment is not None:
                return str(date_format(moment, "DATE_FORMAT"))
        return str(value)


LOCAL = LocalisedFormatter()


@dataclass(frozen=True)
class Said:
    """A sentence for the page, and whether it had to stay in English."""

    text: str
    english: bool = False


# What the engine says of its own defects, whose parameter is an English exception or a
# name of its code: the site says a sentence of its own, the curators read the detail.
DEFECTS = {
    CHECK_FAILED.code: _(
        "The check could not be completed because of an error in Communs; the curators have "
        "its technical detail."
    ),
    UNDECLARED.code: _(
        "The check gave a result that it does not declare, a defect of Communs; the curators "
        "have its technical detail."
    ),
}
# Parameters that hold an English sentence of the publiccode.yml validator ("key: message").
ISSUE_PARAMS = {("integration.publiccode.errors", "error")}


def say(code: str, params: Mapping[str, Any], english: str) -> Said:
    """The message of this code with these parameters, in the active language."""
    if code in DEFECTS:
        return Said(str(DEFECTS[code]))
    message = MESSAGES.get(code)
    if message is None or message is LEGACY:
        return Said(english, english=True)
    values: dict[str, Any] = {}
    for name, value in params.items():
        if name in message.terms:
            values[name] = (
                [gettext(word) for word in value] if isinstance(value, list) else gettext(value)
            )
        elif (code, name) in ISSUE_PARAMS:
            told = publiccode_issue(str(value))
            if told.english:
                return Said(english, english=True)
            values[name] = told.text
        else:
            values[name] = value
    try:
        if message.count:
            count = params[message.count]
            template = ngettext(message.text, message.plural, int(count))
        else:
            template = gettext(message.text)
        return Said(LOCAL.vformat(template, (), values))
    except (KeyError, IndexError, TypeError, ValueError):
        return Said(english, english=True)


@dataclass(frozen=True)
class Advice:
    text: str
    effort: str
    english: bool = False


def advise(code: str, stored: Remediation | None) -> Advice | None:
    """The remediation of a result: the message's current one, translated; else the stored."""
    if stored is None:
        return None
    message = MESSAGES.get(code)
    current = message.remediation if message is not None else None
    if current is None:
        return Advice(stored.text, str(EFFORT_LABELS[stored.effort]), english=True)
    return Advice(gettext(current.text), str(EFFORT_LABELS[current.effort]))


class _Blanks(TemplateFormatter):
    """Fills every field with an ellipsis: a template as the methodology page shows it."""

    def get_value(self, key: int | str, args: Any, kwargs: Mapping[str, Any]) -> Any:
        return "…"

    def format_field(self, value: Any, format_spec: str) -> str:
        return "…"


BLANKS = _Blanks()


@dataclass(frozen=True)
class PossibleResult:
    code: str
    text: str
    remediation: str
    effort: str


def possible_results(check: Check) -> list[PossibleResult]:
    """Every message a check can give, with its remediation, in the active language."""
    found = []
    for message in check.messages:
        template = (
            ngettext(message.text, message.plural, 2) if message.plural else gettext(message.text)
        )
        remediation = message.remediation
        found.append(
            PossibleResult(
                code=message.code,
                text=BLANKS.vformat(template, (), {}),
                remediation=gettext(remediation.text) if remediation else "",
                effort=str(EFFORT_LABELS[remediation.effort]) if remediation else "",
            )
        )
    return found


def catalogue() -> list[tuple[str, str]]:
    """Every translatable string of the checks' results, as (kind, English) pairs.

    Kinds: ``message`` (a template), ``plural`` (its plural, following it), ``term`` (a
    word of a message's parameters or of evidence), ``remediation``, ``evidence`` (a label).
    """
    found: list[tuple[str, str]] = []
    for message in MESSAGES.values():
        if message is LEGACY:
            continue
        found.append(("message", message.text))
        if message.plural:
            found.append(("plural", message.plural))
        for words in message.terms.values():
            found += [("term", word) for word in words]
        if message.remediation is not None:
            found.append(("remediation", message.remediation.text))
    for check in CHECKS:
        found += [("evidence", label) for label in check.evidence.values()]
    for terms in EVIDENCE_TERMS.values():
        found += [("term", word) for word in terms]
    return found
