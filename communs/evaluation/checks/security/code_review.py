"""Code review.

What it measures: among the last 30 changes of the main line (first parents), the share
that shows evidence of review in the history itself: a merge of a pull or merge request, a
change merged through a forge's web interface (committed by the forge for another author,
or titled with its request number), or a ``Reviewed-by``, ``Approved-by``, ``Reviewed-on``
or ``Acked-by`` trailer. OpenSSF Scorecard's Code-Review check asks the forge online
whether each change was approved; the history shows only that a change went through a
request or names a reviewer, which is the evidence available offline.

Why it matters: a second pair of eyes on every change catches mistakes and makes it much
harder to slip malicious code into the software a local government runs.

How to improve: merge every change through a reviewed pull or merge request (protect the
main branch), or record reviewers in ``Reviewed-by`` trailers.

Scoring: 10 times the share of changes with evidence of review.
"""

from __future__ import annotations

import re

from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Changeset, Snapshot

REQUEST_MERGE = re.compile(
    r"^Merge (?:pull request|PR) #\d+|^Merge branch .* into .*|See merge request|^Merged PR \d+",
    re.IGNORECASE,
)
REQUEST_NUMBER = re.compile(r"\((?:#|!)\d+\)\s*$")
FORGES = frozenset({"noreply@github.com", "noreply@gitlab.com", "noreply@codeberg.org"})

REVIEW = Remediation(
    "Merge every change through a reviewed pull or merge request (protect the main branch), "
    "or record reviewers in Reviewed-by trailers.",
    Effort.MEDIUM,
)
NO_CHANGES = Message("security.code_review.no_changes", "The main line has no commit.")
SHARE = Message(
    "security.code_review.share",
    "{reviewed} of the last {changes} changes show evidence of review.",
    remediation=REVIEW,
)
ALL = Message(
    "security.code_review.all",
    "All of the last {changes} changes show evidence of review.",
)


def evidence_of_review(change: Changeset) -> str | None:
    """Why a change counts as reviewed, or None."""
    if change.review_trailers:
        return "trailer"
    if change.parent_count > 1 and REQUEST_MERGE.search(change.subject):
        return "merged request"
    if change.committer_email in FORGES and change.author_email != change.committer_email:
        return "merged on the forge"
    if REQUEST_NUMBER.search(change.subject):
        return "request number"
    return None


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    changes = snapshot.changesets
    if not changes:
        return Finding.not_applicable(NO_CHANGES())
    reasons = {change.sha: evidence_of_review(change) for change in changes}
    reviewed = [sha for sha, reason in reasons.items() if reason]
    unreviewed = [sha for sha, reason in reasons.items() if not reason]
    kinds: dict[str, int] = {}
    for reason in reasons.values():
        if reason:
            kinds[reason] = kinds.get(reason, 0) + 1
    evidence = {
        "changes": len(changes),
        "reviewed": len(reviewed),
        "evidence_kinds": dict(sorted(kinds.items())),
        "unreviewed_examples": unreviewed[:5],
    }
    if not unreviewed:
        return Finding.passed(ALL(changes=len(changes)), evidence=evidence)
    score = round(10 * len(reviewed) / len(changes))
    said = SHARE(reviewed=len(reviewed), changes=len(changes))
    return Finding.graded(said, score=score, evidence=evidence)


CHECK = Check(
    id="security.code_review",
    criterion=Criterion.SECURITY,
    title="Code review",
    weight=2,
    run=run,
    documentation=__doc__ or "",
    messages=(NO_CHANGES, SHARE, ALL),
    evidence={
        "changes": "Changes looked at",
        "reviewed": "With evidence of review",
        "evidence_kinds": "Kinds of evidence",
        "unreviewed_examples": "Changes without evidence (examples)",
    },
)
