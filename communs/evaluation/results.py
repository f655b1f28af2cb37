"""The one result type every check returns, built through a few named constructors."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from communs.evaluation.facts import Facts
from communs.evaluation.snapshot import Snapshot


class Outcome(enum.StrEnum):
    PASS = "pass"  # noqa: S105 (an outcome, not a password)
    PARTIAL = "partial"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"
    INCONCLUSIVE = "inconclusive"
    ERROR = "error"


class Criterion(enum.StrEnum):
    COMMUNITY = "community"
    PRACTICES = "practices"
    SECURITY = "security"
    INTEGRATION = "integration"


Evidence = Mapping[str, Any] | None


@dataclass(frozen=True)
class Finding:
    """What a check found: a score from 0 to 10 (or None), an outcome, a reason, evidence."""

    score: int | None
    outcome: Outcome
    reason: str
    evidence: Mapping[str, Any] = field(default_factory=dict)

    # Evidence is given as keywords (``bus_factor=3``) or as a mapping (``evidence=found``).

    @classmethod
    def passed(
        cls, reason: str, *, score: int = 10, evidence: Evidence = None, **more: Any
    ) -> Finding:
        return cls(_bounded(score), Outcome.PASS, reason, _merged(evidence, more))

    @classmethod
    def partial(cls, reason: str, *, score: int, evidence: Evidence = None, **more: Any) -> Finding:
        return cls(_bounded(score), Outcome.PARTIAL, reason, _merged(evidence, more))

    @classmethod
    def failed(
        cls, reason: str, *, score: int = 0, evidence: Evidence = None, **more: Any
    ) -> Finding:
        return cls(_bounded(score), Outcome.FAIL, reason, _merged(evidence, more))

    @classmethod
    def graded(cls, reason: str, *, score: int, evidence: Evidence = None, **more: Any) -> Finding:
        """Pass from 7, fail at 0, partial in between."""
        score = _bounded(score)
        outcome = Outcome.PASS if score >= 7 else Outcome.FAIL if score == 0 else Outcome.PARTIAL
        return cls(score, outcome, reason, _merged(evidence, more))

    @classmethod
    def not_applicable(cls, reason: str, *, evidence: Evidence = None, **more: Any) -> Finding:
        return cls(None, Outcome.NOT_APPLICABLE, reason, _merged(evidence, more))

    @classmethod
    def inconclusive(cls, reason: str, *, evidence: Evidence = None, **more: Any) -> Finding:
        return cls(None, Outcome.INCONCLUSIVE, reason, _merged(evidence, more))

    @classmethod
    def error(cls, reason: str) -> Finding:
        return cls(None, Outcome.ERROR, reason, {})


def _merged(evidence: Evidence, more: dict[str, Any]) -> dict[str, Any]:
    return {**(evidence or {}), **more}


def _bounded(score: int) -> int:
    return max(0, min(10, int(score)))


@dataclass(frozen=True)
class Check:
    """A check: its id, criterion, weight in the criterion's mean, and the function to run.

    The module that defines it documents it in its docstring, for readers of the
    methodology page: what it measures, why it matters to a local government, how a
    project improves it.
    """

    id: str
    criterion: Criterion
    title: str
    weight: int
    run: Callable[[Snapshot, Facts], Finding]
    documentation: str


@dataclass(frozen=True)
class CheckResult:
    id: str
    criterion: Criterion
    title: str
    finding: Finding

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "criterion": self.criterion.value,
            "title": self.title,
            "score": self.finding.score,
            "outcome": self.finding.outcome.value,
            "reason": self.finding.reason,
            "evidence": dict(self.finding.evidence),
        }
