"""Changelog and versioning.

What it measures: whether the repository keeps a changelog (CHANGELOG, NEWS, HISTORY,
release notes) and whether its tags follow a version scheme (``1.2.3``, ``v2.0``).

Why it matters: before upgrading, a local government needs to know what changed, what
breaks and what was fixed; version numbers tell it how big a change is.

How to improve: keep a CHANGELOG (for example in the "Keep a Changelog" format) and tag
releases with semantic versions.

Scoring: 5 for a changelog, 5 when at least 80% of tags are version numbers (3 from
half).
"""

from __future__ import annotations

import re

from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

VERSION = re.compile(r"^(?:[\w.-]*?[-_/])?v?\d+\.\d+(?:\.\d+)?(?:[-+.][\w.-]+)?$", re.IGNORECASE)


KEEP_A_CHANGELOG = Remediation(
    "Keep a CHANGELOG (for example in the Keep a Changelog format) and tag releases with "
    "semantic versions.",
    Effort.LOW,
)


def _message(name: str, text: str, *, plural: str = "", count: str = "") -> Message:
    return Message(
        f"practices.changelog.{name}",
        text,
        plural=plural,
        count=count,
        remediation=KEEP_A_CHANGELOG,
    )


# (has a changelog, has tags) -> what the check says.
SAYINGS = {
    (True, True): _message(
        "changelog_and_versions",
        "A changelog; {versioned} of {tags} tags are version numbers.",
        plural="A changelog; {versioned} of {tags} tags are version numbers.",
        count="tags",
    ),
    (True, False): _message("changelog_no_tags", "A changelog; no tags."),
    (False, True): _message(
        "versions_only",
        "No changelog; {versioned} of {tags} tags are version numbers.",
        plural="No changelog; {versioned} of {tags} tags are version numbers.",
        count="tags",
    ),
    (False, False): _message("nothing", "No changelog; no tags."),
}


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    changelogs = facts.presence["changelog"]
    names = [tag.name for tag in snapshot.tags]
    versioned = [name for name in names if VERSION.match(name)]
    share = len(versioned) / len(names) if names else 0.0
    version_points = 5 if share >= 0.8 else 3 if share >= 0.5 else 0
    score = (5 if changelogs else 0) + version_points
    evidence = {
        "changelog": changelogs,
        "tags": len(names),
        "version_tags": len(versioned),
        "examples": versioned[-3:],
    }
    message = SAYINGS[bool(changelogs), bool(names)]
    params = {"versioned": len(versioned), "tags": len(names)} if names else {}
    return Finding.graded(message(**params), score=score, evidence=evidence)


CHECK = Check(
    id="practices.changelog",
    criterion=Criterion.PRACTICES,
    title="Changelog and versioning",
    weight=1,
    run=run,
    documentation=__doc__ or "",
    messages=tuple(SAYINGS.values()),
    evidence={
        "changelog": "Changelog",
        "tags": "Tags",
        "version_tags": "Version tags",
        "examples": "Examples",
    },
)
