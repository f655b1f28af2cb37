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
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

ADD_GUIDE = Remediation(
    "Add a CONTRIBUTING file that says how to report, propose and test a change.", Effort.LOW
)
ADD_CONDUCT = Remediation(
    "Add a CODE_OF_CONDUCT file; the Contributor Covenant is a common choice.", Effort.LOW
)
BOTH = Message("practices.contribution_guide.both", "A contribution guide and a code of conduct.")
GUIDE_ONLY = Message(
    "practices.contribution_guide.guide_only",
    "A contribution guide, but no code of conduct.",
    remediation=ADD_CONDUCT,
)
CONDUCT_ONLY = Message(
    "practices.contribution_guide.conduct_only",
    "A code of conduct, but no contribution guide.",
    remediation=ADD_GUIDE,
)
NEITHER = Message(
    "practices.contribution_guide.neither",
    "Neither a contribution guide nor a code of conduct.",
    remediation=Remediation(
        "Add a CONTRIBUTING file (how to report, propose and test a change) and a "
        "CODE_OF_CONDUCT file.",
        Effort.LOW,
    ),
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    guide, conduct = facts.presence["contributing"], facts.presence["code_of_conduct"]
    evidence = {"contributing": guide, "code_of_conduct": conduct}
    if guide and conduct:
        return Finding.passed(BOTH(), evidence=evidence)
    if guide:
        return Finding.partial(GUIDE_ONLY(), score=5, evidence=evidence)
    if conduct:
        return Finding.partial(CONDUCT_ONLY(), score=5, evidence=evidence)
    return Finding.failed(NEITHER(), evidence=evidence)


CHECK = Check(
    id="practices.contribution_guide",
    criterion=Criterion.PRACTICES,
    title="Contribution guide and code of conduct",
    weight=1,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(BOTH, GUIDE_ONLY, CONDUCT_ONLY, NEITHER),
    evidence={"contributing": "Contribution guide", "code_of_conduct": "Code of conduct"},
)
