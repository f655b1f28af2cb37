"""The history kept between evaluations of a repository, so that the next one reads only the
commits added since (``communs evaluate --incremental-cache DIR``).

Two JSON files per repository (JSON: a cache file can never run code):

- the **base**: the commit it was read at, the ``.mailmap`` blob git applied, the commits
  dated at or before ``until`` (and those with no readable date) summed per author, and the
  other commits one by one (newest first), in columns, each author written once;
- the **tip**: the commits added since the base, one by one, and the commit they lead to.
  Re-evaluating after a few hundred new commits rewrites only this small file.

``until`` is at least 760 days before the ``as_of`` of the evaluation that summed them and
moves by steps of 30 days, so the base is rewritten about once a month (or when the tip has
grown large). No figure looks one by one at a commit dated more than 730 days before
``as_of``, so a cache whose ``until`` is at least that old gives the same facts as the
commits themselves; an evaluation further in the past reads everything again.
"""

from __future__ import annotations

import contextlib
import functools
import json
import operator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communs.evaluation.snapshot import AuthorSummary, Commit

VERSION = 2
DAY = 86_400
LOOKS_BACK_DAYS = 730  # the longest period any figure counts commits in
SUMMED_AFTER_DAYS = 760  # commits this old are summed…
STEP_DAYS = 30  # …with a limit that moves by whole steps
TIP_LIMIT = 5_000  # commits in the tip past which the base is rewritten

Person = tuple[str, str, str, str]  # name, email, mapped name, identity


def order(commit: Commit) -> tuple[int, str]:
    """Newest first when reversed: committer date (undated last), then commit id."""
    return (commit.committed_at if commit.committed_at is not None else -1, commit.sha)


def summing_limit(end: int) -> int:
    """The date up to which commits are summed for an evaluation as of ``end``."""
    step = STEP_DAYS * DAY
    return (end - SUMMED_AFTER_DAYS * DAY) // step * step


def still_valid(until: int | None, end: int) -> bool:
    """Whether sums up to ``until`` give exact facts as of ``end``."""
    return until is None or until <= end - LOOKS_BACK_DAYS * DAY


@dataclass
class History:
    """A repository's history as cached: base, then tip."""

    mailmap: str
    base_commit: str
    until: int | None = None
    summed: int = 0
    authors: list[AuthorSummary] = field(default_factory=list)
    base_records: list[Commit] = field(default_factory=list)
    tip_commit: str | None = None
    tip_records: list[Commit] = field(default_factory=list)

    @property
    def commit(self) -> str:
        return self.tip_commit or self.base_commit

    def records(self, new: list[Commit] | None = None) -> list[Commit]:
        """Every commit listed one by one, newest first."""
        parts = [part for part in (new, self.tip_records, self.base_records) if part]
        if len(parts) == 1:
            return parts[0]
        return merged(*parts)


def merged(*parts: list[Commit]) -> list[Commit]:
    """Lists of commits each newest first, merged (sorting runs already in order is a merge,
    done in C; the key is computed in C too unless a date is missing)."""
    every = [commit for part in parts for commit in part]
    if any(None in column for column in _dates_of(parts)):
        every.sort(key=order, reverse=True)
    else:
        every.sort(key=operator.itemgetter(4, 0), reverse=True)
    return every


def _dates_of(parts: tuple[list[Commit], ...]) -> list[list[int | None]]:
    return [list(map(operator.itemgetter(4), part)) for part in parts]


def _maker(kind: type) -> Any:
    """Build named tuples from iterables in C (``tuple.__new__``), not through ``_make``."""
    return functools.partial(tuple.__new__, kind)


def files(cache_dir: Path, key: str) -> tuple[Path, Path]:
    import hashlib  # loaded when a cache is used only

    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return cache_dir / f"history-{digest}.json", cache_dir / f"history-{digest}.tip.json"


# On disk, each distinct (name, email, mapped name, identity) is written once, in "people",
# and commits and sums name it by its index: the files stay small and quick to read.


def _read(path: Path) -> dict[str, object] | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return None
    return data


def _column(table: object, key: str, kinds: set[type]) -> list[Any]:
    column = table.get(key) if isinstance(table, dict) else None
    if not isinstance(column, list):
        raise ValueError(key)
    if kinds == {str}:
        try:  # joining fails on anything but text, checked in C
            "".join(column)
        except TypeError:
            raise ValueError(key) from None
    elif set(map(type, column)) - kinds:
        raise ValueError(key)
    return column


def _people(data: dict[str, object]) -> tuple[list[str], ...]:
    """The four columns of people: names, emails, mapped names, identities."""
    table = data["people"]
    columns = tuple(_column(table, key, {str}) for key in PEOPLE_COLUMNS)
    if len({len(column) for column in columns}) > 1:
        raise ValueError("people")
    return columns


def _commits(data: dict[str, object], people: tuple[list[str], ...]) -> list[Commit]:
    """Commits from their columns (built by C loops: map and zip, no Python per commit)."""
    table = data["records"]
    ids = _column(table, "ids", {str})
    shas = ids[0].split(" ") if ids else []
    parents = _column(table, "parents", {int})
    who = _column(table, "who", {int})
    dates = _column(table, "dates", DATE_TYPES)
    if not len(shas) == len(parents) == len(who) == len(dates):
        raise ValueError("records")
    names, emails, mapped_names, identities = people
    return list(
        map(
            _maker(Commit),
            zip(
                shas,
                parents,
                map(names.__getitem__, who),
                map(emails.__getitem__, who),
                dates,
                map(mapped_names.__getitem__, who),
                map(identities.__getitem__, who),
                strict=True,
            ),
        )
    )


