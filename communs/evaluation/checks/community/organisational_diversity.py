"""Organisational diversity.

What it measures: the smallest number of organisations whose people made at least half of
the non-merge commits of the last two years (the CHAOSS "elephant factor"). The
organisation is the author's email domain; people using free or personal mail count as
their own organisation.

Why it matters: a project carried by a single company depends on that company's strategy.
Several organisations, public or private, make it more durable and harder to capture.

How to improve: invite other users (local governments, providers, associations) to
contribute and to share governance; contributors can commit with their organisation's
email.

Scoring: 10 for 3 organisations or more, 6 for 2, 2 for 1.
"""

from __future__ import annotations

from communs.evaluation.facts import Facts, merges_by_people
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

INVITE = Remediation(
    "Invite other users (local governments, providers, associations) to contribute and to "
    "share governance.",
    Effort.HIGH,
)
NOBODY = Message(
    "community.organisational_diversity.nobody",
    "No commit by a person in the last two years.",
    remediation=INVITE,
)
ONE = Message(
    "community.organisational_diversity.one",
    "Half of the last two years' commits come from one organisation.",
    remediation=INVITE,
)
SEVERAL = Message(
    "community.organisational_diversity.several",
    "Half of the last two years' commits come from {organisations} organisations.",
    remediation=INVITE,
)

ONLY_MERGES = Message(
    "community.organisational_diversity.only_merges",
    "The last two years hold only merge commits by people ({merges:,}): the work they "
    "merged was committed elsewhere, so there is no one to count.",
    remediation=Remediation(
        "Keep contributors' own commits in the repository's history (merge or rebase their "
        "commits rather than squashing them outside it).",
        Effort.LOW,
    ),
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    factor = facts.elephant_factor
    if factor is None:
        merges = merges_by_people(snapshot)
        if merges:
            return Finding.inconclusive(ONLY_MERGES(merges=merges))
        return Finding.inconclusive(NOBODY())
    score = 10 if factor >= 3 else 6 if factor == 2 else 2
    return Finding.graded(
        ONE() if factor == 1 else SEVERAL(organisations=factor),
        score=score,
        elephant_factor=factor,
        top_organisations_percent=facts.top_organisations_24m,
    )


CHECK = Check(
    id="community.organisational_diversity",
    criterion=Criterion.COMMUNITY,
    title="Organisational diversity",
    weight=2,
    run=run,
    documentation=__doc__ or "",
    messages=(NOBODY, ONLY_MERGES, ONE, SEVERAL),
    evidence={
        "elephant_factor": "Organisational diversity factor",
        "top_organisations_percent": "Share of commits by organisation, in percent",
    },
)
