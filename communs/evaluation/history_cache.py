"""The history kept between evaluations of a repository, so that the next one reads only the
commits added since (``communs evaluate --incremental-cache DIR``).

Two files per repository:

- the **base**: the commit it was read at, the ``.mailmap`` blob git applied, the commits
  dated at or before ``until`` (and those with no readable date) summed per author, and the
  other commits one by one (newest first), in columns, each author written once;
- the **tip**: the commits added since the base, one by one, the commit they lead to, and
  the limit the sums are moved to. Re-evaluating after a few hundred new commits rewrites
  only this small file.

``until`` is at least 760 days before the ``as_of`` of the evaluation that summed them and
moves by steps of 30 days. When it moves, the commits grown old enough (the last ones
listed) are summed in memory at each evaluation and the tip records the new limit; the base
is rewritten once it lags by more than ``TIP_LIMIT`` commits (listed in the tip or summed
since). No figure looks one by one at a commit dated more than 730 days before ``as_of``,
so a cache whose ``until`` is at least that old gives the same facts as the commits
themselves; an evaluation further in the past reads everything again.

Each file is plain columns (``columns.py``): a JSON header, then texts and 64-bit integers
one after the other. Reading one never runs code, and every column is checked (lengths,
indexes, dates) before use: a damaged file means a full read.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from communs.evaluation import columns
from communs.evaluation.snapshot import LATEST_DATE, AuthorSummary, Commit

VERSION = 3
DAY = 86_400
LOOKS_BACK_DAYS = 730  # the longest period any figure counts commits in
SUMMED_AFTER_DAYS = 760  # commits this old are summed…
STEP_DAYS = 30  # …with a limit that moves by whole steps
TIP_LIMIT = 2_000  # commits the base may lag by (listed in the tip, or summed since)

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
    """A repository's history as cached: base, then tip (and the limit the tip moved the
    sums to, when later than the base's)."""

    mailmap: str
    base_commit: str
    until: int | None = None
    summed: int = 0
    authors: list[AuthorSummary] = field(default_factory=list)
    base_records: list[Commit] = field(default_factory=list)
    tip_commit: str | None = None
    tip_records: list[Commit] = field(default_factory=list)
    tip_until: int | None = None

    @property
    def commit(self) -> str:
        return self.tip_commit or self.base_commit

    @property
    def summed_until(self) -> int | None:
        return self.tip_until if self.tip_until is not None else self.until


def merged(*parts: list[Commit]) -> list[Commit]:
    """Lists of commits each newest first, merged.

    The longest list's commits older than all the others' (most of the base, under a few
    hundred new commits) keep their place: only the commits before them are sorted with the
    other lists, in C (the key too unless a date is missing)."""
    parts = tuple(part for part in parts if part)
    if len(parts) <= 1:
        return parts[0] if parts else []
    longest = max(parts, key=len)
    rest = [part for part in parts if part is not longest]
    others = [commit for part in rest for commit in part]
    cut = _first_older(longest, min(order(part[-1]) for part in rest))
    head = others + longest[:cut]
    if None in map(operator.itemgetter(4), head):
        head.sort(key=order, reverse=True)
    else:
        head.sort(key=operator.itemgetter(4, 0), reverse=True)
    return head + longest[cut:]


def _first_older(commits: list[Commit], than: tuple[int, str]) -> int:
    """The index of the first of ``commits`` (newest first) older than ``than`` (a bisection)."""
    low, high = 0, len(commits)
    while low < high:
        middle = (low + high) // 2
        if order(commits[middle]) < than:
            high = middle
        else:
            low = middle + 1
    return low


def _maker(kind: type) -> Any:
    """Build named tuples from iterables in C (``tuple.__new__``), not through ``_make``."""
    return functools.partial(tuple.__new__, kind)


def files(cache_dir: Path, key: str) -> tuple[Path, Path]:
    import hashlib  # loaded when a cache is used only

    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return cache_dir / f"history-{digest}.base", cache_dir / f"history-{digest}.tip"


def _earlier_files(base: Path) -> tuple[Path, ...]:
    """The same repository's files as earlier versions of the engine wrote them (JSON)."""
    stem = base.with_suffix("")
    return stem.with_suffix(".json"), stem.with_suffix(".tip.json")


# On disk, each distinct (name, email, mapped name, identity) is written once, in the
# "people" columns, and commits and sums name it by its index: the files stay small and
# quick to read.

PEOPLE_COLUMNS = ("names", "emails", "mapped_names", "identities")
RECORD_COLUMNS = ("ids", "parents", "who", "dates")
AUTHOR_COLUMNS = ("authors.who", "commits", "undated", "first", "last")
TEXTS = {*PEOPLE_COLUMNS, "ids"}


def _people(table: dict[str, list[Any]]) -> tuple[list[str], ...]:
    """The four columns of people: names, emails, mapped names, identities."""
    people = tuple(table[key] for key in PEOPLE_COLUMNS)
    if len({len(column) for column in people}) > 1:
        raise ValueError("people")
    return people


def _indexes(column: list[int], size: int) -> list[int]:
    """A column of indexes into a list of ``size`` (a negative one would wrap around)."""
    if column and (min(column) < 0 or max(column) >= size):
        raise ValueError("index")
    return column


