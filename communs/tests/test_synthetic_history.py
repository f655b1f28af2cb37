"""The benchmark's complete history: the same every time, complete, and evaluable."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime

from benchmarks import synthetic_history
from communs.evaluation import evaluate


def git(folder, *args):
    return subprocess.run(
        ["git", f"--git-dir={folder}", *args], capture_output=True, text=True, check=True
    ).stdout


def test_the_same_commits_and_seed_give_the_same_repository(tmp_path):
    first = synthetic_history.build(tmp_path / "a.git", 900)
    second = synthetic_history.build(tmp_path / "b.git", 900)
    other = synthetic_history.build(tmp_path / "c.git", 900, seed=2)
    assert git(first, "rev-parse", "HEAD") == git(second, "rev-parse", "HEAD")
    assert git(first, "rev-parse", "HEAD") != git(other, "rev-parse", "HEAD")
    assert int(git(first, "rev-list", "--count", "HEAD")) == 900
    # Complete: every object of the history is present (what Perceval's numstat needs).
    git(first, "fsck", "--connectivity-only", "--no-dangling")
    assert not list((first / "objects" / "pack").glob("*.promisor"))
    assert git(first, "tag").split() == ["v1.0.1", "v1.0.2"]
    assert git(first, "rev-list", "--merges", "--count", "HEAD").strip() != "0"


def test_the_engine_reads_it_as_a_project_with_its_usual_files(tmp_path):
    folder = synthetic_history.build(tmp_path / "a.git", 900)
    report = evaluate(folder, as_of=datetime(2026, 11, 1, tzinfo=UTC)).as_json()
    facts = report["facts"]
    assert facts["commits_total"] == 900
    assert facts["authors_total"] > 100
    checks = {check["id"]: check["outcome"] for check in report["checks"]}
    assert checks["security.policy"] == "pass"
    assert checks["practices.continuous_integration"] == "pass"
