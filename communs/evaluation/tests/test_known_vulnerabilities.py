"""The known vulnerabilities check: locked versions of real repositories, matched against
the small OSV database of tests/osv/ (records written by hand, see its README)."""

import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from communs.evaluation import evaluate
from communs.evaluation.dependencies.osv import write_index
from communs.evaluation.targets import TargetError
from communs.evaluation.tests.conftest import AS_OF
from communs.evaluation.tests.test_lockfile_parsers import (
    CARGO_LOCK,
    COMPOSER_LOCK,
    GEMFILE_LOCK,
    GO_SUM,
    POETRY_LOCK,
    YARN_V1,
)

OSV = Path(__file__).parent / "osv"
CHECK = "security.vulnerabilities"
VULNERABLE = {
    "poetry.lock": POETRY_LOCK,  # Example_Lib 1.9.0: TEST-PY-0001 = TEST-PY-0002
    "web/yarn.lock": YARN_V1,  # @example/widget 1.4.1: TEST-NPM-0001
    "Cargo.lock": CARGO_LOCK,  # example-crate 0.6.2: TEST-RS-0001 (below its limit)
    "Gemfile.lock": GEMFILE_LOCK,  # example_gem 1.2.0.rc1: TEST-GEM-0001
    "composer.lock": COMPOSER_LOCK,  # v5.1.0 listed: TEST-PHP-0001; 3.0.3: TEST-PHP-0002
    "go.sum": GO_SUM,  # example.org/mod 1.2.4: TEST-GO-0001
}
FOUND = [
    "TEST-GEM-0001",
    "TEST-GO-0001",
    "TEST-NPM-0001",
    "TEST-PHP-0001",
    "TEST-PHP-0002",
    "TEST-PY-0001",
    "TEST-RS-0001",
]


def vulnerabilities(path, osv_dir=OSV, as_of=AS_OF):
    report = evaluate(path, as_of=as_of, osv_dir=osv_dir)
    return next(result for result in report.checks if result.id == CHECK).finding


def test_every_lockfile_format_is_matched_and_aliases_count_once(repo):
    repo.commit("2026-03-01T10:00:00Z", files=VULNERABLE)
    finding = vulnerabilities(repo.path)
    assert finding.outcome.value == "partial"
    assert finding.score == 10 - len(FOUND)
    assert finding.params["ids"] == FOUND
    assert finding.reason.startswith("7 known vulnerabilities affect the locked dependencies")
    assert (
        "TEST-NPM-0001: @example/widget 1.4.1 (web/yarn.lock)"
        in finding.evidence["vulnerabilities"]
    )
    assert finding.evidence["not_covered"] == []


def test_fixed_versions_pass_and_the_reason_counts_what_was_compared(repo):
    repo.commit(
        "2026-03-01T10:00:00Z",
        files={
            "requirements.txt": "example-lib==2.0.1\nprerelease-lib==2.0.post1\n",
            "Cargo.lock": CARGO_LOCK.replace('"0.6.2"', '"0.7.0"'),
            "package-lock.json": json.dumps(
                {
                    "lockfileVersion": 3,
                    "packages": {"node_modules/left-pad-example": {"version": "3.0.1"}},
                }
            ),
        },
    )
    finding = vulnerabilities(repo.path)
    assert finding.outcome.value == "pass"
    assert finding.reason == (
        "No known vulnerability in the 4 locked dependencies (PyPI, crates.io, npm)."
    )


def test_an_advisory_published_after_the_evaluated_date_does_not_count_then(repo):
    repo.commit("2026-03-01T10:00:00Z", files={"requirements.txt": "example-lib==2.0.1\n"})
    assert vulnerabilities(repo.path).outcome.value == "pass"
    later = datetime(2099, 6, 30, tzinfo=UTC)  # TEST-PY-0004 was published in 2099
    assert vulnerabilities(repo.path, as_of=later).params["ids"] == ["TEST-PY-0004"]


def test_a_flat_folder_of_records_gives_the_same_answer(repo, tmp_path):
    flat = tmp_path / "flat"
    flat.mkdir()
    for record in OSV.glob("*/*.json"):
        shutil.copy(record, flat / record.name)
    repo.commit("2026-03-01T10:00:00Z", files=VULNERABLE)
    assert vulnerabilities(repo.path, osv_dir=flat).params["ids"] == FOUND


def test_without_a_database_the_check_is_inconclusive_and_says_why(repo):
    repo.commit("2026-03-01T10:00:00Z", files={"poetry.lock": POETRY_LOCK})
    finding = vulnerabilities(repo.path, osv_dir=None)
    assert finding.outcome.value == "inconclusive"
    assert finding.score is None
    assert finding.code == "security.vulnerabilities.no_database"


