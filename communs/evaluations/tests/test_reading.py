"""The site reads reports through one typed reading, so that a renamed key fails a test."""

import json
from dataclasses import fields

import pytest
from django.db import models

from communs.evaluation import Criterion, Outcome
from communs.evaluation.messages import Effort
from communs.evaluation.report import build_report
from communs.evaluation.tests.snapshots import snapshot
from communs.evaluations.models import Evaluation
from communs.evaluations.presentation import CRITERION_LABELS, OUTCOME_LABELS
from communs.evaluations.reading import CheckReading, ReportUnreadable, read_report
from communs.evaluations.services import DEMO_DIR
from communs.evaluations.wording import EFFORT_LABELS

REPORT = build_report(snapshot({"README.md": "# x"})).as_json()


def test_the_reader_reads_every_key_the_engine_writes():
    reading = read_report(REPORT)
    assert {field.name for field in fields(CheckReading)} == set(REPORT["checks"][0])
    assert [c.criterion for c in reading.criteria] == list(Criterion)
    assert reading.facts.files_head == 1
    failed = next(c for c in reading.checks if c.outcome is Outcome.FAIL)
    assert failed.remediation is not None and failed.remediation.effort in set(Effort)


@pytest.mark.parametrize("path", sorted(DEMO_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_every_shipped_demo_report_reads(path):
    for record in json.loads(path.read_text(encoding="utf-8"))["evaluations"]:
        reading = read_report(record["report"])
        assert reading.head == record["commit"]
        assert len(reading.checks) == 26


def test_a_renamed_or_added_key_is_refused_with_a_reason():
    renamed = {**REPORT, "checks": [dict(REPORT["checks"][0])]}
    renamed["checks"][0]["message"] = renamed["checks"][0].pop("code")
    with pytest.raises(ReportUnreadable, match=r"missing \['code'\], unknown \['message'\]"):
        read_report(renamed)
    with pytest.raises(ReportUnreadable, match="unknown"):
        read_report({**REPORT, "verdict": "good"})
    facts = {**REPORT, "facts": {**REPORT["facts"], "stars": 3}}
    with pytest.raises(ReportUnreadable, match="stars"):
        read_report(facts)


def test_every_criterion_has_a_column_a_label_and_every_outcome_and_effort_a_label():
    columns = {
        field.name
        for field in Evaluation._meta.get_fields()
        if isinstance(field, models.FloatField)
    }
    assert columns == {criterion.value for criterion in Criterion}
    assert set(CRITERION_LABELS) == set(Criterion)
    assert set(OUTCOME_LABELS) == set(Outcome)
    assert set(EFFORT_LABELS) == set(Effort)


@pytest.mark.django_db
def test_a_stored_report_of_the_first_schema_is_upgraded_by_the_migration(software):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("communs.evaluations.migrations.0004_reports_with_message_codes")
    report = json.loads((DEMO_DIR / "umap.json").read_text(encoding="utf-8"))["evaluations"][0]
    current = report["report"]
    old = {key: value for key, value in current.items() if key != "schema_version"}
    old["checks"] = [
        {k: v for k, v in c.items() if k not in ("code", "params", "remediation")}
        for c in current["checks"]
    ]
    stored = Evaluation.objects.create(
        software=software,
        target=old["target"],
        head=old["head"],
        as_of=read_report(current).as_of,
        method_version=old["method_version"],
        report=current,
    )
    Evaluation.objects.filter(pk=stored.pk).update(report=old)
    migration.upgrade_reports(apps, None)
    stored.refresh_from_db()
    assert stored.report == current