DATE_TYPES: set[type] = {int, type(None)}
PEOPLE_COLUMNS = ("names", "emails", "mapped_names", "identities")


def _decode_base(data: dict[str, object]) -> History:
    people = _people(data)
    table = data["authors"]
    who = _column(table, "who", {int})
    counts = [_column(table, key, {int}) for key in ("commits", "undated")]
    dates = [_column(table, key, DATE_TYPES) for key in ("first", "last")]
    names, emails, mapped_names, identities = people
    authors = list(
        map(
            _maker(AuthorSummary),
            zip(
                map(names.__getitem__, who),
                map(emails.__getitem__, who),
                map(mapped_names.__getitem__, who),
                map(identities.__getitem__, who),
                *counts,
                *dates,
                strict=True,
            ),
        )
    )
    until, summed = data["until"], data["summed"]
    commit, mailmap = data["commit"], data["mailmap"]
    if not (
        (until is None or isinstance(until, int))
        and isinstance(summed, int)
        and isinstance(commit, str)
        and isinstance(mailmap, str)
    ):
        raise ValueError("header")
    return History(mailmap, commit, until, summed, authors, _commits(data, people))


@dataclass(frozen=True)
class Tip:
    """The small file: which commit the cache is at, and what it was read with."""

    base: str
    commit: str
    mailmap: str
    until: int | None
    data: dict[str, object]


def load_tip(cache_dir: Path, key: str) -> Tip | None:
    """The tip alone, read first so that git can start on the new commits at once."""
    data = _read(files(cache_dir, key)[1])
    if data is None:
        return None
    base, commit = data.get("base"), data.get("commit")
    mailmap, until = data.get("mailmap"), data.get("until")
    if not (
        isinstance(base, str)
        and isinstance(commit, str)
        and isinstance(mailmap, str)
        and (until is None or isinstance(until, int))
    ):
        return None
    return Tip(base, commit, mailmap, until, data)


def load(cache_dir: Path, key: str, tip: Tip) -> History | None:
    """The cached history the tip leads to, or None when it is missing or damaged."""
    data = _read(files(cache_dir, key)[0])
    if data is None:
        return None
    try:
        history = _decode_base(data)
        records = _commits(tip.data, _people(tip.data))
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    if (history.base_commit, history.mailmap, history.until) != (tip.base, tip.mailmap, tip.until):
        return None  # the two files were not written together
    if tip.commit != tip.base:
        history.tip_commit, history.tip_records = tip.commit, records
    return history


def _encode(records: list[Commit], authors: list[AuthorSummary]) -> dict[str, object]:
    """Columns: each person once, then commits and sums naming people by their index."""
    index: dict[Person, int] = {}

    def who(person: Person) -> int:
        found = index.get(person)
        if found is None:
            found = index[person] = len(index)
        return found

    record_people = [who((c[2], c[3], c[5], c[6])) for c in records]
    author_people = [who((a[0], a[1], a[2], a[3])) for a in authors]
    columns = [list(column) for column in zip(*index, strict=True)] if index else [[]] * 4
    return {
        "people": dict(zip(PEOPLE_COLUMNS, columns, strict=True)),
        "records": {
            "ids": [" ".join(c.sha for c in records)] if records else [],
            "parents": [c.parent_count for c in records],
            "who": record_people,
            "dates": [c.committed_at for c in records],
        },
        "authors": {
            "who": author_people,
            "commits": [a.commits for a in authors],
            "undated": [a.undated for a in authors],
            "first": [a.first for a in authors],
            "last": [a.last for a in authors],
        },
    }


def _write(path: Path, payload: dict[str, object]) -> None:
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")
        partial.replace(path)


def save(cache_dir: Path, key: str, history: History, *, base_changed: bool) -> None:
    """Write the base when it changed, then the tip (always)."""
    base_path, tip_path = files(cache_dir, key)
    if base_changed:
        with contextlib.suppress(OSError):
            tip_path.unlink(missing_ok=True)
        _write(
            base_path,
            {
                "version": VERSION,
                "commit": history.base_commit,
                "mailmap": history.mailmap,
                "until": history.until,
                "summed": history.summed,
                **_encode(history.base_records, history.authors),
            },
        )
    _write(
        tip_path,
        {
            "version": VERSION,
            "base": history.base_commit,
            "commit": history.commit,
            "mailmap": history.mailmap,
            "until": history.until,
            **_encode(history.tip_records, []),
        },
    )


def rebased(history: History, records: list[Commit], until: int) -> History:
    """A new base at the history's last commit: ``records`` (every commit listed) with those
    dated at or before ``until``, or undated, added to the sums."""
    kept: list[Commit] = []
    sums: dict[Person, list[int | None]] = {
        author[:4]: [author.commits, author.undated, author.first, author.last]
        for author in history.authors
    }
    summed = history.summed
    for commit in records:
        stamp = commit.committed_at
        if stamp is not None and stamp > until:
            kept.append(commit)
            continue
        key = (commit[2], commit[3], commit[5], commit[6])
        found = sums.get(key)
        if found is None:
            found = sums[key] = [0, 0, None, None]
        found[0] = (found[0] or 0) + 1
        summed += 1
        if stamp is None:
            found[1] = (found[1] or 0) + 1
            continue
        found[2] = stamp if found[2] is None or stamp < found[2] else found[2]
        found[3] = stamp if found[3] is None or stamp > found[3] else found[3]
    authors = [AuthorSummary(*key, *values) for key, values in sums.items()]  # type: ignore[arg-type]
    return History(history.mailmap, history.commit, until, summed, authors, kept)
