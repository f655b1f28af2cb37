import pytest

from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.report import build_report
from communs.evaluation.results import Check, Criterion, Finding, Outcome
from communs.evaluation.tests.snapshots import snapshot

FIX = Remediation("Do better.", Effort.LOW)


def words(check_id):
    """Messages a test check declares, under its id."""
    return {
        "ok": Message(f"{check_id}.ok", "It is fine."),
        "no": Message(f"{check_id}.no", "It is not.", remediation=FIX),
        "na": Message(f"{check_id}.na", "It does not apply."),
        "half": Message(f"{check_id}.half", "Half of {total}.", remediation=FIX),
    }


def check(check_id, criterion, weight, outcome):
    """A check that says what `outcome(its messages)` gives, or raises it if an exception."""
    said = words(check_id)

    def run(snap, facts):
        if isinstance(outcome, Exception):
            raise outcome
        return outcome(said)

    return Check(check_id, criterion, check_id, weight, run, "doc", messages=tuple(said.values()))


def test_a_criterion_is_the_weighted_mean_of_its_scored_checks():
    checks = [
        check("test.a", Criterion.SECURITY, 3, lambda m: Finding.passed(m["ok"]())),
        check("test.b", Criterion.SECURITY, 1, lambda m: Finding.failed(m["no"]())),
        check("test.c", Criterion.SECURITY, 5, lambda m: Finding.not_applicable(m["na"]())),
    ]
    report = build_report(snapshot({"README.md": "x"}), checks)
    security = next(c for c in report.criteria if c.criterion is Criterion.SECURITY)
    assert security.score == 7.5  # (3 × 10 + 1 × 0) / 4; n/a does not count
    others = [c.score for c in report.criteria if c.criterion is not Criterion.SECURITY]
    assert others == [None, None, None]


def test_an_exception_in_a_check_becomes_an_error_result_and_the_report_goes_on():
    checks = [
        check("test.boom", Criterion.PRACTICES, 1, ZeroDivisionError("division by zero")),
        check(
            "test.fine",
            Criterion.PRACTICES,
            1,
            lambda m: Finding.partial(m["half"](total=8), score=4),
        ),
    ]
    report = build_report(snapshot(), checks)
    boom, fine = report.checks
    assert boom.finding.outcome is Outcome.ERROR and boom.finding.score is None
    assert "ZeroDivisionError: division by zero" in boom.finding.reason
    assert boom.finding.code == "engine.check_failed"
    assert boom.finding.params == {"error": "ZeroDivisionError: division by zero"}
    assert fine.finding.score == 4
    assert report.criteria[1].score == 4.0


def test_the_json_report_has_the_documented_keys():
    report = build_report(snapshot({"README.md": "# x"})).as_json()
    assert list(report) == [
        "schema_version",
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
        "code",
        "params",
        "reason",
        "remediation",
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
    no = words("test.x")["no"]
    assert Finding.graded(no(), score=14).score == 10
    assert Finding.graded(no(), score=-3).outcome is Outcome.FAIL


def test_a_check_that_says_an_undeclared_message_gives_an_error_result():
    stray = Message("test.other.ok", "Fine elsewhere.")
    report = build_report(
        snapshot({"README.md": "x"}),
        [check("test.a", Criterion.SECURITY, 1, lambda m: Finding.passed(stray()))],
    )
    finding = report.checks[0].finding
    assert finding.outcome is Outcome.ERROR
    assert finding.code == "engine.undeclared"
    assert finding.params == {"what": "message test.other.ok"}


def test_a_check_that_gives_undeclared_evidence_gives_an_error_result():
    report = build_report(
        snapshot({"README.md": "x"}),
        [check("test.a", Criterion.SECURITY, 1, lambda m: Finding.passed(m["ok"](), extra=1))],
    )
    assert report.checks[0].finding.params == {"what": "evidence extra"}


def test_a_failure_without_a_remediation_is_refused():
    with pytest.raises(ValueError, match="declares no remediation"):
        Finding.failed(words("test.x")["ok"]())


def test_a_partial_or_failed_result_carries_its_remediation_and_a_pass_none():
    said = words("test.x")
    assert Finding.graded(said["half"](total=2), score=4).remediation == FIX
    assert Finding.graded(said["half"](total=2), score=9).remediation is None
    assert Finding.not_applicable(said["na"]()).remediation is None


def test_languages_count_files_and_bytes_without_vendored_code():
    snap = snapshot(
        {"app/main.py": "print('hello')\n", "web/app.js": "x", "vendor/lib.js": "y" * 99}
    )
    languages = build_report(snap).facts.languages
    assert languages == {
        "Python": {"files": 1, "bytes": 15},
        "JavaScript": {"files": 1, "bytes": 1},
    }
