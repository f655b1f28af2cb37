"""Longevity.

What it measures: how long the project has existed, from its first commit to the date of
the evaluation.

Why it matters: a project that has lasted years has survived changes of maintainers and
technologies; a very young one may still change course. Age is no guarantee, which is why
this check weighs less than the others.

How to improve: time does it; a project that moved from another repository can keep its
history when migrating so that its age shows.

Scoring: 10 from five years, 8 from three, 5 from one, 2 below one year.
"""

from __future__ import annotations

from datetime import UTC, datetime

from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

NO_COMMIT = Message(
    "community.longevity.no_commit",
    "The repository has no commit.",
    remediation=Remediation(
        "Publish the project's history in the repository, keeping it when migrating.",
        Effort.LOW,
    ),
)
NO_DATE = Message(
    "community.longevity.no_date",
    "No commit has a readable date at or before the evaluation.",
)
AGE = Message(
    "community.longevity.age",
    "The first commit is {years} years old ({first_commit_at}).",
    remediation=Remediation(
        "Time does it; a project that moved from another repository can keep its history "
        "when migrating so that its age shows.",
        Effort.LOW,
    ),
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    if not snapshot.commits_total:
        return Finding.failed(NO_COMMIT())
    if facts.first_commit_at is None:  # every date unparseable or after as_of
        return Finding.inconclusive(NO_DATE())
    # The facts' first commit: readable dates at or before as_of only, so never negative.
    # fromisoformat, not strptime: its first use compiles an expression after git's reads.
    first = datetime.fromisoformat(facts.first_commit_at).replace(tzinfo=UTC)
    days = (snapshot.as_of.astimezone(UTC) - first).days
    years = round(days / 365.25, 1)
    score = 10 if years >= 5 else 8 if years >= 3 else 5 if years >= 1 else 2
    return Finding.graded(
        AGE(years=years, first_commit_at=facts.first_commit_at),
        score=score,
        age_years=years,
        first_commit_at=facts.first_commit_at,
    )


CHECK = Check(
    id="community.longevity",
    criterion=Criterion.COMMUNITY,
    title="Longevity",
    weight=1,
    run=run,
    documentation=__doc__ or "",
    messages=(NO_COMMIT, NO_DATE, AGE),
    evidence={"age_years": "Age in years", "first_commit_at": "First commit"},
)
