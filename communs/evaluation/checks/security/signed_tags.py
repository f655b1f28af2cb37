"""Signed release tags.

What it measures: the share of the ten most recent tags that are annotated and carry a
signature (OpenPGP, SSH or X.509). The signature is detected, not verified: the engine has
no keys and never contacts a key server.

Why it matters: a signed tag lets a local government or its provider check that a release
really comes from the maintainers and was not altered on its way.

How to improve: sign release tags (``git tag -s``) and publish the maintainers' public
keys.

Scoring: 10 times the share of signed tags; not applicable without tags.
"""

from __future__ import annotations

from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

RECENT = 10


NO_TAG = Message("security.signed_tags.no_tag", "The repository has no tag.")
SIGNED = Message(
    "security.signed_tags.signed",
    "{signed} of the {recent} most recent tags are signed.",
    remediation=Remediation(
        "Sign release tags (git tag -s) and publish the maintainers' public keys.", Effort.LOW
    ),
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    if not snapshot.tags:
        return Finding.not_applicable(NO_TAG())
    recent = sorted(snapshot.tags, key=lambda tag: (tag.dated_at or 0, tag.name))[-RECENT:]
    signed = [tag.name for tag in recent if tag.signed]
    score = round(10 * len(signed) / len(recent))
    evidence = {"recent_tags": [tag.name for tag in recent], "signed": signed}
    return Finding.graded(
        SIGNED(signed=len(signed), recent=len(recent)),
        score=score,
        evidence=evidence,
    )


CHECK = Check(
    id="security.signed_tags",
    criterion=Criterion.SECURITY,
    title="Signed release tags",
    weight=1,
    run=run,
    documentation=__doc__ or "",
    messages=(NO_TAG, SIGNED),
    evidence={"recent_tags": "Most recent tags", "signed": "Signed tags"},
)
