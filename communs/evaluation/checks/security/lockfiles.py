"""Lockfiles.

What it measures: for each ecosystem whose dependency manifest the repository holds (npm,
Python, Ruby, PHP, Rust, Go, Java, Elixir, .NET), whether a lockfile pins the exact
versions installed.

Why it matters: a lockfile makes an installation reproducible: the local government
installs what was tested, not whatever version was published since, which could be
broken or malicious.

How to improve: commit the lockfile your package manager produces (package-lock.json,
poetry.lock or uv.lock, Gemfile.lock, composer.lock, Cargo.lock, go.sum …).

Scoring: 10 times the share of ecosystems with a lockfile; not applicable without
manifests.
"""

from __future__ import annotations

from communs.evaluation.facts import Facts
from communs.evaluation.files import LOCKFILES, manifests, matching
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

NO_DEPENDENCIES = Message(
    "security.lockfiles.no_dependencies", "The repository declares no dependencies."
)
ALL_LOCKED = Message(
    "security.lockfiles.all_locked", "Every ecosystem is locked ({ecosystems:list})."
)
UNLOCKED = Message(
    "security.lockfiles.unlocked",
    "No lockfile for {ecosystems:list}.",
    remediation=Remediation(
        "Commit the lockfile the package manager produces (package-lock.json, poetry.lock or "
        "uv.lock, Gemfile.lock, composer.lock, Cargo.lock, go.sum …).",
        Effort.LOW,
    ),
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    ecosystems = sorted(manifests(facts.presence["manifests"]))
    if not ecosystems:
        return Finding.not_applicable(NO_DEPENDENCIES())
    lockfiles = facts.presence["lockfiles"]
    locked = [name for name in ecosystems if matching(lockfiles, LOCKFILES[name])]
    unlocked = [name for name in ecosystems if name not in locked]
    score = round(10 * len(locked) / len(ecosystems))
    evidence = {"locked": locked, "unlocked": unlocked, "lockfiles": facts.presence["lockfiles"]}
    if not unlocked:
        return Finding.passed(ALL_LOCKED(ecosystems=locked), evidence=evidence)
    return Finding.graded(UNLOCKED(ecosystems=unlocked), score=score, evidence=evidence)


CHECK = Check(
    id="security.lockfiles",
    criterion=Criterion.SECURITY,
    title="Lockfiles",
    weight=1,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NO_DEPENDENCIES, ALL_LOCKED, UNLOCKED),
    evidence={
        "locked": "Locked ecosystems",
        "unlocked": "Ecosystems without a lockfile",
        "lockfiles": "Lockfiles",
    },
)
