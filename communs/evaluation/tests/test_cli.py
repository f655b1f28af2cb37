"""`communs evaluate` as a user runs it: formats, exit codes, and no Django."""

import json
import os
import subprocess
import sys

import pytest

from communs.evaluation import CHECKS
from communs.evaluation.cli import parse_as_of


def communs(*args):
    return subprocess.run(
        [sys.executable, "-m", "communs", "evaluate", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def project(repo):
    repo.commit(
        "2026-03-01T10:00:00Z",
        files={
            "README.md": "# Projet\n",
            "LICENSE": "Permission is hereby granted, free of charge, to any person",
        },
    )
    return repo


def test_json_output_is_the_report(project):
    result = communs(str(project.path), "--format", "json", "--as-of", "2026-06-30")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["as_of"] == "2026-06-30T23:59:59Z"
    assert report["facts"]["commits_total"] == 1
    assert len(report["checks"]) == len(CHECKS)
    assert result.stderr == ""  # no progress when stderr is not a terminal


def test_text_output_is_a_table_for_people(project):
    result = communs(str(project.path), "--as-of", "2026-06-30")
    assert result.returncode == 0
    assert "COMMUNITY" in result.stdout and "practices.licence" in result.stdout
    assert "Licence MIT" in result.stdout


def test_markdown_output_and_a_selection_of_checks(project):
    result = communs(
        str(project.path),
        "--format",
        "markdown",
        "--check",
        "practices.licence",
        "--check",
        "security.policy",
    )
    assert result.returncode == 0
    assert "| practices.licence |" in result.stdout
    assert "community.longevity" not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/nonexistent/path"], "is not a folder"),
        (["ssh://git@example.org/repo.git"], "only https:// URLs"),
        (["ext::sh -c touch% /tmp/x"], "only https:// URLs"),
        (["file:///etc"], "only https:// URLs"),
        (["https://user:secret@example.org/repo.git"], "carries credentials"),
        ([".", "--check", "no.such.check"], "unknown check 'no.such.check'"),
        ([".", "--as-of", "31/01/2026"], "--as-of expects a date like"),
        ([".", "--format", "pdf"], "invalid choice"),
        ([".", "--timeout", "0"], "between 0 and 86400"),
        ([".", "--timeout", "soon"], "expects a number of seconds"),
        ([], "the following arguments are required"),
    ],
)
def test_usage_and_target_errors_exit_2_with_one_line(args, message):
    result = communs(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_evaluate_command_does_not_load_django(project):
    code = (
        "import sys; from communs.cli import main; "
        f"rc = main(['evaluate', {str(project.path)!r}, '--format', 'json']); "
        "assert 'django' not in sys.modules, 'django was imported'; sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


LOADED_ONLY_WHEN_NEEDED = (
    "yaml",
    "communs.publiccode.validator",
    "statistics",
    "tomllib",
    "communs.evaluation.dependencies.osv",
)


def loaded_modules(path, *files) -> set[str]:
    code = (
        "import sys; from communs.cli import main; "
        f"rc = main(['evaluate', {str(path)!r}, '--format', 'json']); "
        f"print(sorted(set(sys.modules) & set({LOADED_ONLY_WHEN_NEEDED!r}))); sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1].replace("'", '"')))


def test_a_run_loads_no_parser_it_does_not_need(project):
    """Start-up time counts: YAML, the publiccode.yml validator, statistics and TOML are
    loaded only by runs that read such files or figures, the OSV reader only with a
    database."""
    assert loaded_modules(project.path) == set()
    project.commit(
        "2026-03-02T10:00:00Z",
        files={
            "publiccode.yml": "publiccodeYmlVersion: '0.4'\n",
            ".github/workflows/ci.yml": "on: push\njobs: {}\n",
            "Cargo.lock": '[[package]]\nname = "serde"\nversion = "1.0.0"\n',
        },
    )
    loaded = loaded_modules(project.path)
    assert loaded >= {"yaml", "communs.publiccode.validator", "tomllib"}
    assert "communs.evaluation.dependencies.osv" not in loaded


def test_as_of_means_the_end_of_that_day_in_utc():
    assert parse_as_of("2026-01-31").isoformat() == "2026-01-31T23:59:59+00:00"


def test_progress_is_shown_on_a_terminal(project):
    import os
    import pty

    leader, follower = pty.openpty()
    result = subprocess.run(
        [sys.executable, "-m", "communs", "evaluate", str(project.path), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=follower,
        timeout=120,
        check=False,
    )
    os.close(follower)
    shown = os.read(leader, 4096).decode()
    os.close(leader)
    assert result.returncode == 0
    assert "Reading history" in shown
    assert json.loads(result.stdout)["facts"]["commits_total"] == 1


def test_a_read_past_the_timeout_exits_2_with_the_reason(project):
    import os

    blob = project.git("rev-parse", "HEAD:README.md")
    loose = project.path / ".git" / "objects" / blob[:2] / blob[2:]
    loose.unlink()
    os.mkfifo(loose)
    result = communs(str(project.path), "--timeout", "1", "--as-of", "2026-06-30")
    assert result.returncode == 2
    assert "time limit of 1 s" in result.stderr
    assert "Traceback" not in result.stderr


PUBLICCODE = (
    'publiccodeYmlVersion: "0.2"\nname: Outil\nlocalisation:\n  localisationReady: true\n'
    "  availableLanguages: [fr]\nlegal:\n  license: MIT\n"
)


def test_the_cli_speaks_english_whatever_the_locale(project):
    """The site says results in the reader's language; the CLI prints the English sentences
    the engine writes, unchanged, even under a French locale."""
    project.commit("2026-03-02T10:00:00Z", files={"publiccode.yml": PUBLICCODE})
    env = {**os.environ, "LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8", "LANGUAGE": "fr"}
    checks = ["--check", "community.recent_activity", "--check", "integration.publiccode"]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "communs",
            "evaluate",
            str(project.path),
            "--as-of",
            "2026-06-30",
            *checks,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert "community.recent_activity    2/10  partial 2 commits in the last 12 months." in lines
    assert (
        "integration.publiccode       4/10  partial publiccode.yml has 6 errors, first: "
        "description: description must hold at least one item"
    ) in lines
    assert any(
        line.startswith(
            'file=publiccode.yml; version=0.2; errors=["description: description must hold at '
            'least one item", '
        )
        for line in lines
    )
    assert "Scores are aids to judgement, not procurement criteria." in lines
    for french in ("derniers mois", "erreur", "obligatoire", "Les notes"):
        assert french not in result.stdout


def test_the_cycle_collector_is_off_during_the_evaluation_and_on_after(monkeypatch, capsys):
    import gc

    from communs.evaluation import cli
    from communs.evaluation.targets import TargetError

    seen = []

    def evaluate(*args, **kwargs):
        seen.append(gc.isenabled())
        raise TargetError("stopped here")

    monkeypatch.setattr(cli, "evaluate", evaluate)
    assert gc.isenabled()
    assert cli.main(["/nowhere", "--format", "json"]) == cli.USAGE_ERROR
    assert seen == [False]
    assert gc.isenabled()
    assert "stopped here" in capsys.readouterr().err


# What `communs evaluate` does not import before its first git: each takes longer to import
# than that git takes to run (dataclasses imports inspect, concurrent.futures imports
# logging), and git.py imports them in the functions that read (see its imports).
NOT_BEFORE_THE_FIRST_GIT = (
    "dataclasses",
    "inspect",
    "logging",
    "concurrent.futures",
    "tempfile",
    "json",
    "communs.evaluation.snapshot",
    "communs.evaluation.files",
    "communs.evaluation.history_cache",
    "communs.evaluation.registry",
    "communs.evaluation.report",
)


def test_the_first_git_starts_before_the_slow_imports(project):
    code = f"""
import sys
from communs.evaluation import git

spawn, seen = git._spawn, []

def watched(command, **options):
    if not seen:
        seen.append(sorted(set(sys.modules) & set({NOT_BEFORE_THE_FIRST_GIT!r})))
    return spawn(command, **options)

git._spawn = watched
from communs.cli import main

rc = main(["evaluate", {str(project.path)!r}, "--format", "json"])
print(seen[0], file=sys.stderr)
sys.exit(rc)
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "[]"
