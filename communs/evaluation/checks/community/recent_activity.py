"""Recent activity.

What it measures: how many commits reached the main branch in the last twelve months, and
how long ago the last one was.

Why it matters: software nobody works on any more stops receiving security fixes and
falls behind browsers, operating systems and laws. A local government that adopts it
inherits that risk alone.

How to improve: merge work regularly into the main branch; a project that moved to
another forge should say so in its README and archive the old repository.

Scoring: 10 for 100 commits or more in twelve months, 8 from 50, 6 from 20, 4 from 5,
2 from 1, 0 for none.
"""

from __future__ import annotations

from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

STEPS = ((100, 10), (50, 8), (20, 6), (5, 4), (1, 2))


MERGE_REGULARLY = Remediation(
    "Merge work regularly into the main branch; a project that moved to another forge should "
    "say so in its README and archive the old repository.",
    Effort.MEDIUM,
)
NO_COMMIT = Message(
    "community.recent_activity.no_commit",
    "The repository has no commit.",
    remediation=MERGE_REGULARLY,
)
NONE_IN_WINDOW = Message(
    "community.recent_activity.none_in_window",
    "No commit in the last 12 months; the last one is from {last_commit_at}.",
    remediation=MERGE_REGULARLY,
)
COMMITS_IN_WINDOW = Message(
    "community.recent_activity.commits_in_window",
    "{commits} commit in the last 12 months.",
    plural="{commits} commits in the last 12 months.",
    count="commits",
    remediation=MERGE_REGULARLY,
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    evidence = {"commits_12m": facts.commits_12m, "last_commit_at": facts.last_commit_at}
    if facts.commits_total == 0:
        return Finding.failed(NO_COMMIT(), evidence=evidence)
    if facts.commits_12m == 0:
        return Finding.failed(
            NONE_IN_WINDOW(last_commit_at=facts.last_commit_at), evidence=evidence
        )
    score = next(points for threshold, points in STEPS if facts.commits_12m >= threshold)
    return Finding.graded(
        COMMITS_IN_WINDOW(commits=facts.commits_12m), score=score, evidence=evidence
    )


CHECK = Check(
    id="community.recent_activity",
    criterion=Criterion.COMMUNITY,
    title="Recent activity",
    weight=3,
    run=run,
    documentation=__doc__ or "",
    messages=(NO_COMMIT, NONE_IN_WINDOW, COMMITS_IN_WINDOW),
    evidence={"commits_12m": "Commits in 12 months", "last_commit_at": "Last commit"},
)
