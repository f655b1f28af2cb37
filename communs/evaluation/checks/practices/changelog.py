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
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

VERSION = re.compile(r"^(?:[\w.-]*?[-_/])?v?\d+\.\d+(?:\.\d+)?(?:[-+.][\w.-]+)?$", re.IGNORECASE)


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
    parts = ["a changelog" if changelogs else "no changelog"]
    parts.append(
        f"{len(versioned)} of {len(names)} tags are version numbers" if names else "no tags"
    )
    return Finding.graded("; ".join(parts).capitalize() + ".", score=score, evidence=evidence)


CHECK = Check(
    id="practices.changelog",
    criterion=Criterion.PRACTICES,
    title="Changelog and versioning",
    weight=1,
    run=run,
    documentation=__doc__ or "",
)
