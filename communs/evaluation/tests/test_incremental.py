"""Incremental re-evaluation: only new commits are read, the earlier history comes back
summed per author, and the report is byte for byte the same as a full evaluation's; a
rewritten history, a new .mailmap or an as_of moved back reads everything again."""

import json
import random
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from communs.evaluation import columns, evaluate
from communs.evaluation import git as engine_git
from communs.evaluation import history_cache as histories
from communs.evaluation.tests.conftest import AS_OF

PEOPLE = [
    ("Alice", "alice@mairie-exemple.fr"),
    ("Bob", "bob@gmail.com"),
    ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"),
    ("Carol", "carol@agglo.example.fr"),
]


@pytest.fixture
def busy(repo):
    """Seven years of history with branches, merges, a mailmap, dates that are not in order
    (some far in the past or unparseable) and tags."""
    rng = random.Random(7)  # noqa: S311 (reproducible test data)
    for index in range(60):
        name, email = rng.choice(PEOPLE)
        if index in {2, 58}:  # back after years away: not a new author
            name, email = "Erin", "erin@commune.example.fr"
        elif index == 57:  # a new author
            name, email = "Frank", "frank@gmail.com"
        year, month, day = 2021 + index // 10, 1 + rng.randint(0, 11), 1 + rng.randint(0, 27)
        if index >= 56:
            month = 7 + rng.randint(0, 5)  # in the last twelve months of LATER
        when = f"{year}-{month:02d}-{day:02d}"
        if index % 7 == 3:
            side = repo.branch_commit(f"side{index}", f"{when}T09:00:00Z")
            repo.merge(side, f"{when}T18:00:00Z", author=name, email=email)
        elif index in {25, 41}:  # an old date on a recent commit (a rebased branch)
            repo.commit("2019-03-01T12:00:00Z", author=name, email=email)
        elif index == 30:  # a date past year 9999: no readable date
            repo.git("update-ref", "HEAD", absurd_commit(repo, name, email))
        else:
            repo.commit(f"{when}T12:00:00Z", author=name, email=email)
        if index == 10:
            repo.commit(files={".mailmap": "Bob B <bob@gmail.com> <carol@agglo.example.fr>\n"})
        if index % 9 == 0:
            repo.tag(f"v1.{index}", when=f"{when}T13:00:00Z")
    return repo


LATER = AS_OF.replace(year=2027)


def absurd_commit(repo: Any, name: str, email: str) -> str:
    """A commit on HEAD written by hand, dated in the year 10000."""
    tree, parent = repo.git("rev-parse", "HEAD^{tree}"), repo.git("rev-parse", "HEAD")
    body = (
        f"tree {tree}\nparent {parent}\nauthor {name} <{email}> 1700000000 +0000\n"
        f"committer {name} <{email}> 253402300800 +0000\n\nfar future\n"
    )
    return str(repo.git("hash-object", "-t", "commit", "-w", "--stdin", input=body.encode()))


def report_bytes(path, as_of=LATER, **kwargs) -> bytes:
    report = evaluate(path, as_of=as_of, **kwargs).as_json()
    return json.dumps(report, sort_keys=False).encode()


def read_file(path: Path) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    return columns.read(path.read_bytes(), histories.TEXTS)


def cache_contents(cache: Path) -> dict[str, Any]:
    """The base file's header, with ``commit`` and ``records`` as the tip makes them."""
    (base,) = cache.glob("history-*.base")
    contents, table = read_file(base)
    (tip_path,) = cache.glob("history-*.tip")
    tip, tip_table = read_file(tip_path)
    assert tip["base"] == contents["commit"]
    contents["commit"] = tip["commit"]
    # One entry per listed commit (the index of its author): enough to count them.
    contents["records"] = table["who"] + tip_table["who"]
    return contents


def read_revisions(monkeypatch) -> list[str]:
    """The revisions of every ``git log`` of the history, as the engine starts them."""
    seen: list[str] = []
    real = engine_git._log_output

    def recording(repository, sha, revisions):
        seen.append(revisions)
        return real(repository, sha, revisions)

    monkeypatch.setattr(engine_git, "_log_output", recording)
    return seen


@pytest.mark.parametrize("seed", range(4))
def test_a_re_evaluation_from_a_random_cut_reads_only_new_commits_and_gives_the_same_bytes(
    busy, tmp_path, monkeypatch, seed
):
    full = report_bytes(busy.path)
    commits = busy.git("rev-list", "HEAD").split()
    mailmap = busy.git("rev-parse", "HEAD:.mailmap")
    # Cuts that have the same .mailmap as HEAD (another .mailmap means a full read).
    same = [c for c in commits[1:] if busy.git("ls-tree", c, ".mailmap").split()[2:3] == [mailmap]]
    assert len(same) > 10
    rng = random.Random(seed)  # noqa: S311
    cut = rng.choice(same)
    repository = engine_git.open_local(busy.path)
    cache = tmp_path / f"cache{seed}"
    # The cut was evaluated some day between its own date and LATER.
    days = rng.randint(0, 400)
    engine_git._commits(repository, cut, cache, LATER - timedelta(days=days))
    seen = read_revisions(monkeypatch)
    assert report_bytes(busy.path, history_cache=cache) == full
    assert seen == [f"{cut}..{commits[0]}"]
    cached = cache_contents(cache)
    assert cached["commit"] == commits[0]
    assert cached["summed"] > 0  # the earlier history was summed, not listed
    assert cached["summed"] + len(cached["records"]) == len(commits)
    # Nothing new: nothing read, the same bytes again.
    assert report_bytes(busy.path, history_cache=cache) == full
    assert seen == [f"{cut}..{commits[0]}"]


