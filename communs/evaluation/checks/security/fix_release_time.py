"""Time to release security fixes.

What it measures: for the commits of the last three years whose message names a CVE or a
GitHub security advisory (GHSA), the number of days until the next release tag (a tag whose
name is a version number) dated at or after the fix; the median over those fixes.

Why it matters: a fix helps a local government only once it is released. A project that
ships security fixes within days keeps the window of exposure short.

How to improve: cut a release as soon as a security fix lands (a patch release on each
maintained branch), and name the CVE or advisory in the release notes.

Scoring: 10 for a median of 7 days or less, 7 up to 30 days, 4 up to 90 days, 1 beyond or
when a fix has no release yet; not applicable without such commits.
"""

from __future__ import annotations

import bisect

from communs.evaluation.facts import DAY, Facts, is_release
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

RELEASE_FIXES = Remediation(
    "Cut a release as soon as a security fix lands (a patch release on each maintained "
    "branch), and name the CVE or advisory in the release notes.",
    Effort.MEDIUM,
)
NO_FIXES = Message(
    "security.fix_release_time.no_fixes",
    "No commit of the last three years names a CVE or a security advisory.",
)
MEDIAN = Message(
    "security.fix_release_time.median",
    "Security fixes reached a release in {days} days (median of {fixes}).",
    remediation=RELEASE_FIXES,
)
UNRELEASED = Message(
    "security.fix_release_time.unreleased",
    "None of the {fixes} security fixes has reached a release yet.",
    remediation=RELEASE_FIXES,
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    fixes = [fix for fix in snapshot.security_fixes if fix.committed_at is not None]
    if not fixes:
        return Finding.not_applicable(NO_FIXES())
    releases = sorted(
        tag.dated_at for tag in snapshot.tags if tag.dated_at is not None and is_release(tag.name)
    )
    delays: list[float] = []
    unreleased = []
    for fix in fixes:
        assert fix.committed_at is not None
        index = bisect.bisect_left(releases, fix.committed_at)
        if index == len(releases):
            unreleased.append(fix.sha)
        else:
            delays.append((releases[index] - fix.committed_at) / DAY)
    evidence = {
        "fixes": len(fixes),
        "released": len(delays),
        "unreleased": unreleased[:5],
        "references": sorted({ref for fix in fixes for ref in fix.references})[:10],
    }
    if not delays:
        return Finding.failed(UNRELEASED(fixes=len(fixes)), score=1, evidence=evidence)
    # A fix not yet released counts as slower than every released one.
    waits = delays + [float("inf")] * len(unreleased)
    median = sorted(waits)[(len(waits) - 1) // 2]  # the lower median (of an even count)
    days = round(median, 1) if median != float("inf") else None
    evidence["median_days"] = days
    if days is None:
        return Finding.failed(UNRELEASED(fixes=len(fixes)), score=1, evidence=evidence)
    score = 10 if days <= 7 else 7 if days <= 30 else 4 if days <= 90 else 1
    return Finding.graded(MEDIAN(days=days, fixes=len(fixes)), score=score, evidence=evidence)


CHECK = Check(
    id="security.fix_release_time",
    criterion=Criterion.SECURITY,
    title="Time to release security fixes",
    weight=1,
    run=run,
    documentation=__doc__ or "",
    messages=(NO_FIXES, MEDIAN, UNRELEASED),
    evidence={
        "fixes": "Security fixes",
        "released": "Released",
        "unreleased": "Not released yet (examples)",
        "references": "CVEs and advisories",
        "median_days": "Median days to a release",
    },
)
