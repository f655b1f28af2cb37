"""Known vulnerabilities.

What it measures: whether the exact dependency versions the repository locks (in
package-lock.json, yarn.lock, pnpm-lock.yaml, Gemfile.lock, poetry.lock, uv.lock,
Pipfile.lock, pinned requirements files, composer.lock, Cargo.lock or go.sum) are affected
by a publicly known vulnerability, as recorded in an OSV database (osv.dev's open format,
which gathers GitHub's, PyPI's, RustSec's, Go's advisories and more), in the spirit of
OpenSSF Scorecard's Vulnerabilities check. Versions are compared in each ecosystem's own
order (PEP 440 for Python, SemVer for npm, Rust and Go, RubyGems' and Composer's rules);
advisories published after the evaluated date, and withdrawn ones, are not counted.
Several advisories that name each other as aliases count as one vulnerability.

Why it matters: a known vulnerability in a dependency is the easiest way into an
application; attackers look for them first. A local government that installs the
software installs its dependencies with it.

How to improve: update each affected dependency to a fixed version (or replace it),
commit the updated lockfile, and let a bot (Dependabot, Renovate) propose these updates.

Scoring: 10 without any known vulnerability, minus one per vulnerability. Inconclusive
when the evaluation was given no OSV database (the command line's --osv-dir option, the
platform's COMMUNS_OSV_DIR setting), when the database holds no advisory for the
repository's ecosystems, or when no lockfile could be read; not applicable without
lockfiles.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from communs.evaluation.dependencies import LockedPackage, locked_packages
from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

if TYPE_CHECKING:  # the OSV module is loaded only when there is a database to compare with
    from communs.evaluation.dependencies.osv import Advisory

LISTED = 10  # vulnerabilities named in the reason; the evidence lists up to 50

NO_LOCKFILE = Message(
    "security.vulnerabilities.no_lockfile",
    "The repository locks no dependency version the check can read.",
)
UNREADABLE = Message(
    "security.vulnerabilities.unreadable",
    "No lockfile could be read ({lockfiles:list}), so no version was compared.",
)
NO_DATABASE = Message(
    "security.vulnerabilities.no_database",
    "No OSV database was given to this evaluation, so the locked dependencies were not "
    "compared with known vulnerabilities.",
)
NOT_COVERED = Message(
    "security.vulnerabilities.not_covered",
    "The OSV database given holds no advisory for {ecosystems:list}.",
)
NONE_KNOWN = Message(
    "security.vulnerabilities.none_known",
    "No known vulnerability in the {packages:,} locked dependency ({ecosystems:list}).",
    plural="No known vulnerability in the {packages:,} locked dependencies ({ecosystems:list}).",
    count="packages",
)
FOUND = Message(
    "security.vulnerabilities.found",
    "{count} known vulnerability affects the locked dependencies: {ids:list}.",
    plural="{count} known vulnerabilities affect the locked dependencies: {ids:list}.",
    count="count",
    remediation=Remediation(
        "Update each affected dependency to a fixed version (or replace it) and commit the "
        "updated lockfile; let Dependabot or Renovate propose such updates.",
        Effort.MEDIUM,
    ),
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    locked = locked_packages(snapshot)
    evidence: dict[str, object] = {
        "lockfiles": list(locked.read),
        "unreadable_lockfiles": list(locked.unreadable),
    }
    if not locked.packages:
        if locked.unreadable and not locked.read:
            return Finding.inconclusive(
                UNREADABLE(lockfiles=list(locked.unreadable)), evidence=evidence
            )
        return Finding.not_applicable(NO_LOCKFILE(), evidence=evidence)
    extract = snapshot.advisories
    if extract is None:
        return Finding.inconclusive(NO_DATABASE(), evidence=evidence)
    ecosystems = list(locked.ecosystems)
    compared = [name for name in ecosystems if name in extract.covered]
    evidence["not_covered"] = [name for name in ecosystems if name not in extract.covered]
    if not compared:
        return Finding.inconclusive(NOT_COVERED(ecosystems=ecosystems), evidence=evidence)
    packages = [package for package in locked.packages if package.ecosystem in compared]
    hits, undecided = _matches(packages, _current(extract.advisories, snapshot.as_of))
    groups = _vulnerabilities(hits)
    evidence.update(
        packages_compared=len(packages),
        advisories_considered=len(extract.advisories),
        vulnerabilities=[
            f"{group[0]}: {package.name} {package.version} ({package.path})"
            for group, package in groups
        ][:50],
        versions_not_ordered=undecided[:50],
    )
    if not groups:
        return Finding.passed(
            NONE_KNOWN(packages=len(packages), ecosystems=compared), evidence=evidence
        )
    ids = [group[0] for group, _ in groups]
    said = FOUND(count=len(groups), ids=ids[:LISTED])
    score = 10 - len(groups)
    if score <= 0:
        return Finding.failed(said, evidence=evidence)
    return Finding.partial(said, score=score, evidence=evidence)


def _current(advisories: tuple[Advisory, ...], as_of: datetime) -> list[Advisory]:
    """The advisories known on the evaluated date: published by then and not withdrawn."""
    kept = []
    for advisory in advisories:
        if advisory.withdrawn is not None:
            continue
        published = _moment(advisory.published)
        if published is not None and published > as_of:
            continue
        kept.append(advisory)
    return kept


def _moment(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _matches(
    packages: list[LockedPackage], advisories: list[Advisory]
) -> tuple[list[tuple[Advisory, LockedPackage]], list[str]]:
    from communs.evaluation.dependencies.osv import is_affected, package_key

    by_package: dict[tuple[str, str], list[LockedPackage]] = {}
    for package in packages:
        by_package.setdefault(package_key(package.ecosystem, package.name), []).append(package)
    hits: list[tuple[Advisory, LockedPackage]] = []
    undecided: set[str] = set()
    for advisory in advisories:
        for affected in advisory.affected:
            for package in by_package.get(affected.package, []):
                answer = is_affected(affected, package.version)
                if answer:
                    hits.append((advisory, package))
                elif answer is None:
                    undecided.add(f"{package.name} {package.version}")
    return hits, sorted(undecided)


def _vulnerabilities(
    hits: list[tuple[Advisory, LockedPackage]],
) -> list[tuple[list[str], LockedPackage]]:
    """One entry per vulnerability: advisories that are aliases of each other are one.

    Each entry gives the advisory ids (the matched ones first, sorted) and the first
    package it affects.
    """
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        parent.setdefault(name, name)
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for advisory, _ in hits:
        for alias in advisory.aliases:
            parent[root(alias)] = root(advisory.id)
        root(advisory.id)
    grouped: dict[str, tuple[set[str], list[LockedPackage]]] = {}
    for advisory, package in hits:
        ids, affected = grouped.setdefault(root(advisory.id), (set(), []))
        ids.add(advisory.id)
        affected.append(package)
    entries = [
        (sorted(ids), min(affected, key=lambda p: (p.name, p.version, p.path)))
        for ids, affected in grouped.values()
    ]
    return sorted(entries, key=lambda entry: entry[0][0])


CHECK = Check(
    id="security.vulnerabilities",
    criterion=Criterion.SECURITY,
    title="Known vulnerabilities",
    weight=2,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NO_LOCKFILE, UNREADABLE, NO_DATABASE, NOT_COVERED, NONE_KNOWN, FOUND),
    evidence={
        "lockfiles": "Lockfiles read",
        "unreadable_lockfiles": "Lockfiles not read",
        "not_covered": "Ecosystems without advisories in the database",
        "packages_compared": "Locked packages compared",
        "advisories_considered": "Advisories naming a locked package",
        "vulnerabilities": "Known vulnerabilities",
        "versions_not_ordered": "Versions the ecosystem's order could not place",
    },
)
