"""Odd repositories: every one is evaluated truthfully or refused with a reason, never hangs."""

import os
import subprocess
import time
from pathlib import Path

import pytest

from communs.evaluation import GitError, Outcome, TargetError, evaluate
from communs.evaluation.git import open_local, read_snapshot
from communs.evaluation.snapshot import MAX_FILE_BYTES
from communs.evaluation.tests.conftest import AS_OF
from communs.evaluation.tests.gitrepo import GitRepo, stamp


def raw_commit(repo: GitRepo, committer_date: str, *, parent: str | None = None) -> str:
    """A commit object written by hand, with a committer date git itself may not parse."""
    tree = repo.git("rev-parse", "HEAD^{tree}")
    body = f"tree {tree}\n"
    if parent:
        body += f"parent {parent}\n"
    body += (
        f"author Alice <alice@mairie-exemple.fr> {stamp('2026-01-01T00:00:00Z')}\n"
        f"committer Alice <alice@mairie-exemple.fr> {committer_date}\n\nodd date\n"
    )
    return repo.git(
        "hash-object", "-t", "commit", "-w", "--literal", "--stdin", input=body.encode()
    )


def test_nested_annotated_tags_are_peeled_to_their_commit_whatever_the_git_version(repo):
    sha = repo.commit("2026-05-01T08:00:00Z")
    repo.tag("v1.0", when="2026-05-02T08:00:00Z")
    outer = (
        f"object {repo.git('rev-parse', 'refs/tags/v1.0')}\ntype tag\ntag v1.0-again\n"
        f"tagger Release Bot <release@example.org> {stamp('2026-05-03T08:00:00Z')}\n\nagain\n"
    )
    oid = repo.git("hash-object", "-t", "tag", "-w", "--stdin", input=outer.encode())
    repo.git("update-ref", "refs/tags/v1.0-again", oid)
    tree_tag = repo.git("rev-parse", "HEAD^{tree}")
    repo.git("update-ref", "refs/tags/a-tree", tree_tag)
    snapshot = read_snapshot(open_local(repo.path), target="t", as_of=AS_OF)
    assert {(tag.name, tag.target) for tag in snapshot.tags} == {
        ("v1.0", sha),
        ("v1.0-again", sha),
    }
    facts = evaluate(repo.path, as_of=AS_OF).facts
    assert facts.anomalies["tags_not_on_commits"] == 1
    assert facts.last_release_at == "2026-05-03T08:00:00Z"


def test_a_tag_that_is_not_a_version_is_not_a_release(repo):
    repo.commit("2026-05-01T08:00:00Z")
    repo.tag("community-thread", when="2026-05-02T08:00:00Z")
    facts = evaluate(repo.path, as_of=AS_OF).facts
    assert (facts.tags_total, facts.releases_total, facts.releases_12m) == (1, 0, 0)
    assert facts.last_release_at is None


@pytest.mark.parametrize("name", ["MIT-LICENSE", "LICENCE.md", "COPYING.LESSER", "LICENSE"])
def test_licence_files_are_found_under_their_usual_names(repo, name):
    repo.commit("2026-05-01T08:00:00Z", files={name: "MIT License\n"})
    assert evaluate(repo.path, as_of=AS_OF).facts.presence["licence"] == [name]


def test_malformed_and_absurd_commit_dates_are_counted_never_a_crash(repo):
    first = repo.commit("2026-01-01T00:00:00Z")
    odd = raw_commit(repo, "253402300800 +0000", parent=first)  # year 10000
    odder = raw_commit(repo, "not-a-date", parent=odd)
    huge = raw_commit(repo, "99999999999999999999 +0000", parent=odder)
    repo.git("update-ref", "HEAD", huge)
    report = evaluate(repo.path, as_of=AS_OF)
    facts = report.facts
    # git itself picks the last commit "at or before" as_of among dates it cannot read
    assert report.head in {odder, huge}
    assert facts.commits_total == int(repo.git("rev-list", "--count", report.head or ""))
    assert facts.anomalies["commit_dates_unparseable"] >= 2
    assert facts.first_commit_at == "2026-01-01T00:00:00Z"
    assert facts.last_commit_at is not None and facts.last_commit_at <= "2026-06-30T23:59:59Z"
    assert report.as_json()["facts"]["anomalies"]["commit_dates_unparseable"] >= 2
    assert all(result.finding.outcome is not Outcome.ERROR for result in report.checks)


