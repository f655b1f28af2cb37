"""Known vulnerabilities in OSV's format, and whether a package version is affected.

Records follow the OSV schema (ossf.github.io/osv-schema): each names affected packages by
ecosystem and name, with ranges of versions (``introduced``, ``fixed``, ``last_affected``
and ``limit`` events, read in the range type's order) and explicit ``versions`` lists.
``is_affected`` is the schema's ``IsVulnerable`` evaluation; ``GIT`` ranges need the
package's own repository and are not evaluated (the schema asks databases to list the
versions they cover in ``versions`` then).

``OsvFolder`` reads a database kept on disk, in either layout:

- OSV's per-ecosystem export, unzipped: ``DIR/<Ecosystem>/<ID>.json`` (``DIR/PyPI/``,
  ``DIR/npm/``, ``DIR/crates.io/`` …); a folder named after an ecosystem says the database
  covers it, even when no record names a package of the repository;
- a flat folder of records: ``DIR/<ID>.json``; the ecosystems its records name are covered.

An ecosystem folder may hold an index (``.communs-index.json``, written by the platform's
``osv_refresh``) naming the records of each package: only those are opened then. Without
it every record file is read (and scanned for the wanted names before it is parsed).

Reading it is the engine's job, before the checks run (they never read files): the
folder gives the extract of records that name one of the locked packages.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from communs.evaluation.dependencies.versions import UnorderedVersion, key


def canonicalize_name(name: str) -> str:
    """PEP 503's normalised name (``packaging``'s, imported on first use: costly to load)."""
    from packaging.utils import canonicalize_name as canonical

    return str(canonical(name))


RANGE_TYPES = frozenset({"SEMVER", "ECOSYSTEM"})
EVENT_KINDS = ("introduced", "fixed", "last_affected", "limit")


class InvalidRecord(ValueError):
    """A JSON document that is not an OSV record the engine can read."""


def base_ecosystem(ecosystem: str) -> str:
    """ "Packagist:https://packages.drupal.org/8" → "Packagist" (a registry of the same kind)."""
    return ecosystem.split(":", 1)[0]


def package_key(ecosystem: str, name: str) -> tuple[str, str]:
    """How a package is named for matching: PyPI names are normalised (PEP 503), Composer's
    are case-insensitive, the others are compared as written."""
    ecosystem = base_ecosystem(ecosystem)
    if ecosystem == "PyPI":
        return ecosystem, canonicalize_name(name)
    if ecosystem == "Packagist":
        return ecosystem, name.lower()
    return ecosystem, name


@dataclass(frozen=True, slots=True)
class Event:
    kind: str  # introduced, fixed, last_affected or limit
    version: str


@dataclass(frozen=True, slots=True)
class Range:
    type: str
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class Affected:
    ecosystem: str
    name: str
    ranges: tuple[Range, ...]
    versions: frozenset[str]

    @property
    def package(self) -> tuple[str, str]:
        return package_key(self.ecosystem, self.name)


@dataclass(frozen=True, slots=True)
class Advisory:
    id: str
    aliases: tuple[str, ...]
    published: str | None  # RFC 3339, UTC
    withdrawn: str | None
    affected: tuple[Affected, ...]


def advisory_from_json(data: Any) -> Advisory:
    """An OSV record; raises InvalidRecord when it lacks what the evaluation needs."""
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise InvalidRecord("a record needs an id")
    affected = []
    for entry in data.get("affected") or []:
        package = entry.get("package") if isinstance(entry, dict) else None
        if not isinstance(package, dict):
            continue
        ecosystem, name = package.get("ecosystem"), package.get("name")
        if not isinstance(ecosystem, str) or not isinstance(name, str):
            continue
        ranges = tuple(_range(r) for r in entry.get("ranges") or [] if isinstance(r, dict))
        versions = frozenset(v for v in entry.get("versions") or [] if isinstance(v, str))
        affected.append(Affected(ecosystem, name, ranges, versions))
    aliases = tuple(a for a in data.get("aliases") or [] if isinstance(a, str))
    published = data.get("published")
    withdrawn = data.get("withdrawn")
    return Advisory(
        id=data["id"],
        aliases=aliases,
        published=published if isinstance(published, str) else None,
        withdrawn=withdrawn if isinstance(withdrawn, str) else None,
        affected=tuple(affected),
    )


def _range(data: dict[str, Any]) -> Range:
    events = []
    for event in data.get("events") or []:
        if not isinstance(event, dict) or len(event) != 1:
            continue  # the schema allows one kind per event object
        ((kind, version),) = event.items()
        if kind in EVENT_KINDS and isinstance(version, str):
            events.append(Event(kind, version))
    return Range(str(data.get("type", "")), tuple(events))


def is_affected(affected: Affected, version: str) -> bool | None:
    """Whether the version is affected: True, False, or None when its order cannot tell.

    The schema's evaluation: a version listed in ``versions`` is affected; otherwise each
    range with a limit above the version replays its events, sorted in the range's order
    ("0" first): ``introduced`` at or below the version makes it affected, ``fixed`` at or
    below it, or ``last_affected`` below it, makes it unaffected again.
    """
    if version in affected.versions:
        return True
    undecided = False
    ecosystem = base_ecosystem(affected.ecosystem)
    for span in affected.ranges:
        if span.type not in RANGE_TYPES:
            continue
        try:
            hit = _in_range(ecosystem, version, span)
        except UnorderedVersion:
            undecided = True
            continue
        if hit:
            return True
    return None if undecided else False


def _in_range(ecosystem: str, version: str, span: Range) -> bool:
    def order(text: str) -> Any:
        return key(ecosystem, text, range_type=span.type)

    current = order(version)
    limits = [event.version for event in span.events if event.kind == "limit"]
    if limits and not any("*" in limit or current < order(limit) for limit in limits):
        return False
    timeline = sorted(
        (
            ((0,) if event.version == "0" else (1, order(event.version)), index, event)
            for index, event in enumerate(span.events)
            if event.kind != "limit"
        ),
        key=lambda item: (item[0], item[1]),
    )
    affected = False
    for _, _, event in timeline:
        if event.kind == "introduced":
            if event.version == "0" or current >= order(event.version):
                affected = True
        elif event.kind == "fixed":
            if current >= order(event.version):
                affected = False
        elif event.kind == "last_affected" and current > order(event.version):
            affected = False
    return affected


# Reading a folder ----------------------------------------------------------------------


@dataclass(frozen=True)
class AdvisoryExtract:
    """What the database says of the repository's packages: the records naming them."""

    covered: frozenset[str]  # ecosystems the database holds advisories for
    advisories: tuple[Advisory, ...]  # sorted by id
    invalid_records: int = 0  # files that were not readable OSV records


