"""Release cadence.

What it measures: how many releases (git tags that name a version, such as v2.3.1) were
made in the last twelve months, and when the last one was.

Why it matters: regular releases let a local government plan upgrades, get fixes in a
known version, and tell a provider exactly what to install. A project that never tags
releases leaves users to pick an arbitrary commit.

How to improve: tag every release (for example ``v2.3.1``) and publish release notes;
releases made only on a package registry should also be tagged in the repository.

Scoring: 10 for 4 releases or more in twelve months, 7 for 2 or 3, 5 for 1, 2 when
releases exist but none in twelve months, 0 without any release.
"""

from __future__ import annotations

from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

TAG_RELEASES = Remediation(
    "Tag every release in the repository (for example v2.3.1) and publish release notes.",
    Effort.LOW,
)
NO_TAG = Message(
    "community.release_cadence.no_tag",
    "The repository has no tag, so no identifiable release.",
    remediation=TAG_RELEASES,
)
NO_VERSION_TAG = Message(
    "community.release_cadence.no_version_tag",
    "The repository has {tags} tag but none names a version, so no identifiable release.",
    plural="The repository has {tags} tags but none names a version, so no identifiable release.",
    count="tags",
    remediation=TAG_RELEASES,
)
NONE_IN_WINDOW = Message(
    "community.release_cadence.none_in_window",
    "No release in the last 12 months; the newest tag is from {last_release_at}.",
    remediation=TAG_RELEASES,
)
RELEASES = Message(
    "community.release_cadence.releases",
    "{releases} release in the last 12 months.",
    plural="{releases} releases in the last 12 months.",
    count="releases",
    remediation=TAG_RELEASES,
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    evidence = {
        "releases_12m": facts.releases_12m,
        "tags_total": facts.tags_total,
        "releases_total": facts.releases_total,
        "last_release_at": facts.last_release_at,
    }
    if facts.tags_total == 0:
        return Finding.failed(NO_TAG(), evidence=evidence)
    if facts.releases_total == 0:
        return Finding.failed(NO_VERSION_TAG(tags=facts.tags_total), evidence=evidence)
    count = facts.releases_12m
    if count == 0:
        return Finding.failed(
            NONE_IN_WINDOW(last_release_at=facts.last_release_at),
            score=2,
            evidence=evidence,
        )
    score = 10 if count >= 4 else 7 if count >= 2 else 5
    return Finding.graded(RELEASES(releases=count), score=score, evidence=evidence)


CHECK = Check(
    id="community.release_cadence",
    criterion=Criterion.COMMUNITY,
    title="Release cadence",
    weight=2,
    run=run,
    documentation=__doc__ or "",
    messages=(NO_TAG, NO_VERSION_TAG, NONE_IN_WINDOW, RELEASES),
    evidence={
        "releases_12m": "Releases in 12 months",
        "tags_total": "Tags in all",
        "releases_total": "Releases in all",
        "last_release_at": "Last release",
    },
)
