"""The dependencies a repository locks, by exact version, and what is known of them.

``locked_packages(snapshot)`` reads the lockfiles the snapshot holds (``lockfiles``: one
parser per package manager format), ``versions`` orders each ecosystem's versions, and
``osv`` matches packages with known vulnerabilities in OSV's format.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from communs.evaluation.dependencies.lockfiles import ANY_PARSER, UnreadableLockfile, parser_for
from communs.evaluation.files import MANIFEST_MAX_DEPTH, depth, matching, own
from communs.evaluation.snapshot import Snapshot
from communs.evaluation.targets import TargetError

if TYPE_CHECKING:  # the OSV module is loaded only when there is a database
    from communs.evaluation.dependencies.osv import AdvisoryExtract


@dataclass(frozen=True, slots=True)
class LockedPackage:
    ecosystem: str  # OSV's ecosystem name: npm, PyPI, RubyGems, Packagist, crates.io, Go
    name: str
    version: str
    path: str  # the lockfile that pins it


@dataclass(frozen=True)
class LockedDependencies:
    packages: tuple[LockedPackage, ...]  # sorted, without repeats
    read: tuple[str, ...]  # lockfiles read
    unreadable: tuple[str, ...]  # lockfiles found but not read (too large, invalid …)

    @property
    def ecosystems(self) -> tuple[str, ...]:
        return tuple(sorted({package.ecosystem for package in self.packages}))


def lockfile_paths(paths: tuple[str, ...]) -> list[str]:
    """The lockfiles of the project (not vendored, at most MANIFEST_MAX_DEPTH folders deep)."""
    listed = own(paths)
    read = set(matching(listed, ANY_PARSER))  # every parser's expression at once
    return [path for path in listed if path in read and depth(path) <= MANIFEST_MAX_DEPTH]


def locked_packages(snapshot: Snapshot) -> LockedDependencies:
    packages: set[LockedPackage] = set()
    read: list[str] = []
    unreadable: list[str] = []
    for path in lockfile_paths(snapshot.paths()):
        found = parser_for(path)
        content = snapshot.read(path)
        if found is None or content is None or content.truncated:
            unreadable.append(path)
            continue
        ecosystem, parse = found
        try:
            pins = parse(content.text())
        except UnreadableLockfile:
            unreadable.append(path)
            continue
        read.append(path)
        packages.update(LockedPackage(ecosystem, name, version, path) for name, version in pins)
    return LockedDependencies(
        packages=tuple(sorted(packages, key=lambda p: (p.ecosystem, p.name, p.version, p.path))),
        read=tuple(read),
        unreadable=tuple(unreadable),
    )


def with_advisories(snapshot: Snapshot, osv_dir: Path) -> Snapshot:
    """The snapshot with what the OSV database in ``osv_dir`` says of its locked packages."""
    return replace(snapshot, advisories=advisories(snapshot, osv_dir))


def advisories(snapshot: Snapshot, osv_dir: Path) -> AdvisoryExtract:
    """What the OSV database in ``osv_dir`` says of the snapshot's locked packages (read
    from its tree and files only)."""
    from communs.evaluation.dependencies.osv import OsvFolder  # only with a database

    locked = locked_packages(snapshot)
    try:
        return OsvFolder(osv_dir).extract((p.ecosystem, p.name) for p in locked.packages)
    except OSError as error:
        raise TargetError(f"the OSV database folder {osv_dir} could not be read: {error}") from None
