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
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot
from communs.publiccode.validator import validate


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    files = [path for path in facts.presence["publiccode"] if "/" not in path]
    if not files:
        return Finding.failed("There is no publiccode.yml at the root of the repository.")
    path = files[0]
    content = snapshot.read(path)
    if content is None:
        return Finding.inconclusive(f"{path} could not be read.", file=path)
    if content.truncated:
        return Finding.partial(f"{path} is too large to be a publiccode.yml.", score=4, file=path)
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
            f"{path} has {len(errors)} error(s), first: {errors[0]}", score=4, evidence=evidence
        )
    if warnings:
        return Finding.passed(
            f"{path} is valid (version {result.version}) with {len(warnings)} warning(s).",
            score=9,
            evidence=evidence,
        )
    return Finding.passed(f"{path} is valid (version {result.version}).", evidence=evidence)


CHECK = Check(
    id="integration.publiccode",
    criterion=Criterion.INTEGRATION,
    title="publiccode.yml",
    weight=1,
    run=run,
    documentation=__doc__ or "",
)