def test_a_report_as_of_an_earlier_day_than_the_cached_sums_reads_everything_again(
    busy, tmp_path, monkeypatch
):
    cache = tmp_path / "cache"
    report_bytes(busy.path, history_cache=cache)
    earlier = LATER - timedelta(days=200)  # its two years reach into the summed commits
    seen = read_revisions(monkeypatch)
    expected = report_bytes(busy.path, as_of=earlier)
    seen.clear()
    assert report_bytes(busy.path, as_of=earlier, history_cache=cache) == expected
    assert len(seen) == 1
    assert ".." not in seen[0]


@pytest.mark.parametrize("collected", [True, False])
def test_a_rewritten_history_falls_back_to_a_full_read(busy, tmp_path, monkeypatch, collected):
    cache = tmp_path / "cache"
    report_bytes(busy.path, history_cache=cache)
    busy.git("reset", "-q", "--hard", "HEAD~3")
    busy.commit("2026-06-01T12:00:00Z", author="Dave", email="dave@agglo.example.fr")
    if collected:  # the old commits are gone, as after a force-push on a server
        busy.git("reflog", "expire", "--expire=now", "--all")
        busy.git("gc", "-q", "--prune=now")
    seen = read_revisions(monkeypatch)
    head = busy.git("rev-parse", "HEAD")
    assert report_bytes(busy.path, history_cache=cache) == report_bytes(busy.path)
    # OLD..HEAD may be read while git says whether OLD is an ancestor; it is not used.
    assert seen[-2:] == [head, head]  # a full read with the cache, then one without
    assert cache_contents(cache)["commit"] == head
    assert len(cache_contents(cache)["records"]) + cache_contents(cache)["summed"] == int(
        busy.git("rev-list", "--count", "HEAD")
    )


def test_new_commits_go_to_the_small_tip_file_and_the_base_stays(busy, tmp_path, monkeypatch):
    full = report_bytes(busy.path)
    line = busy.git("rev-list", "--first-parent", "HEAD").split()  # each an ancestor of the last
    repository = engine_git.open_local(busy.path)
    cache = tmp_path / "cache"
    engine_git._commits(repository, line[6], cache, LATER)
    (base,) = cache.glob("history-*.base")
    written = base.read_bytes()
    engine_git._commits(repository, line[3], cache, LATER)
    seen = read_revisions(monkeypatch)
    assert report_bytes(busy.path, history_cache=cache) == full
    assert seen == [f"{line[3]}..{line[0]}"]
    assert base.read_bytes() == written
    tip, tip_table = read_file(next(cache.glob("history-*.tip")))
    assert tip["commit"] == line[0]
    assert len(tip_table["who"]) == int(busy.git("rev-list", "--count", f"{line[6]}..{line[0]}"))