def test_future_dated_commits_in_the_history_are_counted_and_give_no_negative_age(repo):
    repo.commit("2026-01-01T00:00:00Z")
    repo.commit("2098-12-31T00:00:00Z")  # a committer clock far ahead
    repo.commit("2026-02-01T00:00:00Z")
    report = evaluate(repo.path, as_of=AS_OF)
    assert report.facts.anomalies["commit_dates_after_as_of"] == 1
    assert report.facts.first_commit_at == "2026-01-01T00:00:00Z"
    assert report.facts.last_commit_at == "2026-02-01T00:00:00Z"
    longevity = next(r for r in report.checks if r.id == "community.longevity")
    assert "-" not in longevity.finding.reason.split("(")[0]


def test_a_shallow_clone_is_refused_because_its_history_is_incomplete(repo, tmp_path):
    for day in range(1, 4):
        repo.commit(f"2026-03-0{day}T10:00:00Z")
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth=1", f"file://{repo.path}", str(shallow)], check=True
    )
    with pytest.raises(TargetError, match="shallow clone"):
        evaluate(shallow, as_of=AS_OF)


def test_a_linked_work_tree_is_evaluated_like_its_repository(repo, tmp_path):
    repo.commit("2026-03-01T10:00:00Z", files={"README.md": "# x\n"})
    linked = tmp_path / "linked"
    repo.git("worktree", "add", "-q", str(linked))
    assert (linked / ".git").is_file()
    assert evaluate(linked, as_of=AS_OF).facts == evaluate(repo.path, as_of=AS_OF).facts


def test_a_head_pointing_at_a_missing_branch_is_refused_not_called_empty(repo):
    repo.commit("2026-03-01T10:00:00Z")
    repo.git("symbolic-ref", "HEAD", "refs/heads/master")
    with pytest.raises(TargetError, match=r"refs/heads/master, which does not exist.*main"):
        evaluate(repo.path, as_of=AS_OF)


def test_a_repository_with_no_commit_before_as_of_is_refused_with_the_date(repo):
    repo.commit("2026-08-01T10:00:00Z")
    with pytest.raises(TargetError, match="no commit dated on or before 2026-06-30"):
        evaluate(repo.path, as_of=AS_OF)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_repository_of_another_user_is_refused_with_the_cause_unless_allowed(repo):
    repo.commit("2026-03-01T10:00:00Z")
    for root, dirs, files in os.walk(repo.path):
        for name in [*dirs, *files]:
            os.lchown(os.path.join(root, name), 12345, 12345)
    os.lchown(repo.path, 12345, 12345)
    with pytest.raises(TargetError, match=r"belongs to another user.*--allow-other-owner"):
        evaluate(repo.path, as_of=AS_OF)
    assert evaluate(repo.path, as_of=AS_OF, allow_other_owner=True).facts.commits_total == 1


def test_a_repository_borrowing_objects_through_alternates_is_refused(repo, tmp_path):
    repo.commit("2026-03-01T10:00:00Z")
    borrower = tmp_path / "borrower"
    subprocess.run(["git", "clone", "-q", "--shared", str(repo.path), str(borrower)], check=True)
    with pytest.raises(TargetError, match="objects/info/alternates"):
        evaluate(borrower, as_of=AS_OF)


