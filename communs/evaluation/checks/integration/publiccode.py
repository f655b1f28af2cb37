"""publiccode.yml.

What it measures: whether the repository carries a publiccode.yml file at its root, the
metadata standard that public-sector catalogues (Italy, Germany, Switzerland, the
Netherlands, Sweden, the EU) read, and whether the file is valid by the standard
(checked offline by Communs' validator, with its errors as evidence).

Why it matters: the file tells a local government, in a standard form, what the software
does, who maintains it, under which licence and with which dependencies; catalogues
(Communs included) can list the software without retyping it.

How to improve: add a publiccode.yml at the root of the repository (Communs' editor helps
write one), fix what ``communs publiccode validate`` reports, and keep the file up to date
with each release.

Scoring: 10 for a valid file, 9 when valid with warnings, 4 for a file with errors, 0
without one.
"""

from __future__ import annotations

from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

FIX_ERRORS = Remediation(
    "Fix what communs publiccode validate reports, and keep the file up to date with each release.",
    Effort.LOW,
)
NONE = Message(
    "integration.publiccode.none",
    "There is no publiccode.yml at the root of the repository.",
    remediation=Remediation(
        "Add a publiccode.yml at the root of the repository (Communs' editor helps write one).",
        Effort.LOW,
    ),
)
UNREADABLE = Message(
    "integration.publiccode.unreadable", "{file} could not be read.", remediation=FIX_ERRORS
)
TOO_LARGE = Message(
    "integration.publiccode.too_large",
    "{file} is too large to be a publiccode.yml.",
    remediation=FIX_ERRORS,
)
ERRORS = Message(
    "integration.publiccode.errors",
    "{file} has {count} error: {error}",
    plural="{file} has {count} errors, first: {error}",
    count="count",
    remediation=FIX_ERRORS,
)
WARNINGS = Message(
    "integration.publiccode.warnings",
    "{file} is valid (version {version}) with {count} warning.",
    plural="{file} is valid (version {version}) with {count} warnings.",
    count="count",
)
VALID = Message("integration.publiccode.valid", "{file} is valid (version {version}).")


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    files = [path for path in facts.presence["publiccode"] if "/" not in path]
    if not files:
        return Finding.failed(NONE())
    path = files[0]
    content = snapshot.read(path)
    if content is None:
        return Finding.inconclusive(UNREADABLE(file=path), file=path)
    if content.truncated:
        return Finding.partial(TOO_LARGE(file=path), score=4, file=path)
    # Imported here: the validator and its vocabularies cost more to load than most runs
    # need (few repositories have a publiccode.yml).
    from communs.publiccode.validator import validate

    result = validate(content.data)
    errors = [f"{issue.key or path}: {issue.message}" for issue in result.errors]
    warnings = [f"{issue.key}: {issue.message}" for issue in result.warnings]
    evidence = {
        "file": path,
        "version": result.version,
        "errors": errors[:10],
        "warnings": warnings[:10],
    }
    if errors:
        return Finding.partial(
            ERRORS(file=path, count=len(errors), error=errors[0]), score=4, evidence=evidence
        )
    if warnings:
        return Finding.passed(
            WARNINGS(file=path, version=result.version, count=len(warnings)),
            score=9,
            evidence=evidence,
        )
    return Finding.passed(VALID(file=path, version=result.version), evidence=evidence)


CHECK = Check(
    id="integration.publiccode",
    criterion=Criterion.INTEGRATION,
    title="publiccode.yml",
    weight=1,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NONE, UNREADABLE, TOO_LARGE, ERRORS, WARNINGS, VALID),
    evidence={
        "file": "File",
        "version": "Version",
        "errors": "Errors",
        "warnings": "Warnings",
    },
)
