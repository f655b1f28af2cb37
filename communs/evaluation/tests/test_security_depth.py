"""The security checks a snapshot answers offline: SBOM, static analysis, fuzzing, code
review and how fast security fixes are released."""

import dataclasses

import pytest

from communs.evaluation import evaluate
from communs.evaluation.checks.security import (
    code_review,
    fix_release_time,
    fuzzing,
    sbom,
    static_analysis,
)
from communs.evaluation.facts import DAY, compute_facts
from communs.evaluation.report import run_check
from communs.evaluation.results import Outcome
from communs.evaluation.snapshot import Changeset, SecurityFix
from communs.evaluation.tests.conftest import AS_OF
from communs.evaluation.tests.snapshots import days_ago, snapshot, tag


def result(check, snap):
    """Through the report's runner, which refuses undeclared messages and evidence."""
    return run_check(check.CHECK, snap, compute_facts(snap)).finding


CODEQL = "on: [push]\njobs:\n  a:\n    steps:\n      - uses: github/codeql-action/init@v3\n"
SYFT = "jobs:\n  sbom:\n    steps:\n      - uses: anchore/sbom-action@v0\n"


@pytest.mark.parametrize(
    ("files", "paths", "outcome"),
    [
        ({}, ["sbom.spdx.json"], Outcome.PASS),
        ({}, ["dist/app.cdx.json"], Outcome.PASS),
        ({".github/workflows/release.yml": SYFT}, [], Outcome.PASS),
        ({"README.md": "x"}, ["bomb.json", "src/app.py"], Outcome.FAIL),
    ],
)
def test_an_sbom_is_a_spdx_or_cyclonedx_file_or_generated_in_ci(files, paths, outcome):
    assert result(sbom, snapshot(files, paths=paths)).outcome is outcome


@pytest.mark.parametrize(
    ("files", "paths", "score"),
    [
        ({".github/workflows/codeql.yml": CODEQL}, [], 10),
        ({".gitlab-ci.yml": "sast:\n  script: semgrep ci\n"}, [], 10),
        ({".github/workflows/ci.yml": "steps:\n  - run: bundle exec brakeman\n"}, [], 10),
        ({}, ["sonar-project.properties"], 5),
        ({".github/workflows/ci.yml": "steps:\n  - run: make test\n"}, [], 0),
    ],
)
def test_static_analysis_counts_in_ci_and_less_when_only_configured(files, paths, score):
    assert result(static_analysis, snapshot(files, paths=paths)).score == score


@pytest.mark.parametrize(
    ("files", "paths", "outcome"),
    [
        ({}, [".clusterfuzzlite/Dockerfile"], Outcome.PASS),
        ({}, ["parser/reader_fuzz_test.go"], Outcome.PASS),
        ({}, ["tests/fuzz/fuzz_parse.py"], Outcome.PASS),
        (
            {".github/workflows/f.yml": "steps:\n  - run: go test ./... -fuzz=Fuzz\n"},
            [],
            Outcome.PASS,
        ),
        ({}, ["src/fuzzy_search.py", "tests/test_app.py"], Outcome.FAIL),
    ],
)
def test_fuzzing_is_found_by_its_files_or_in_ci(files, paths, outcome):
    assert result(fuzzing, snapshot(files, paths=paths)).outcome is outcome


def change(subject, *, parents=1, author="a@x.org", committer="a@x.org", trailers=()):
    return Changeset(f"{abs(hash(subject)):040x}"[:40], parents, author, committer, 1, subject,
                     trailers)  # fmt: skip


def test_code_review_counts_merged_requests_forge_merges_and_trailers():
    changes = (
        change("Merge pull request #12 from alice/fix", parents=2),
        change("Fix the map (#13)", committer="noreply@github.com"),
        change("Tighten parsing", trailers=("Jane <jane@x.org>",)),
        change("Merge branch 'x' into 'main'\n", parents=2),
        change("Push straight to main"),
    )
    snap = dataclasses.replace(snapshot({}), changesets=changes)
    found = result(code_review, snap)
    assert (found.score, found.outcome) == (8, Outcome.PASS)
    assert found.evidence["reviewed"] == 4
    assert found.params == {"reviewed": 4, "changes": 5}
    assert found.remediation is None  # a pass carries none


