"""Contributor absence factor.

What it measures: the smallest number of people who made at least half of the non-merge
commits of the last two years (bots excluded), the CHAOSS "contributor absence factor",
once called the bus factor.

Why it matters: if one or two people do most of the work, their leaving can stall the
project. A local government should know how much it depends on a few individuals.

How to improve: share knowledge and commit rights, document how the project is built and
released, and pair newcomers with maintainers.

Scoring: 10 for a factor of 5 or more, 7 for 3 or 4, 4 for 2, 1 for 1.
"""

from __future__ import annotations

from communs.evaluation.facts import Facts, merges_by_people
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

SHARE_KNOWLEDGE = Remediation(
    "Share knowledge and commit rights among more people, and document how the project is "
    "built and released.",
    Effort.HIGH,
)
NOBODY = Message(
    "community.absence_factor.nobody",
    "No commit by a person in the last two years: there is no one to count.",
    remediation=SHARE_KNOWLEDGE,
)
PEOPLE = Message(
    "community.absence_factor.people",
    "Half of the last two years' commits come from {people} people.",
    remediation=SHARE_KNOWLEDGE,
)
ONE_PERSON = Message(
    "community.absence_factor.one_person",
    "Half of the last two years' commits come from one person.",
    remediation=SHARE_KNOWLEDGE,
)

ONLY_MERGES = Message(
    "community.absence_factor.only_merges",
    "The last two years hold only merge commits by people ({merges:,}): the work they "
    "merged was committed elsewhere, so there is no one to count.",
    remediation=Remediation(
        "Keep contributors' own commits in the repository's history (merge or rebase their "
        "commits rather than squashing them outside it).",
        Effort.LOW,
    ),
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    factor = facts.bus_factor
    if factor is None:
        merges = merges_by_people(snapshot)
        if merges:
            return Finding.inconclusive(ONLY_MERGES(merges=merges))
        return Finding.inconclusive(NOBODY())
    score = 10 if factor >= 5 else 7 if factor >= 3 else 4 if factor == 2 else 1
    said = ONE_PERSON() if factor == 1 else PEOPLE(people=factor)
    return Finding.graded(said, score=score, bus_factor=factor)


CHECK = Check(
    id="community.absence_factor",
    criterion=Criterion.COMMUNITY,
    title="Contributor absence factor",
    weight=2,
    run=run,
    documentation=__doc__ or "",
    messages=(NOBODY, ONLY_MERGES, PEOPLE, ONE_PERSON),
    evidence={"bus_factor": "Contributor absence factor"},
)
