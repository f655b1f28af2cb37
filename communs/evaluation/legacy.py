"""Reports of older schema versions read as the current one.

Version 2 reports lack the facts added in version 3 (``bots_total``, ``bot_commits_12m``,
``releases_total``, ``anomalies``), which the schema does not require: they are read as
they are, relabelled.

Version 1 reports carry each check's reason as an English sentence only. Every such sentence
came from a template that checks now declare as a Message, so the sentence is matched back
against the templates of its check to recover the code and parameters; a match is kept only
when the template, filled with the parameters found, gives the sentence back word for word.
A sentence that no template gives back keeps its text under the code ``engine.legacy``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import Any

from communs.evaluation.messages import ENGLISH, LIST_SPECS, Message, Statement
from communs.evaluation.registry import BY_ID
from communs.evaluation.report import SCHEMA_VERSION
from communs.evaluation.results import ENGINE_MESSAGES, LEGACY, NOT_PASSING

# Parameters that hold text even when they look like numbers ("0.2" is a version).
TEXT_PARAMS = frozenset({"version", "file", "spdx", "job", "error", "first_commit_at"})
# Templates a message had before it said its plural properly: old sentences still read back.
FORMER_TEMPLATES: dict[str, tuple[str, ...]] = {
    "integration.publiccode.errors": ("{file} has {count} error(s), first: {error}",),
    "integration.publiccode.warnings": (
        "{file} is valid (version {version}) with {count} warning(s).",
    ),
    "security.dangerous_workflows.untrusted_checkout": (
        "{count} dangerous pattern(s), first an untrusted checkout in {file} (job {job}).",
    ),
    "security.dangerous_workflows.script_injection": (
        "{count} dangerous pattern(s), first a script injection in {file} (job {job}).",
    ),
}
INTEGER = re.compile(r"^-?\d+$")
DECIMAL = re.compile(r"^-?\d+\.\d+$")


def _pattern(template: str) -> re.Pattern[str]:
    parts = []
    for literal, name, spec, _conversion in ENGLISH.parse(template):
        parts.append(re.escape(literal))
        if name:
            parts.append(f"(?P<{name}>.+?)")
            del spec
    return re.compile("^" + "".join(parts) + "$", re.DOTALL)


def _specs(template: str) -> dict[str, str]:
    return {name: spec or "" for _l, name, spec, _c in ENGLISH.parse(template) if name}


def _value(name: str, text: str, spec: str) -> Any:
    if spec in LIST_SPECS:
        return text.split(LIST_SPECS[spec])
    if spec == ",":
        return int(text.replace(",", ""))
    if name not in TEXT_PARAMS:
        if INTEGER.match(text):
            return int(text)
        if DECIMAL.match(text):
            return float(text)
    return text


def parse(message: Message, sentence: str) -> Statement | None:
    """The statement that says this English sentence with this message, if one does."""
    templates = (message.text, message.plural, *FORMER_TEMPLATES.get(message.code, ()))
    for template in dict.fromkeys(filter(None, templates)):
        match = _pattern(template).match(sentence)
        if not match:
            continue
        specs = _specs(template)
        params = {name: _value(name, text, specs[name]) for name, text in match.groupdict().items()}
        statement = message(**params)
        # Keep the match only if it reads back the same (plurals once wrong now read right).
        if statement.english() == sentence or ENGLISH.vformat(template, (), params) == sentence:
            return statement
    return None


def recognise(check_id: str, sentence: str) -> Statement:
    check = BY_ID.get(check_id)
    candidates: Iterable[Message] = (*(check.messages if check else ()), *ENGINE_MESSAGES)
    for message in candidates:
        if message is LEGACY:
            continue
        found = parse(message, sentence)
        if found is not None:
            return found
    return LEGACY(text=sentence)


def upgrade(report: dict[str, Any]) -> dict[str, Any]:
    """A copy of a stored report in the current schema; a current report is returned as is."""
    if report.get("schema_version") == SCHEMA_VERSION:
        return report
    upgraded = copy.deepcopy(report)
    for entry in upgraded.get("checks", []):
        if "code" in entry:
            continue
        statement = recognise(entry["id"], entry["reason"])
        remediation = statement.message.remediation
        entry.update(
            code=statement.code,
            params=dict(statement.params),
            reason=statement.english(),
            remediation=(
                remediation.as_json()
                if remediation and entry["outcome"] in NOT_PASSING | {"inconclusive"}
                else None
            ),
        )
        # Keys in the order the engine writes them.
        order = ["id", "criterion", "title", "score", "outcome", "code", "params", "reason"]
        order += ["remediation", "evidence"]
        entry_copy = dict(entry)
        entry.clear()
        entry.update({key: entry_copy[key] for key in order if key in entry_copy})
    rest = {key: value for key, value in upgraded.items() if key != "schema_version"}
    return {"schema_version": SCHEMA_VERSION, **rest}
