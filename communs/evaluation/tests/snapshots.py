"""Snapshots built in memory, for checks whose inputs are easier to state than to commit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from communs.evaluation.facts import Facts, compute_facts
from communs.evaluation.results import Check, Finding
from communs.evaluation.snapshot import Commit, FileContent, Snapshot, Tag, TreeEntry
from communs.evaluation.tests.conftest import AS_OF


def days_ago(days: float) -> int:
    return int((AS_OF - timedelta(days=days)).timestamp())


def commit(
    days: float,
    email: str = "alice@mairie-exemple.fr",
    name: str = "Alice",
    parents: int = 1,
    sha: str | None = None,
) -> Commit:
    return Commit(
        sha or f"{abs(hash((days, email, name))):040x}"[:40],
        parents,
        name,
        email,
        days_ago(days),
        name,
        email.lower(),
    )


def snapshot(
    files: dict[str, str | bytes] | None = None,
    *,
    commits: list[Commit] | None = None,
    tags: list[Tag] | None = None,
    paths: list[str] = (),  # type: ignore[assignment]
    symlinks: list[str] = (),  # type: ignore[assignment]
) -> Snapshot:
    files = files or {}
    contents = {}
    for path, content in files.items():
        data = content.encode() if isinstance(content, str) else content
        contents[path] = FileContent(path, data, False)
    tree = [TreeEntry(path, "100644", len(contents[path].data)) for path in files]
    tree += [TreeEntry(path, "100644", 10) for path in paths]
    tree += [TreeEntry(path, "120000", 8) for path in symlinks]
    return Snapshot(
        target="memory",
        head="0" * 40,
        as_of=AS_OF.astimezone(UTC),
        commits=tuple(commits if commits is not None else [commit(10)]),
        tags=tuple(tags or ()),
        tree=tuple(sorted(tree, key=lambda entry: entry.path)),
        files=contents,
    )


def run(check: Check, snap: Snapshot) -> Finding:
    facts: Facts = compute_facts(snap)
    return check.run(snap, facts)


def tag(name: str, days: float | None, *, annotated: bool = True, signed: bool = False) -> Tag:
    return Tag(name, "0" * 40, days_ago(days) if days is not None else None, annotated, signed)


def at(day: str) -> datetime:
    return datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=UTC)
