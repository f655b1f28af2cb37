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

from communs.evaluation.facts import Facts
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    factor = facts.bus_factor
    if factor is None:
        return Finding.inconclusive(
            "No commit by a person in the last two years: there is no one to count."
        )
    score = 10 if factor >= 5 else 7 if factor >= 3 else 4 if factor == 2 else 1
    who = "one person" if factor == 1 else f"{factor} people"
    return Finding.graded(
        f"Half of the last two years' commits come from {who}.", score=score, bus_factor=factor
    )


CHECK = Check(
    id="community.absence_factor",
    criterion=Criterion.COMMUNITY,
    title="Contributor absence factor",
    weight=2,
    run=run,
    documentation=__doc__ or "",
)
