"""Active contributors.

What it measures: how many different people (bots excluded) committed in the last twelve
months, with how many of them are new and how many stopped after the year before.

Why it matters: a community of several active people can answer questions, review changes
and keep going when one of them leaves. A local government depending on one volunteer is
fragile.

How to improve: welcome newcomers with a contribution guide and issues for beginners,
review outside contributions quickly, and credit contributors.

Scoring: 10 for 10 active contributors or more, 8 from 5, 5 from 3, 3 for 2, 1 for one
person, 0 for none.
"""

from __future__ import annotations

from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

STEPS = ((10, 10), (5, 8), (3, 5), (2, 3), (1, 1))


WELCOME = Remediation(
    "Welcome newcomers with a contribution guide and issues for beginners, and review "
    "outside contributions quickly.",
    Effort.HIGH,
)
NOBODY = Message(
    "community.active_contributors.nobody",
    "Nobody committed in the last 12 months.",
    remediation=WELCOME,
)
ACTIVE = Message(
    "community.active_contributors.active",
    "{active} person committed in the last 12 months ({new} new).",
    plural="{active} people committed in the last 12 months ({new} new).",
    count="active",
    remediation=WELCOME,
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    active = facts.active_authors_12m
    evidence = {
        "active_authors_12m": active,
        "new_authors_12m": facts.new_authors_12m,
        "inactive_authors_12m": facts.inactive_authors_12m,
        "authors_total": facts.authors_total,
    }
    if active == 0:
        return Finding.failed(NOBODY(), evidence=evidence)
    score = next(points for threshold, points in STEPS if active >= threshold)
    return Finding.graded(
        ACTIVE(active=active, new=facts.new_authors_12m), score=score, evidence=evidence
    )


CHECK = Check(
    id="community.active_contributors",
    criterion=Criterion.COMMUNITY,
    title="Active contributors",
    weight=3,
    run=run,
    documentation=__doc__ or "",
    messages=(NOBODY, ACTIVE),
    evidence={
        "active_authors_12m": "Active contributors in 12 months",
        "new_authors_12m": "New contributors in 12 months",
        "inactive_authors_12m": "Contributors who stopped in 12 months",
        "authors_total": "Contributors in all",
    },
)
