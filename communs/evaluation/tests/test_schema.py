"""The report's JSON follows report.schema.json, whose version is not the method's."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from communs.evaluation import evaluate
from communs.evaluation.legacy import recognise, upgrade
from communs.evaluation.registry import BY_ID, METHOD_VERSION
from communs.evaluation.report import SCHEMA_VERSION, build_report
from communs.evaluation.tests.snapshots import snapshot

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "report.schema.json").read_text(encoding="utf-8")
)
DEMO = Path(__file__).resolve().parents[2] / "evaluations" / "demo"
VALIDATOR = Draft202012Validator(SCHEMA)


def errors(report):
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(report)]


def test_the_schema_is_a_valid_json_schema_with_its_own_version():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["schema_version"] == {"const": SCHEMA_VERSION}
    assert SCHEMA_VERSION != METHOD_VERSION


def test_a_report_of_a_real_repository_follows_the_schema(repo):
    repo.commit(
        "2026-03-01T10:00:00Z",
        files={
            "README.md": "# Projet\n",
            "LICENSE": "Permission is hereby granted, free of charge, to any person",
            "package.json": '{"license": "MIT", "dependencies": {"leaflet": "1"}}',
            ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    steps:\n      - run: make\n",
        },
    )
    repo.tag("v1.0.0", when="2026-03-02T10:00:00Z")
    report = evaluate(repo.path, as_of=datetime(2026, 6, 30, tzinfo=UTC)).as_json()
    assert errors(report) == []
    assert {check["outcome"] for check in report["checks"]} >= {"pass", "fail"}


def test_an_empty_report_follows_the_schema():
    assert errors(build_report(snapshot({})).as_json()) == []


@pytest.mark.parametrize("path", sorted(DEMO.glob("*.json")), ids=lambda p: p.stem)
def test_every_shipped_demo_report_follows_the_schema(path):
    for record in json.loads(path.read_text(encoding="utf-8"))["evaluations"]:
        assert record["report"]["schema_version"] == SCHEMA_VERSION
        assert errors(record["report"]) == []


def test_the_schema_refuses_a_renamed_key_and_a_failure_without_remediation():
    report = build_report(snapshot({"README.md": "# x"})).as_json()
    renamed = {**report, "checks": [{**report["checks"][0]}]}
    renamed["checks"][0]["message"] = renamed["checks"][0].pop("code")
    assert errors(renamed)
    failed = next(c for c in report["checks"] if c["outcome"] == "fail")
    assert errors({**report, "checks": [{**failed, "remediation": None}]})


def test_a_version_1_report_is_upgraded_to_one_that_follows_the_schema():
    current = json.loads((DEMO / "grist.json").read_text(encoding="utf-8"))
    report = current["evaluations"][0]["report"]
    old = {key: value for key, value in report.items() if key != "schema_version"}
    old["checks"] = [
        {k: v for k, v in check.items() if k not in ("code", "params", "remediation")}
        for check in report["checks"]
    ]
    assert errors(upgrade(old)) == []
    # The same report, its reasons said as the messages say them now (a plural once
    # written "error(s)" reads "errors").
    expected = json.loads(json.dumps(report))
    for check in expected["checks"]:
        message = next(m for m in BY_ID[check["id"]].messages if m.code == check["code"])
        check["reason"] = message(**check["params"]).english()
    assert upgrade(old) == expected


@pytest.mark.parametrize(
    ("check_id", "sentence", "code", "params"),
    [
        (
            "integration.publiccode",
            "publiccode.yml has 3 error(s), first: name: name is required",
            "integration.publiccode.errors",
            {"file": "publiccode.yml", "count": 3, "error": "name: name is required"},
        ),
        (
            "security.dangerous_workflows",
            "1 dangerous pattern(s), first a script injection in ci.yml (job build).",
            "security.dangerous_workflows.script_injection",
            {"count": 1, "file": "ci.yml", "job": "build"},
        ),
    ],
)
def test_a_sentence_of_a_message_before_its_plural_was_said_properly_still_reads_back(
    check_id, sentence, code, params
):
    statement = recognise(check_id, sentence)
    assert (statement.code, dict(statement.params)) == (code, params)