def _counts(column: list[int]) -> list[int]:
    if column and min(column) < 0:
        raise ValueError("count")
    return column


def _dates(column: list[int | None]) -> list[int | None]:
    """A column of dates: each readable (as git's are, within LATEST_DATE) or None."""
    dated = cast(list[int], [d for d in column if d is not None] if None in column else column)
    if dated and (min(dated) <= 0 or max(dated) > LATEST_DATE):
        raise ValueError("date")
    return column


def _commits(table: dict[str, list[Any]], people: tuple[list[str], ...]) -> list[Commit]:
    """Commits from their columns (built by C loops: map and zip, no Python per commit)."""
    shas, parents = table["ids"], _counts(table["parents"])
    who, dates = _indexes(table["who"], len(people[0])), _dates(table["dates"])
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


def _authors(table: dict[str, list[Any]], people: tuple[list[str], ...]) -> list[AuthorSummary]:
    who = _indexes(table["authors.who"], len(people[0]))
    counts = [_counts(table[key]) for key in ("commits", "undated")]
    dates = [_dates(table[key]) for key in ("first", "last")]
    names, emails, mapped_names, identities = people
    return list(
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


def _read(path: Path, names: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """A file's header and columns (``names``, each present); ValueError when damaged."""
    header, table = columns.read(path.read_bytes(), TEXTS)
    if header.get("version") != VERSION or set(names) - set(table):
        raise ValueError("version")
    return header, table


@dataclass(frozen=True)
class Tip:
    """The small file: which commit the cache is at, what it was read with, and the limit
    the sums are moved to (``until``; the base's is ``base_until``)."""

    base: str
    commit: str
    mailmap: str
    base_until: int | None
    until: int | None
    table: dict[str, list[Any]]


def load_tip(cache_dir: Path, key: str) -> Tip | None:
    """The tip alone, read first so that git can start on the new commits at once."""
    try:
        header, table = _read(files(cache_dir, key)[1], (*PEOPLE_COLUMNS, *RECORD_COLUMNS))
    except (OSError, ValueError):
        return None
    base, commit, mailmap = header.get("base"), header.get("commit"), header.get("mailmap")
    base_until, until = header.get("base_until"), header.get("until")
    if not (
        isinstance(base, str)
        and isinstance(commit, str)
        and isinstance(mailmap, str)
        and (base_until is None or isinstance(base_until, int))
        and (until is None or isinstance(until, int))
    ):
        return None
    return Tip(base, commit, mailmap, base_until, until, table)


def load(cache_dir: Path, key: str, tip: Tip) -> History | None:
    """The cached history the tip leads to, or None when it is missing or damaged."""
    try:
        header, table = _read(
            files(cache_dir, key)[0], (*PEOPLE_COLUMNS, *RECORD_COLUMNS, *AUTHOR_COLUMNS)
        )
        people = _people(table)
        authors, base_records = _authors(table, people), _commits(table, people)
        records = _commits(tip.table, _people(tip.table))
    except (OSError, KeyError, TypeError, ValueError, IndexError):
        return None
    until, summed = header.get("until"), header.get("summed")
    commit, mailmap = header.get("commit"), header.get("mailmap")
    if not (
        (until is None or isinstance(until, int))
        and isinstance(summed, int)
        and isinstance(commit, str)
        and isinstance(mailmap, str)
    ):
        return None
    if (commit, mailmap, until) != (tip.base, tip.mailmap, tip.base_until):
        return None  # the two files were not written together
    history = History(mailmap, commit, until, summed, authors, base_records)
    history.tip_until = tip.until
    if tip.commit != tip.base:
        history.tip_commit, history.tip_records = tip.commit, records
    return history


def _encode(records: list[Commit], authors: list[AuthorSummary]) -> dict[str, Sequence[Any]]:
    """Columns: each person once, then commits and sums naming people by their index (all
    in C loops: keys by itemgetter, people in order of appearance by dict.fromkeys)."""
    record_people = list(map(operator.itemgetter(2, 3, 5, 6), records))
    author_people = list(map(operator.itemgetter(0, 1, 2, 3), authors))
    index = dict.fromkeys(record_people)
    index.update(dict.fromkeys(author_people))
    position = dict(zip(index, range(len(index)), strict=True))
    people = list(zip(*position, strict=True)) if position else [()] * 4
    return {
        **dict(zip(PEOPLE_COLUMNS, people, strict=True)),
        "ids": list(map(operator.itemgetter(0), records)),
        "parents": list(map(operator.itemgetter(1), records)),
        "who": list(map(position.__getitem__, record_people)),
        "dates": list(map(operator.itemgetter(4), records)),
        "authors.who": list(map(position.__getitem__, author_people)),
        "commits": list(map(operator.itemgetter(4), authors)),
        "undated": list(map(operator.itemgetter(5), authors)),
        "first": list(map(operator.itemgetter(6), authors)),
        "last": list(map(operator.itemgetter(7), authors)),
    }


def _write(path: Path, header: Mapping[str, object], table: Mapping[str, Sequence[Any]]) -> None:
    with contextlib.suppress(OSError, ValueError, TypeError, OverflowError):
        data = columns.encode({"version": VERSION, **header}, table, TEXTS)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")  # one per file
        partial.write_bytes(data)
        partial.replace(path)


def save(cache_dir: Path, key: str, history: History, *, base_changed: bool) -> None:
    """Write the base when it changed, then the tip (always)."""
    base_path, tip_path = files(cache_dir, key)
    if base_changed:
        for stale in (tip_path, *_earlier_files(base_path)):
            with contextlib.suppress(OSError):
                stale.unlink(missing_ok=True)
        header = {
            "commit": history.base_commit,
            "mailmap": history.mailmap,
            "until": history.until,
            "summed": history.summed,
        }
        _write(base_path, header, _encode(history.base_records, history.authors))
    header = {
        "base": history.base_commit,
        "commit": history.commit,
        "mailmap": history.mailmap,
        "base_until": history.until,
        "until": history.summed_until,
    }
    table = _encode(history.tip_records, [])
    _write(tip_path, header, {key: table[key] for key in (*PEOPLE_COLUMNS, *RECORD_COLUMNS)})


def updated(
    cache_dir: Path, key: str, history: History, new: list[Commit], sha: str, end: int
) -> History:
    """The history at ``sha``, with the ``new`` commits read since its commit and its sums
    moved to the limit of an evaluation as of ``end``, written back.

    Moving the sums on is done here, in memory, on every evaluation that needs it: the
    commits to add are the last ones listed, a few hundred a month. The file written is
    the tip (new commits, and the limit the sums are moved to), unless the base lags by
    more than TIP_LIMIT commits (listed in the tip or summed since) or there is no base:
    then the base is written again at ``sha`` and the tip emptied."""
    until = max(summing_limit(end), history.summed_until or 0)
    tip_records = merged(new, history.tip_records)
    current = rebased(history, merged(tip_records, history.base_records), until)
    current.base_commit = sha
    lag = len(tip_records) + current.summed - history.summed
    if history.until is None or lag > TIP_LIMIT:
        current.authors = consolidated(current.authors)
        save(cache_dir, key, current, base_changed=True)
    elif new or history.commit != sha or until != history.summed_until:
        history.tip_commit, history.tip_records, history.tip_until = sha, tip_records, until
        save(cache_dir, key, history, base_changed=False)
    return current


def rebased(history: History, records: list[Commit], until: int) -> History:
    """A new base at the history's last commit: ``records`` (every commit listed, newest
    first) with those dated at or before ``until``, or undated, added to the sums.

    Those are the last records (undated ones sort last), so only they are looked at. They
    are summed per author on their own, after the earlier sums: an author may then have
    two sums, which add up (``EarlierHistory``), until ``consolidated`` makes them one."""
    cut = len(records)
    while cut:
        stamp = records[cut - 1].committed_at
        if stamp is not None and stamp > until:
            break
        cut -= 1
    authors = history.authors + _summed(records[cut:])
    summed = history.summed + len(records) - cut
    return History(history.mailmap, history.commit, until, summed, authors, records[:cut])


def consolidated(authors: list[AuthorSummary]) -> list[AuthorSummary]:
    """One sum per author (name, email, mapped name, identity), each where the author first
    appears: only the later sums of an author are looked at one by one."""
    keys = list(map(operator.itemgetter(0, 1, 2, 3), authors))
    count = len(keys)
    first = dict(zip(reversed(keys), range(count - 1, -1, -1), strict=True))
    if len(first) == count:
        return authors
    firsts = list(map(first.__getitem__, keys))
    result = list(authors)
    for index in itertools.compress(range(count), map(operator.ne, firsts, range(count))):
        result[firsts[index]] = _added(result[firsts[index]], authors[index])
    return list(itertools.compress(result, map(operator.eq, firsts, range(count))))


def _summed(commits: list[Commit]) -> list[AuthorSummary]:
    """The commits' sums per author, in order of first appearance."""
    sums: dict[Person, list[int | None]] = {}
    for commit in commits:
        key = (commit[2], commit[3], commit[5], commit[6])
        stamp = commit[4]
        found = sums.get(key)
        if found is None:
            sums[key] = [1, 1, None, None] if stamp is None else [1, 0, stamp, stamp]
            continue
        found[0] += 1  # type: ignore[operator]
        if stamp is None:
            found[1] += 1  # type: ignore[operator]
            continue
        if found[2] is None or stamp < found[2]:
            found[2] = stamp
        if found[3] is None or stamp > found[3]:
            found[3] = stamp
    return [AuthorSummary(*key, *values) for key, values in sums.items()]  # type: ignore[arg-type]


def _added(one: AuthorSummary, other: AuthorSummary) -> AuthorSummary:
    """The sums of one author over two stretches of history."""
    firsts = [date for date in (one.first, other.first) if date is not None]
    lasts = [date for date in (one.last, other.last) if date is not None]
    return AuthorSummary(
        *one[:4],
        one.commits + other.commits,
        one.undated + other.undated,
        min(firsts, default=None),
        max(lasts, default=None),
    )
