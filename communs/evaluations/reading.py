"""The one typed reading of a stored report (report.schema.json, current version) for the site.

Pages never index the report's JSON themselves: they read a ``ReportReading``. Reading is
strict, so that a key the engine renames, adds or drops fails the tests that read real
reports instead of leaving a blank cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from communs.evaluation import BY_ID, Criterion, Outcome
from communs.evaluation.facts import Facts
from communs.evaluation.legacy import upgrade
from communs.evaluation.messages import Effort, Remediation
from communs.evaluation.report import SCHEMA_VERSION


class ReportUnreadable(ValueError):
    code = "report_unreadable"


@dataclass(frozen=True)
class CheckReading:
    id: str
    criterion: Criterion
    title: str
    score: int | None
    outcome: Outcome
    code: str
    params: Mapping[str, Any]
    reason: str
    remediation: Remediation | None
    evidence: Mapping[str, Any]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CheckReading:
        _same_keys(cls, data, "check")
        remediation = data["remediation"]
        return cls(
            id=data["id"],
            criterion=Criterion(data["criterion"]),
            title=data["title"],
            score=data["score"],
            outcome=Outcome(data["outcome"]),
            code=data["code"],
            params=dict(data["params"]),
            reason=data["reason"],
            remediation=(
                Remediation(remediation["text"], Effort(remediation["effort"]))
                if remediation
                else None
            ),
            evidence=dict(data["evidence"]),
        )

    @property
    def known(self) -> bool:
        """Whether the check is still in the registry (replies are only to known checks)."""
        return self.id in BY_ID


@dataclass(frozen=True)
class CriterionReading:
    criterion: Criterion
    score: float | None
    weights: Mapping[str, int]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CriterionReading:
        if set(data) != {"id", "score", "checks"}:
            raise ReportUnreadable(f"criterion keys {sorted(data)}")
        return cls(
            criterion=Criterion(data["id"]),
            score=data["score"],
            weights={entry["id"]: entry["weight"] for entry in data["checks"]},
        )


@dataclass(frozen=True)
class ReportReading:
    schema_version: str
    method_version: str
    target: str
    head: str | None
    as_of: datetime
    facts: Facts
    criteria: tuple[CriterionReading, ...]
    checks: tuple[CheckReading, ...]

    def score(self, criterion: Criterion) -> float | None:
        return next((c.score for c in self.criteria if c.criterion is criterion), None)

    def checks_of(self, criterion: Criterion) -> list[CheckReading]:
        return [check for check in self.checks if check.criterion is criterion]

    def check(self, check_id: str) -> CheckReading | None:
        return next((check for check in self.checks if check.id == check_id), None)


def _same_keys(cls: type, data: Mapping[str, Any], what: str) -> None:
    expected = {field.name for field in fields(cls)}
    if set(data) != expected:
        raise ReportUnreadable(
            f"{what} keys differ: missing {sorted(expected - set(data))}, "
            f"unknown {sorted(set(data) - expected)}"
        )


def read_report(data: Mapping[str, Any]) -> ReportReading:
    """A stored report as typed values; an older schema is upgraded first.

    Raises ReportUnreadable when the report does not have the current schema's keys.
    """
    current = upgrade(dict(data))
    try:
        _same_keys(ReportReading, current, "report")
        if current["schema_version"] != SCHEMA_VERSION:
            raise ReportUnreadable(f"schema version {current['schema_version']}")
        return ReportReading(
            schema_version=current["schema_version"],
            method_version=current["method_version"],
            target=current["target"],
            head=current["head"],
            as_of=datetime.fromisoformat(current["as_of"]),
            facts=Facts(**current["facts"]),
            criteria=tuple(CriterionReading.from_json(c) for c in current["criteria"]),
            checks=tuple(CheckReading.from_json(c) for c in current["checks"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, ReportUnreadable):
            raise
        raise ReportUnreadable(f"{type(error).__name__}: {error}") from error