def test_code_review_reads_trailers_and_the_main_line_from_git(repo):
    repo.commit("2026-01-01T00:00:00Z", message="Direct change")
    repo.commit("2026-01-02T00:00:00Z", message="Reviewed change\n\nReviewed-by: Jane <j@x.org>")
    side = repo.branch_commit("feature", "2026-01-03T00:00:00Z", message="Unreviewed side")
    repo.merge(side, "2026-01-04T00:00:00Z")  # "merge": not a request merge
    report = evaluate(repo.path, as_of=AS_OF)
    found = next(r for r in report.checks if r.id == "security.code_review").finding
    # First parents only: the merge, the reviewed change, the direct change.
    assert found.evidence["changes"] == 3
    assert found.evidence["reviewed"] == 1


def test_security_fixes_are_timed_to_the_next_version_tag():
    fixes = (
        SecurityFix("a" * 40, days_ago(100), ("CVE-2026-1111",)),
        SecurityFix("b" * 40, days_ago(50), ("GHSA-AAAA-BBBB-CCCC",)),
        SecurityFix("c" * 40, days_ago(10), ("CVE-2026-2222",)),
    )
    tags = [tag("v1.0.1", 97), tag("backup", 49), tag("v1.0.2", 30)]
    snap = dataclasses.replace(snapshot({}, tags=tags), security_fixes=fixes)
    found = result(fix_release_time, snap)
    # 3 days and 20 days; the third is not released: the median (low) of 3, 20, ∞ is 20.
    assert found.evidence["median_days"] == 20.0
    assert found.evidence["unreleased"] == ["c" * 40]
    assert (found.score, found.outcome) == (7, Outcome.PASS)


def test_without_security_fixes_the_release_time_does_not_apply():
    assert result(fix_release_time, snapshot({})).outcome is Outcome.NOT_APPLICABLE


def test_security_fix_commits_are_found_in_messages_by_git(repo):
    repo.commit("2026-01-01T00:00:00Z", message="Fix XSS\n\nThis fixes cve-2026-12345.")
    repo.commit("2026-01-02T00:00:00Z", message="Refactor")
    repo.tag("v2.0.0", when="2026-01-05T00:00:00Z")
    report = evaluate(repo.path, as_of=AS_OF)
    found = next(r for r in report.checks if r.id == "security.fix_release_time").finding
    assert found.evidence["references"] == ["CVE-2026-12345"]
    assert found.evidence["median_days"] == 4.0
    assert DAY == 86_400


def test_security_fixes_are_the_commits_gits_own_expressions_select(repo):
    """git is asked for fixed strings and the expressions are applied after it: the commits
    kept are exactly those `git log -i -E --grep=<expressions>` selects."""
    messages = [
        "Fix\n\nfixes cve-2026-12345 and GHSA-2345-6789-cfgh",
        "CVE- alone is not a reference",
        "cve-2026-123 is too short",
        "Mentions CVE-2026-99999 in the body only\n\nsee x",
        "ghsa-aaaa-bbbb-cccc uses letters outside the advisory alphabet",
        "GHSA-cfgh-jmpq-rvwx",
        "Fix CVE-2026-١٢٣٤٥ with non-ASCII digits",
        "A word joined: xCVE-2026-12345y",
        "Line break CVE-2026-\n12345",
        "Plain change",
    ]
    shas = [
        repo.commit(f"2026-02-{day:02d}T00:00:00Z", message=message)
        for day, message in enumerate(messages, start=1)
    ]
    selected = repo.git(
        "log",
        "-i",
        "-E",
        "--grep=CVE-[0-9]{4}-[0-9]{4,}",
        "--grep=GHSA(-[23456789cfghjmpqrvwx]{4}){3}",
        "--format=%H",
    ).split()
    report = evaluate(repo.path, as_of=AS_OF)
    found = next(r for r in report.checks if r.id == "security.fix_release_time").finding
    # git selects four; the engine keeps those whose reference stands as a word.
    assert set(selected) == {shas[0], shas[3], shas[5], shas[7]}
    assert set(found.evidence["unreleased"]) == {shas[0], shas[3], shas[5]}
    assert found.evidence["references"] == [
        "CVE-2026-12345",
        "CVE-2026-99999",
        "GHSA-2345-6789-CFGH",
        "GHSA-CFGH-JMPQ-RVWX",
    ]
