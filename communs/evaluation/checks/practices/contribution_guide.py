"""Contribution guide and code of conduct.

What it measures: whether the repository has a contribution guide (CONTRIBUTING) and a
code of conduct.

Why it matters: a local government or its provider that wants to contribute a fix needs
to know how; a code of conduct tells everyone how the community behaves and handles
conflicts.

How to improve: add a CONTRIBUTING file (how to report, propose and test a change) and a
CODE_OF_CONDUCT file (the Contributor Covenant is a common choice).

Scoring: 5 for each file.
"""

from __future__ import annotations

from communs.evaluation.facts import Facts
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    guide, conduct = facts.presence["contributing"], facts.presence["code_of_conduct"]
    evidence = {"contributing": guide, "code_of_conduct": conduct}
    if guide and conduct:
        return Finding.passed("A contribution guide and a code of conduct.", evidence=evidence)
    if guide:
        return Finding.partial(
            "A contribution guide, but no code of conduct.", score=5, evidence=evidence
        )
    if conduct:
        return Finding.partial(
            "A code of conduct, but no contribution guide.", score=5, evidence=evidence
        )
    return Finding.failed("Neither a contribution guide nor a code of conduct.", evidence=evidence)


CHECK = Check(
    id="practices.contribution_guide",
    criterion=Criterion.PRACTICES,
    title="Contribution guide and code of conduct",
    weight=1,
    run=run,
    documentation=__doc__ or "",
)