def test_a_local_promisor_remote_is_never_asked_for_missing_objects(tmp_path):
    source = GitRepo(tmp_path / "source")
    source.git("config", "uploadpack.allowFilter", "true")
    source.commit("2026-03-01T10:00:00Z", files={"README.md": "# secret from elsewhere\n"})
    partial = tmp_path / "partial.git"
    subprocess.run(
        [
            "git", "-c", "protocol.file.allow=always", "clone", "-q", "--bare",
            "--filter=blob:none", f"file://{source.path}", str(partial),
        ],
        check=True,
    )  # fmt: skip
    # The repository's own config allows the file transport: the engine still refuses it.
    subprocess.run(
        ["git", "--git-dir", str(partial), "config", "protocol.file.allow", "always"], check=True
    )
    snapshot = read_snapshot(open_local(partial), target="t", as_of=AS_OF)
    assert snapshot.read("README.md") is None
    missing = subprocess.run(
        ["git", "--git-dir", str(partial), "rev-list", "--objects", "--missing=print", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "GIT_NO_LAZY_FETCH": "1"},
    ).stdout
    assert any(line.startswith("?") for line in missing.splitlines())


def git_processes_under(folder: Path) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if str(folder) in command and "git" in command:
                found.append(command)
    return found


def test_git_stuck_on_a_fifo_is_stopped_at_the_deadline_with_every_process(repo):
    repo.commit("2026-03-01T10:00:00Z", files={"README.md": "# x\n"})
    blob = repo.git("rev-parse", "HEAD:README.md")
    loose = repo.path / ".git" / "objects" / blob[:2] / blob[2:]
    loose.unlink()
    os.mkfifo(loose)
    started = time.monotonic()
    with pytest.raises(GitError, match="time limit of 2 s"):
        evaluate(repo.path, as_of=AS_OF, timeout=2)
    assert time.monotonic() - started < 10
    time.sleep(0.2)
    assert git_processes_under(repo.path) == []


def test_a_file_longer_than_the_cap_is_read_up_to_it_and_said_in_the_facts(repo):
    repo.commit("2026-05-01T08:00:00Z", files={"README.md": "a" * (MAX_FILE_BYTES + 10)})
    anomalies = evaluate(repo.path, as_of=AS_OF).facts.anomalies
    assert anomalies["files_read_capped"] == ["README.md"]
    assert anomalies["file_read_cap_bytes"] == MAX_FILE_BYTES


def test_a_history_of_only_merges_by_people_is_said_as_such(repo):
    repo.commit("2020-01-01T00:00:00Z")
    for day in range(1, 4):
        side = repo.branch_commit(f"side{day}", "2020-02-01T00:00:00Z")
        repo.merge(side, f"2026-0{day}-10T00:00:00Z")
    report = evaluate(repo.path, as_of=AS_OF)
    for check_id in ("community.absence_factor", "community.organisational_diversity"):
        result = next(r for r in report.checks if r.id == check_id)
        assert result.finding.outcome is Outcome.INCONCLUSIVE
        assert "only merge commits by people (3)" in result.as_json()["reason"]


def test_bots_are_recognised_before_and_after_the_mailmap_and_kept_out_of_activity(repo):
    # A bot whose address the mailmap gives a human-looking name, and an automation account
    # that only the mailmap reveals as a bot.
    repo.commit(
        "2026-03-01T10:00:00Z",
        author="dependabot[bot]",
        email="49699333+dependabot[bot]@users.noreply.github.com",
    )
    repo.commit("2026-03-02T10:00:00Z", author="Deploy", email="deploy@example.org")
    repo.commit(
        "2026-03-03T10:00:00Z",
        files={
            ".mailmap": "Maintainers <team@example.org> "
            "<49699333+dependabot[bot]@users.noreply.github.com>\n"
            "renovate[bot] <bot@renovateapp.com> <deploy@example.org>\n"
        },
    )
    facts = evaluate(repo.path, as_of=AS_OF).facts
    assert (facts.bots_total, facts.bot_commits_12m) == (2, 2)
    assert (facts.authors_total, facts.commits_12m, facts.active_authors_12m) == (1, 1, 1)
