"""Incremental re-evaluation: only new commits are read, and the report is byte for byte the
same as a full evaluation's; a rewritten history or a new .mailmap reads everything again."""

import json
import random

import pytest

from communs.evaluation import evaluate
from communs.evaluation import git as engine_git
from communs.evaluation.tests.conftest import AS_OF

PEOPLE = [
    ("Alice", "alice@mairie-exemple.fr"),
    ("Bob", "bob@gmail.com"),
    ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"),
    ("Carol", "carol@agglo.example.fr"),
]


@pytest.fixture
def busy(repo):
    """A history with branches, merges, a mailmap and dates that are not in order."""
    rng = random.Random(7)  # noqa: S311 (reproducible test data)
    for index in range(30):
        name, email = rng.choice(PEOPLE)
        month, day = 1 + index % 5, 1 + rng.randint(0, 27)
        if index % 7 == 3:
            side = repo.branch_commit(f"side{index}", f"2026-{month:02d}-{day:02d}T09:00:00Z")
            repo.merge(side, f"2026-{month:02d}-{day:02d}T18:00:00Z", author=name, email=email)
        else:
            repo.commit(f"2026-{month:02d}-{day:02d}T12:00:00Z", author=name, email=email)
        if index == 10:
            repo.commit(files={".mailmap": "Bob B <bob@gmail.com> <carol@agglo.example.fr>\n"})
        if index % 9 == 0:
            repo.tag(f"v1.{index}", when=f"2026-{month:02d}-{day:02d}T13:00:00Z")
    return repo


def report_bytes(path, **kwargs) -> bytes:
    report = evaluate(path, as_of=AS_OF.replace(year=2027), **kwargs).as_json()
    return json.dumps(report, sort_keys=False).encode()


def read_revisions(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = engine_git._log

    def recording(repository, sha, revisions):
        seen.append(revisions)
        return real(repository, sha, revisions)

    monkeypatch.setattr(engine_git, "_log", recording)
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
    cut = random.Random(seed).choice(same)  # noqa: S311
    repository = engine_git.open_local(busy.path)
    cache = tmp_path / f"cache{seed}"
    engine_git._commits(repository, cut, cache)
    seen = read_revisions(monkeypatch)
    assert report_bytes(busy.path, history_cache=cache) == full
    assert seen == [f"{cut}..{commits[0]}"]
    # Nothing new: nothing read, the same bytes again.
    assert report_bytes(busy.path, history_cache=cache) == full
    assert seen == [f"{cut}..{commits[0]}"]


def test_a_rewritten_history_falls_back_to_a_full_read(busy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    report_bytes(busy.path, history_cache=cache)
    busy.git("reset", "-q", "--hard", "HEAD~3")
    busy.commit("2026-06-01T12:00:00Z", author="Dave", email="dave@agglo.example.fr")
    busy.git("reflog", "expire", "--expire=now", "--all")
    busy.git("gc", "-q", "--prune=now")  # the old commits are gone, as after a force-push
    seen = read_revisions(monkeypatch)
    head = busy.git("rev-parse", "HEAD")
    assert report_bytes(busy.path, history_cache=cache) == report_bytes(busy.path)
    assert seen[0] == head  # a full read, not OLD..HEAD


def test_a_changed_mailmap_reads_everything_again(busy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    report_bytes(busy.path, history_cache=cache)
    busy.commit(files={".mailmap": "Alice A <alice@example.org> <alice@mairie-exemple.fr>\n"})
    seen = read_revisions(monkeypatch)
    assert report_bytes(busy.path, history_cache=cache) == report_bytes(busy.path)
    assert seen[0] == busy.git("rev-parse", "HEAD")


def test_a_damaged_cache_is_ignored(busy, tmp_path):
    cache = tmp_path / "cache"
    report_bytes(busy.path, history_cache=cache)
    for path in cache.iterdir():
        path.write_bytes(b"\x00garbage")
    assert report_bytes(busy.path, history_cache=cache) == report_bytes(busy.path)
