"""Cloning and fetching URLs into the cache.

The network is the one thing mocked: the "remote" is a local repository served through
git's file transport, which the tests allow while the engine refuses it.
"""

import os
import subprocess
import time

import pytest

from communs.evaluation import evaluate
from communs.evaluation import git as engine_git
from communs.evaluation.targets import RepositoryUrl, TargetError, parse_url
from communs.evaluation.tests.conftest import AS_OF
from communs.evaluation.tests.test_robustness import git_processes_under

URL = "https://forge.example.org/commune/app"


@pytest.fixture
def remote(repo, monkeypatch):
    """Make URL resolve to `repo`, as if the forge served it."""
    repo.git("config", "uploadpack.allowFilter", "true")
    repo.git("config", "uploadpack.allowAnySHA1InWant", "true")
    repo.commit("2026-01-10T10:00:00Z", files={"README.md": "# App\n", "src/app.py": "x = 1\n"})

    def local(url: str) -> RepositoryUrl:
        parsed = parse_url(url)
        return RepositoryUrl(parsed.host, parsed.path, f"file://{repo.path}")

    monkeypatch.setattr(engine_git, "parse_url", local)
    monkeypatch.setattr(
        engine_git, "_HTTPS_CONFIG", (*engine_git._HTTPS_CONFIG, "protocol.file.allow=always")
    )
    return repo


def test_a_url_is_cloned_blobless_and_only_the_files_checks_read_are_fetched(remote, tmp_path):
    cache = tmp_path / "cache"
    report = evaluate(URL, as_of=AS_OF, cache_dir=cache)
    assert report.target == URL
    assert report.facts.commits_total == 1
    clones = list(cache.iterdir())
    assert len(clones) == 1 and clones[0].name.startswith("forge.example.org-commune-app-")
    assert engine_git.is_partial_clone(clones[0])
    missing = subprocess.run(
        ["git", "-C", str(clones[0]), "rev-list", "--objects", "--missing=print", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # src/app.py was never read, so its blob was never downloaded; README.md was.
    missing_blobs = {line[1:] for line in missing.splitlines() if line.startswith("?")}
    readme_blob = remote.git("rev-parse", "HEAD:README.md")
    app_blob = remote.git("rev-parse", "HEAD:src/app.py")
    assert app_blob in missing_blobs
    assert readme_blob not in missing_blobs
    # Sizes are unknown in a blobless clone: bytes by language are not reported.
    assert report.facts.languages == {"Python": {"files": 1, "bytes": None}}


def test_a_second_evaluation_fetches_instead_of_cloning(remote, tmp_path):
    cache = tmp_path / "cache"
    evaluate(URL, as_of=AS_OF, cache_dir=cache)
    clone = next(cache.iterdir())
    marker = clone / "communs-marker"
    marker.write_text("same folder")
    remote.commit("2026-02-10T10:00:00Z")
    report = evaluate(URL, as_of=AS_OF, cache_dir=cache)
    assert report.facts.commits_total == 2
    assert marker.exists()


def test_clone_limits_fail_cleanly_and_leave_nothing_behind(remote, tmp_path):
    cache = tmp_path / "cache"
    with pytest.raises(TargetError, match="larger than the limit"):
        engine_git.open_url(URL, cache, max_bytes=1)
    with pytest.raises(TargetError, match="took longer than 0 s"):
        engine_git.open_url(URL, cache, timeout=0)
    assert list(cache.iterdir()) == []


def test_an_unreachable_repository_gives_a_readable_error(tmp_path, monkeypatch):
    def nowhere(url: str) -> RepositoryUrl:
        return RepositoryUrl("h", "/p", f"file://{tmp_path}/missing")

    monkeypatch.setattr(engine_git, "parse_url", nowhere)
    monkeypatch.setattr(
        engine_git, "_HTTPS_CONFIG", (*engine_git._HTTPS_CONFIG, "protocol.file.allow=always")
    )
    with pytest.raises(TargetError, match="git could not download it"):
        evaluate(URL, as_of=AS_OF, cache_dir=tmp_path / "cache")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://forge.example.org/x", "only https://"),
        ("https://forge.example.org", "names a host, not a repository"),
        ("https://forge.example.org/x?ref=1", "query or fragment"),
        ("https://tok@forge.example.org/x", "credentials"),
        ("https://forge.example.org/x y", "spaces"),
    ],
)
def test_urls_are_checked_before_anything_runs(url, message):
    with pytest.raises(TargetError, match=message):
        parse_url(url)


def test_urls_are_normalised_for_the_cache():
    assert parse_url("https://Forge.Example.org//commune/app/").normalised == (
        "https://forge.example.org/commune/app"
    )


def test_a_clone_stopped_at_its_deadline_ends_every_git_it_started(remote, tmp_path):
    """The remote's git (upload-pack, pack-objects) blocks on a tree object that is a FIFO:
    at the deadline the clone's whole process group is ended, the remote side included."""
    tree = remote.git("rev-parse", "HEAD^{tree}")
    loose = remote.path / ".git" / "objects" / tree[:2] / tree[2:]
    loose.unlink()
    os.mkfifo(loose)
    with pytest.raises(TargetError, match="took longer than 1 s"):
        engine_git.open_url(URL, tmp_path / "cache", timeout=1)
    time.sleep(0.2)
    assert git_processes_under(remote.path) == []
