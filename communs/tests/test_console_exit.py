"""The console script: an engine command writes its whole output, then ends its process
without tearing the interpreter down; its exit codes are the command's."""

from __future__ import annotations

import json
import subprocess
import sys

from communs.evaluation.tests.gitrepo import GitRepo

# Runs the console script's function with an exit handler that says when it runs: the
# interpreter's teardown runs such handlers, the fast exit does not.
SCRIPT = (
    "import atexit, sys\n"
    "atexit.register(lambda: print('torn down', file=sys.stderr))\n"
    "sys.argv = ['communs', *sys.argv[1:]]\n"
    "from communs.cli import console\n"
    "console()\n"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, timeout=120
    )


def test_an_evaluation_writes_its_whole_report_and_skips_the_teardown(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.commit("2026-01-10T10:00:00Z", files={"README.md": "# Carte\n"})
    done = run("evaluate", str(repo.path), "--format", "json", "--as-of", "2026-11-01")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["facts"]["commits_total"] == 1
    assert "torn down" not in done.stderr


def test_an_engine_commands_error_keeps_its_exit_code(tmp_path):
    done = run("evaluate", str(tmp_path / "missing"))
    assert done.returncode == 2
    assert "is not a folder" in done.stderr
    assert "torn down" not in done.stderr


def test_a_django_command_ends_as_usual():
    done = run("help", "check")
    assert done.returncode == 0, done.stderr
    assert "torn down" in done.stderr


def test_a_reader_gone_away_ends_an_evaluation_with_120_and_no_traceback(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.commit("2026-01-10T10:00:00Z", files={"README.md": "# Carte\n"})
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, "evaluate", str(repo.path), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader goes away before the report is written
    errors = process.stderr.read()
    assert process.wait(timeout=120) == 120
    assert "Traceback" not in errors