def test_a_database_without_the_repository_s_ecosystems_is_inconclusive(repo, tmp_path):
    only_python = tmp_path / "osv"
    shutil.copytree(OSV / "PyPI", only_python / "PyPI")
    repo.commit("2026-03-01T10:00:00Z", files={"Cargo.lock": CARGO_LOCK})
    finding = vulnerabilities(repo.path, osv_dir=only_python)
    assert finding.outcome.value == "inconclusive"
    assert finding.reason == "The OSV database given holds no advisory for crates.io."


def test_an_ecosystem_the_database_lacks_is_listed_apart(repo, tmp_path):
    only_python = tmp_path / "osv"
    shutil.copytree(OSV / "PyPI", only_python / "PyPI")
    repo.commit(
        "2026-03-01T10:00:00Z", files={"Cargo.lock": CARGO_LOCK, "poetry.lock": POETRY_LOCK}
    )
    finding = vulnerabilities(repo.path, osv_dir=only_python)
    assert finding.params["ids"] == ["TEST-PY-0001"]
    assert finding.evidence["not_covered"] == ["crates.io"]


def test_a_lockfile_larger_than_the_usual_read_cap_is_read_whole(repo):
    packages = {f"node_modules/filler-{i}": {"version": "1.0.0"} for i in range(6000)}
    packages["node_modules/left-pad-example"] = {"version": "2.0.0"}  # last in the file
    text = json.dumps({"lockfileVersion": 3, "packages": packages}, indent=2)
    assert len(text) > 256 * 1024
    repo.commit("2026-03-01T10:00:00Z", files={"package-lock.json": text})
    finding = vulnerabilities(repo.path)
    assert finding.params["ids"] == ["TEST-NPM-0002"]
    assert finding.evidence["packages_compared"] == 6001


def test_only_unreadable_lockfiles_make_the_check_inconclusive(repo):
    repo.commit("2026-03-01T10:00:00Z", files={"composer.lock": "{broken"})
    finding = vulnerabilities(repo.path)
    assert finding.outcome.value == "inconclusive"
    assert finding.params == {"lockfiles": ["composer.lock"]}


def test_a_repository_without_lockfile_is_not_applicable(repo):
    repo.commit("2026-03-01T10:00:00Z", files={"README.md": "# x\n", "requirements.txt": "flask\n"})
    assert vulnerabilities(repo.path).outcome.value == "not_applicable"


def test_vendored_lockfiles_are_not_the_project_s(repo):
    repo.commit("2026-03-01T10:00:00Z", files={"vendor/lib/Cargo.lock": CARGO_LOCK})
    assert vulnerabilities(repo.path).outcome.value == "not_applicable"


def test_a_missing_database_folder_is_a_target_error(repo, tmp_path):
    repo.commit("2026-03-01T10:00:00Z")
    with pytest.raises(TargetError, match="does not exist"):
        evaluate(repo.path, as_of=AS_OF, osv_dir=tmp_path / "nowhere")


def test_the_command_line_takes_the_database_folder(repo, tmp_path):
    repo.commit("2026-03-01T10:00:00Z", files={"poetry.lock": POETRY_LOCK})

    def run(*args):
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "communs",
                "evaluate",
                str(repo.path),
                "--format",
                "json",
                "--check",
                CHECK,
                "--as-of",
                "2026-06-30",
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    given = run("--osv-dir", str(OSV))
    assert given.returncode == 0, given.stderr
    (result,) = json.loads(given.stdout)["checks"]
    assert result["params"]["ids"] == ["TEST-PY-0001"]
    missing = run("--osv-dir", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr


def test_an_indexed_folder_gives_the_same_answer_opening_only_the_indexed_records(repo, tmp_path):
    indexed = tmp_path / "osv"
    shutil.copytree(OSV, indexed)
    for folder in indexed.iterdir():
        if folder.is_dir():
            write_index(folder)
    repo.commit("2026-03-01T10:00:00Z", files=VULNERABLE)
    assert vulnerabilities(repo.path, osv_dir=indexed).params["ids"] == FOUND
    # A record added by hand after the index was written is not opened: the index decides.
    (indexed / "Go" / "LATE-1.json").write_text(
        (OSV / "Go" / "TEST-GO-0001.json").read_text().replace("TEST-GO-0001", "LATE-1")
    )
    assert vulnerabilities(repo.path, osv_dir=indexed).params["ids"] == FOUND
    (indexed / "Go" / ".communs-index.json").unlink()
    assert "LATE-1" in vulnerabilities(repo.path, osv_dir=indexed).params["ids"]
