from communs.evaluation.report import build_report
from communs.evaluation.results import Check, Criterion, Finding, Outcome
from communs.evaluation.tests.snapshots import snapshot


def check(check_id, criterion, weight, finding_or_error):
    def run(snap, facts):
        if isinstance(finding_or_error, Exception):
            raise finding_or_error
        return finding_or_error

    return Check(check_id, criterion, check_id, weight, run, "doc")


def test_a_criterion_is_the_weighted_mean_of_its_scored_checks():
    checks = [
        check("a", Criterion.SECURITY, 3, Finding.passed("ok")),
        check("b", Criterion.SECURITY, 1, Finding.failed("no")),
        check("c", Criterion.SECURITY, 5, Finding.not_applicable("n/a")),
    ]
    report = build_report(snapshot({"README.md": "x"}), checks)
    security = next(c for c in report.criteria if c.criterion is Criterion.SECURITY)
    assert security.score == 7.5  # (3 × 10 + 1 × 0) / 4; n/a does not count
    others = [c.score for c in report.criteria if c.criterion is not Criterion.SECURITY]
    assert others == [None, None, None]


def test_an_exception_in_a_check_becomes_an_error_result_and_the_report_goes_on():
    checks = [
        check("boom", Criterion.PRACTICES, 1, ZeroDivisionError("division by zero")),
        check("fine", Criterion.PRACTICES, 1, Finding.partial("half", score=4)),
    ]
    report = build_report(snapshot(), checks)
    boom, fine = report.checks
    assert boom.finding.outcome is Outcome.ERROR and boom.finding.score is None
    assert "ZeroDivisionError: division by zero" in boom.finding.reason
    assert fine.finding.score == 4
    assert report.criteria[1].score == 4.0


def test_the_json_report_has_the_documented_keys():
    report = build_report(snapshot({"README.md": "# x"})).as_json()
    assert list(report) == [
        "method_version",
        "target",
        "head",
        "as_of",
        "facts",
        "criteria",
        "checks",
    ]
    assert [c["id"] for c in report["criteria"]] == [
        "community",
        "practices",
        "security",
        "integration",
    ]
    assert set(report["checks"][0]) == {
        "id",
        "criterion",
        "title",
        "score",
        "outcome",
        "reason",
        "evidence",
    }
    for key in (
        "commits_total",
        "authors_total",
        "first_commit_at",
        "last_commit_at",
        "commits_12m",
        "active_authors_12m",
        "bus_factor",
        "elephant_factor",
        "tags_total",
        "releases_12m",
        "last_release_at",
        "files_head",
        "languages",
        "presence",
    ):
        assert key in report["facts"]
    assert report["as_of"] == "2026-06-30T23:59:59Z"


def test_scores_are_kept_between_0_and_10():
    assert Finding.graded("x", score=14).score == 10
    assert Finding.graded("x", score=-3).outcome is Outcome.FAIL


def test_languages_count_files_and_bytes_without_vendored_code():
    snap = snapshot(
        {"app/main.py": "print('hello')\n", "web/app.js": "x", "vendor/lib.js": "y" * 99}
    )
    languages = build_report(snap).facts.languages
    assert languages == {
        "Python": {"files": 1, "bytes": 15},
        "JavaScript": {"files": 1, "bytes": 1},
    }