def test_a_changed_mailmap_reads_everything_again(busy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    report_bytes(busy.path, history_cache=cache)
    busy.commit(files={".mailmap": "Alice A <alice@example.org> <alice@mairie-exemple.fr>\n"})
    seen = read_revisions(monkeypatch)
    assert report_bytes(busy.path, history_cache=cache) == report_bytes(busy.path)
    head = busy.git("rev-parse", "HEAD")
    assert seen[-2:] == [head, head]  # a full read with the cache, then one without


def test_a_damaged_cache_is_ignored(busy, tmp_path):
    cache = tmp_path / "cache"
    report_bytes(busy.path, history_cache=cache)
    for path in cache.iterdir():
        path.write_bytes(b"\x00garbage")
    assert report_bytes(busy.path, history_cache=cache) == report_bytes(busy.path)


def test_a_dormant_history_summed_whole_gives_the_same_bytes_later(busy, tmp_path, monkeypatch):
    """Every commit older than the sums' limit: the last commit's date comes from the sums."""
    cache = tmp_path / "cache"
    much_later = LATER.replace(year=2030)
    report_bytes(busy.path, as_of=much_later, history_cache=cache)
    assert cache_contents(cache)["records"] == []
    seen = read_revisions(monkeypatch)
    for as_of in (much_later, much_later + timedelta(days=45)):
        assert report_bytes(busy.path, as_of=as_of, history_cache=cache) == report_bytes(
            busy.path, as_of=as_of
        )
    assert len(seen) == 2  # the two full evaluations only
    assert json.loads(report_bytes(busy.path, as_of=much_later))["facts"]["new_authors_12m"] == 0


def test_an_undated_tag_on_a_summed_commit_is_still_counted(busy, tmp_path):
    """A tag with no date (no tagger line, a commit dated past 9999) counts when its commit
    is in the history: with that commit summed, git is asked which commits the history holds."""
    old = busy.git("log", "--grep=far future", "--format=%H")
    body = f"object {old}\ntype commit\ntag undated\n\nno tagger line\n"
    tag = busy.git("hash-object", "-t", "tag", "-w", "--stdin", input=body.encode())
    busy.git("update-ref", "refs/tags/undated", tag)
    cache = tmp_path / "cache"
    full = report_bytes(busy.path)
    assert report_bytes(busy.path, history_cache=cache) == full
    assert cache_contents(cache)["summed"] > 0
    assert report_bytes(busy.path, history_cache=cache) == full
    tags = json.loads(full)["facts"]["tags_total"]
    assert tags == len(busy.git("tag", "--list").split())


def commit_dates(repo: Any) -> list[int]:
    return [int(stamp) for stamp in repo.git("log", "--format=%ct", "HEAD").split()]


def test_sums_moved_on_are_kept_in_the_tip_and_the_base_file_stays(busy, tmp_path):
    """Months later, the commits grown old enough are summed in memory: only the tip says
    so, and the report and the sums are those of a cache written from scratch."""
    line = busy.git("rev-list", "--first-parent", "HEAD").split()
    repository = engine_git.open_local(busy.path)
    cache = tmp_path / "cache"
    engine_git._commits(repository, line[3], cache, LATER - timedelta(days=365))
    (base,) = cache.glob("history-*.base")
    written = base.read_bytes()
    for index, as_of in enumerate((LATER, LATER + timedelta(days=45))):
        assert report_bytes(busy.path, as_of=as_of, history_cache=cache) == report_bytes(
            busy.path, as_of=as_of
        )
        assert base.read_bytes() == written
        header, _ = read_file(base)
        tip, _ = read_file(next(cache.glob("history-*.tip")))
        assert tip["base_until"] == header["until"] < tip["until"]
        moved = [d for d in commit_dates(busy) if header["until"] < d <= tip["until"]]
        assert moved  # commits were summed that the base lists one by one
        commits, earlier = engine_git._commits(repository, line[0], cache, as_of)
        fresh_commits, fresh = engine_git._commits(
            repository, line[0], tmp_path / f"{index}", as_of
        )
        assert (commits, earlier.until, earlier.commits) == (
            fresh_commits,
            fresh.until,
            fresh.commits,
        )
        assert sorted(histories.consolidated(list(earlier.authors))) == sorted(fresh.authors)


def test_the_base_is_written_again_once_it_lags_too_far_with_one_sum_per_author(
    busy, tmp_path, monkeypatch
):
    monkeypatch.setattr(histories, "TIP_LIMIT", 4)
    line = busy.git("rev-list", "--first-parent", "HEAD").split()
    repository = engine_git.open_local(busy.path)
    cache = tmp_path / "cache"
    engine_git._commits(repository, line[12], cache, LATER - timedelta(days=365))
    assert int(busy.git("rev-list", "--count", f"{line[12]}..{line[0]}")) > 4
    assert report_bytes(busy.path, history_cache=cache) == report_bytes(busy.path)
    header, table = read_file(next(cache.glob("history-*.base")))
    tip, _ = read_file(next(cache.glob("history-*.tip")))
    assert header["commit"] == tip["commit"] == tip["base"] == line[0]
    assert tip["until"] == tip["base_until"] == header["until"]
    authors = table["authors.who"]
    assert len(set(authors)) == len(authors)  # the sums moved on were added to each author's


def test_a_cache_file_with_a_negative_index_is_ignored(busy, tmp_path):
    """A negative index would name a person from the end of the list: it is refused."""
    cache = tmp_path / "cache"
    full = report_bytes(busy.path)
    assert report_bytes(busy.path, history_cache=cache) == full
    (base,) = cache.glob("history-*.base")
    header, table = read_file(base)
    del header["columns"]
    table["who"][0] = -1
    base.write_bytes(columns.encode(header, table, histories.TEXTS))
    tip = histories.load_tip(cache, str(engine_git.open_local(busy.path).git_dir))
    assert tip is not None
    assert histories.load(cache, str(engine_git.open_local(busy.path).git_dir), tip) is None
    assert report_bytes(busy.path, history_cache=cache) == full


def test_the_files_of_an_earlier_version_are_removed_when_the_base_is_written(busy, tmp_path):
    cache = tmp_path / "cache"
    key = str(engine_git.open_local(busy.path).git_dir)
    base, tip = histories.files(cache, key)
    cache.mkdir()
    earlier = [base.with_suffix(".json"), base.with_suffix(".tip.json")]
    for path in earlier:
        path.write_text('{"version": 2}')
    assert report_bytes(busy.path, history_cache=cache) == report_bytes(busy.path)
    assert sorted(cache.iterdir()) == sorted([base, tip])