# Every "name" string of a record, found without parsing it: a record is parsed only when
# one of them is a wanted package (a superset test; parsing then decides).
NAME_FIELD = re.compile(rb'"name"\s*:\s*"((?:[^"\\]|\\.)*)"')
ECOSYSTEM_FIELD = re.compile(rb'"ecosystem"\s*:\s*"((?:[^"\\]|\\.)*)"')


def _strings(pattern: re.Pattern[bytes], data: bytes) -> Iterable[str]:
    for raw in pattern.findall(data):
        try:
            yield json.loads(b'"' + raw + b'"') if b"\\" in raw else raw.decode()
        except (ValueError, UnicodeDecodeError):
            continue


class OsvFolder:
    """An OSV database on disk (see the module's docstring for its two layouts)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def extract(self, packages: Iterable[tuple[str, str]]) -> AdvisoryExtract:
        """The records that name one of these (ecosystem, name) packages."""
        wanted = {package_key(ecosystem, name) for ecosystem, name in packages}
        ecosystems = {ecosystem for ecosystem, _ in wanted}
        names = {name for _, name in wanted}
        covered: set[str] = set()
        files: list[tuple[str, bool]] = []  # (path, in the flat layout)
        for ecosystem in sorted(ecosystems):
            subfolder = self.folder / ecosystem
            if subfolder.is_dir():
                covered.add(ecosystem)
                index = read_index(subfolder)
                if index is None:
                    files += [(path, False) for path in _records(subfolder)]
                    continue
                named = index.get(ecosystem, {})
                listed = {
                    record
                    for eco, name in wanted
                    if eco == ecosystem
                    for record in named.get(name, [])
                }
                files += [(str(subfolder / record), False) for record in sorted(listed)]
        files += [(path, True) for path in _records(self.folder)]
        found: dict[str, Advisory] = {}
        invalid = 0
        for path, flat in files:
            try:
                with open(path, "rb") as record:
                    data = record.read()
            except OSError:
                invalid += 1
                continue
            if flat:
                covered.update(base_ecosystem(e) for e in _strings(ECOSYSTEM_FIELD, data))
            if not any(_wanted(name, names) for name in _strings(NAME_FIELD, data)):
                continue
            try:
                advisory = advisory_from_json(json.loads(data))
            except (ValueError, InvalidRecord):
                invalid += 1
                continue
            if any(affected.package in wanted for affected in advisory.affected):
                found.setdefault(advisory.id, advisory)
        return AdvisoryExtract(
            covered=frozenset(covered & ecosystems),
            advisories=tuple(found[advisory_id] for advisory_id in sorted(found)),
            invalid_records=invalid,
        )


def _records(folder: Path) -> list[str]:
    """The JSON files of a folder, by name (plain strings: exports hold 100,000s)."""
    with os.scandir(folder) as entries:
        return sorted(
            entry.path for entry in entries if entry.name.endswith(".json") and entry.is_file()
        )


def _wanted(name: str, names: set[str]) -> bool:
    """Whether a record's name may be a wanted package, under any ecosystem's matching."""
    return name in names or name.lower() in names or canonicalize_name(name) in names


# An index of a folder of records, written by the platform's refresh next to them: which
# record files name which package, so that an evaluation opens only those. A folder without
# it is scanned whole; one edited by hand must lose its index (delete the file).
INDEX_NAME = ".communs-index.json"
INDEX_VERSION = 1


def build_index(folder: Path) -> dict[str, dict[str, list[str]]]:
    """{ecosystem: {package name as matched: [record file names]}} for a folder's records."""
    index: dict[str, dict[str, set[str]]] = {}
    for path in _records(folder):
        try:
            with open(path, "rb") as record:
                advisory = advisory_from_json(json.loads(record.read()))
        except (OSError, ValueError, InvalidRecord):
            continue
        for affected in advisory.affected:
            ecosystem, name = affected.package
            index.setdefault(ecosystem, {}).setdefault(name, set()).add(os.path.basename(path))
    return {
        ecosystem: {name: sorted(files) for name, files in sorted(names.items())}
        for ecosystem, names in sorted(index.items())
    }


def write_index(folder: Path) -> None:
    payload = {"version": INDEX_VERSION, "packages": build_index(folder)}
    (folder / INDEX_NAME).write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")


def read_index(folder: Path) -> dict[str, dict[str, list[str]]] | None:
    """The folder's index, or None when it has none that this version reads."""
    try:
        payload = json.loads((folder / INDEX_NAME).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("version") != INDEX_VERSION:
        return None
    packages = payload.get("packages")
    return packages if isinstance(packages, dict) else None
