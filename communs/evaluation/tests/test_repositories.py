"""Edge cases of real repositories: empty, single commit, odd bytes, what is not a repo."""

import pytest

from communs.evaluation import Outcome, TargetError, evaluate
from communs.evaluation.tests.conftest import AS_OF
from communs.evaluation.tests.gitrepo import GitRepo


def test_an_empty_repository_gives_a_report_of_nothing(repo):
    report = evaluate(repo.path, as_of=AS_OF).as_json()
    assert report["head"] is None
    assert report["facts"]["commits_total"] == 0
    assert report["facts"]["bus_factor"] is None
    assert report["facts"]["first_commit_at"] is None
    assert {c["outcome"] for c in report["checks"]} == {"not_applicable"}
    assert all(criterion["score"] is None for criterion in report["criteria"])


def test_a_single_commit_is_evaluated(repo):
    sha = repo.commit("2026-05-01T08:00:00Z", files={"README.md": "# Projet\n"})
    report = evaluate(repo.path, as_of=AS_OF).as_json()
    assert report["head"] == sha
    assert report["facts"]["commits_total"] == 1
    assert report["facts"]["bus_factor"] == 1
    assert report["facts"]["first_commit_at"] == report["facts"]["last_commit_at"]


def test_a_non_utf8_author_name_and_binary_files_do_not_break_anything(repo):
    repo.commit(
        "2026-05-01T08:00:00Z",
        author_name_bytes=b"Ren\xe9 Dupr\xe9",
        files={"data.bin": bytes(range(256)), "README.md": b"\xff\xfe\x00broken"},
    )
    report = evaluate(repo.path, as_of=AS_OF)
    assert report.facts.authors_total == 1
    assert all(result.finding.outcome is not Outcome.ERROR for result in report.checks)


def test_a_large_file_is_read_only_up_to_the_cap(repo):
    from communs.evaluation.git import read_snapshot
    from communs.evaluation.snapshot import MAX_FILE_BYTES

    repo.commit("2026-05-01T08:00:00Z", files={"README.md": "a" * (MAX_FILE_BYTES + 10)})
    snapshot = read_snapshot(repo.path, target="t", as_of=AS_OF)
    readme = snapshot.read("README.md")
    assert readme is not None
    assert len(readme.data) == MAX_FILE_BYTES and readme.truncated


def test_the_history_read_in_short_blocks_is_the_same(repo, monkeypatch):
    from communs.evaluation import git

    for day in range(1, 6):
        repo.commit(f"2026-05-0{day}T08:00:00Z", files={"notes.txt": f"day {day}\n"})
    whole = git.read_snapshot(repo.path, target="t", as_of=AS_OF)
    monkeypatch.setattr(git, "_READ", 7)  # records and fields cut across reads
    assert git.read_snapshot(repo.path, target="t", as_of=AS_OF) == whole
    assert len(whole.commits) == 5


def test_the_callers_work_on_the_tree_is_done_before_the_snapshot_is_returned(repo):
    from communs.evaluation.git import read_snapshot
    from communs.evaluation.snapshot import NotKnownYet

    repo.commit("2026-05-01T08:00:00Z", files={"README.md": "# Projet\n"})
    seen: list[object] = []

    def meanwhile(tree):
        seen.append(tree.paths())
        with pytest.raises(NotKnownYet):
            tree.commits  # noqa: B018  (the history is not read yet)
        seen.append("done")

    snapshot = read_snapshot(repo.path, target="t", as_of=AS_OF, meanwhile=meanwhile)
    assert seen == [("README.md",), "done"]
    assert len(snapshot.commits) == 1


def test_an_error_in_the_callers_work_on_the_tree_is_raised(repo):
    from communs.evaluation.git import read_snapshot

    repo.commit("2026-05-01T08:00:00Z", files={"README.md": "# Projet\n"})

    def meanwhile(tree):
        raise LookupError("the caller's")

    with pytest.raises(LookupError, match="the caller's"):
        read_snapshot(repo.path, target="t", as_of=AS_OF, meanwhile=meanwhile)


@pytest.mark.parametrize("reader", ["_files", "_tags", "_changesets", "_security_fixes"])
def test_a_read_that_fails_beside_the_history_is_raised(repo, monkeypatch, reader):
    """The reads in the pool's threads (and the caller's work on the tree, which waits for
    the tree) raise their error in the caller's thread, once every thread is over."""
    from communs.evaluation import git

    repo.commit("2026-05-01T08:00:00Z", files={"README.md": "# Projet\n"})

    def failing(*args):
        raise git.GitError(f"{reader} failed")

    monkeypatch.setattr(git, reader, failing)
    seen = []
    with pytest.raises(git.GitError, match=f"{reader} failed"):
        git.read_snapshot(repo.path, target="t", as_of=AS_OF, meanwhile=seen.append)
    assert len(seen) == (0 if reader == "_files" else 1)


def test_a_folder_that_is_not_a_repository_is_refused(tmp_path):
    with pytest.raises(TargetError, match="is not a git repository"):
        evaluate(tmp_path, as_of=AS_OF)
    with pytest.raises(TargetError, match="is not a folder"):
        evaluate(tmp_path / "missing", as_of=AS_OF)


def test_a_folder_inside_a_repository_is_refused(repo):
    repo.commit(files={"sub/file.txt": "x"})
    with pytest.raises(TargetError, match="is not a git repository"):
        evaluate(repo.path / "sub", as_of=AS_OF)


def test_a_linked_work_tree_is_evaluated_like_its_repository(repo, tmp_path):
    sha = repo.commit(files={"README.md": "# Projet\n", "sub/file.txt": "x"})
    repo.git("worktree", "add", "--detach", str(tmp_path / "linked"), sha)
    report = evaluate(tmp_path / "linked", as_of=AS_OF).as_json()
    assert report["head"] == sha
    with pytest.raises(TargetError, match="is not a git repository"):
        evaluate(tmp_path / "linked" / "sub", as_of=AS_OF)


def test_nothing_configured_in_the_repository_runs(tmp_path):
    repo = GitRepo(tmp_path / "hostile")
    marker = tmp_path / "pwned"
    script = tmp_path / "hook.sh"
    script.write_text(f"#!/bin/sh\ntouch {marker}\n")
    script.chmod(0o755)
    repo.commit("2026-05-01T08:00:00Z")
    repo.tag("v1", when="2026-05-02T08:00:00Z", signed=True)
    for option in ("core.fsmonitor", "core.pager", "gpg.program", "core.sshCommand"):
        repo.git("config", option, str(script))
    repo.git("config", "log.showSignature", "true")
    hooks = repo.path / ".git" / "hooks"
    for hook in ("post-checkout", "pre-commit", "post-index-change", "reference-transaction"):
        (hooks / hook).write_text(f"#!/bin/sh\ntouch {marker}\n")
        (hooks / hook).chmod(0o755)
    evaluate(repo.path, as_of=AS_OF)
    assert not marker.exists()


def test_timezone_naive_dates_are_refused(repo):
    with pytest.raises(ValueError, match="timezone-aware"):
        evaluate(repo.path, as_of=AS_OF.replace(tzinfo=None))


def test_a_blob_missing_from_the_object_store_does_not_stop_the_evaluation(repo):
    repo.commit("2026-05-01T08:00:00Z", files={"README.md": "# x\n", "big.bin": b"x" * 5000})
    blob = repo.git("rev-parse", "HEAD:big.bin")
    (repo.path / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    report = evaluate(repo.path, as_of=AS_OF)
    assert report.facts.files_head == 2
    assert all(result.finding.outcome is not Outcome.ERROR for result in report.checks)
