"""The one result type every check returns, built through a few named constructors."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from communs.evaluation.facts import Facts
from communs.evaluation.messages import Message, Remediation, Statement
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

# What the engine itself says, outside any check.
EMPTY_REPOSITORY = Message("engine.empty_repository", "The repository is empty.")
CHECK_FAILED = Message("engine.check_failed", "The check failed: {error}")
UNDECLARED = Message("engine.undeclared", "The check said something it does not declare: {what}")
# A sentence of a version 1 report that no declared message gives back (see legacy.py).
LEGACY = Message("engine.legacy", "{text}")
ENGINE_MESSAGES = (EMPTY_REPOSITORY, CHECK_FAILED, UNDECLARED, LEGACY)
NOT_PASSING = {"partial", "fail"}


@dataclass(frozen=True)
class Finding:
    """What a check found: a score from 0 to 10 (or None), an outcome, a statement, evidence.

    The statement is a declared message with its parameters; ``reason`` is its English
    sentence. A partial or failed finding carries its message's remediation.
    """

    score: int | None
    outcome: Outcome
    statement: Statement
    evidence: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.outcome.value in NOT_PASSING and self.statement.message.remediation is None:
            raise ValueError(f"{self.statement.code} is not a pass and declares no remediation")

    @property
    def code(self) -> str:
        return self.statement.code

    @property
    def params(self) -> Mapping[str, Any]:
        return self.statement.params

    @property
    def reason(self) -> str:
        return self.statement.english()

    @property
    def remediation(self) -> Remediation | None:
        if self.outcome.value in NOT_PASSING or self.outcome is Outcome.INCONCLUSIVE:
            return self.statement.message.remediation
        return None

    # Evidence is given as keywords (``bus_factor=3``) or as a mapping (``evidence=found``).

    @classmethod
    def passed(
        cls, said: Statement, *, score: int = 10, evidence: Evidence = None, **more: Any
    ) -> Finding:
        return cls(_bounded(score), Outcome.PASS, said, _merged(evidence, more))

    @classmethod
    def partial(
        cls, said: Statement, *, score: int, evidence: Evidence = None, **more: Any
    ) -> Finding:
        return cls(_bounded(score), Outcome.PARTIAL, said, _merged(evidence, more))

    @classmethod
    def failed(
        cls, said: Statement, *, score: int = 0, evidence: Evidence = None, **more: Any
    ) -> Finding:
        return cls(_bounded(score), Outcome.FAIL, said, _merged(evidence, more))

    @classmethod
    def graded(
        cls, said: Statement, *, score: int, evidence: Evidence = None, **more: Any
    ) -> Finding:
        """Pass from 7, fail at 0, partial in between."""
        score = _bounded(score)
        outcome = Outcome.PASS if score >= 7 else Outcome.FAIL if score == 0 else Outcome.PARTIAL
        return cls(score, outcome, said, _merged(evidence, more))

    @classmethod
    def not_applicable(cls, said: Statement, *, evidence: Evidence = None, **more: Any) -> Finding:
        return cls(None, Outcome.NOT_APPLICABLE, said, _merged(evidence, more))

    @classmethod
    def inconclusive(cls, said: Statement, *, evidence: Evidence = None, **more: Any) -> Finding:
        return cls(None, Outcome.INCONCLUSIVE, said, _merged(evidence, more))

    @classmethod
    def empty_repository(cls) -> Finding:
        return cls(None, Outcome.NOT_APPLICABLE, EMPTY_REPOSITORY(), {})

    @classmethod
    def error(cls, error: BaseException) -> Finding:
        text = f"{type(error).__name__}: {error}"[: 300 - len("The check failed: ")]
        return cls(None, Outcome.ERROR, CHECK_FAILED(error=text), {})

    @classmethod
    def undeclared(cls, what: str) -> Finding:
        return cls(None, Outcome.ERROR, UNDECLARED(what=what), {})


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
    # Every sentence the check can say, and a label for every evidence key it gives.
    messages: tuple[Message, ...] = ()
    evidence: Mapping[str, str] = field(default_factory=dict)
    # True when the check reads nothing but HEAD's tree and files (``TreeSnapshot``) and the
    # facts of the tree (``TreeFacts``): it then runs while git reads the history. Reading
    # more raises NotKnownYet, and a test compares each declaration with the source.
    tree_only: bool = False

    def __post_init__(self) -> None:
        for message in self.messages:
            if not message.code.startswith(f"{self.id}."):
                raise ValueError(f"{message.code} is not under the check's id {self.id}")

    def said(self, finding: Finding) -> str | None:
        """What the finding says that the check does not declare, if anything."""
        if finding.statement.message not in self.messages + ENGINE_MESSAGES:
            return f"message {finding.code}"
        unknown = sorted(set(finding.evidence) - set(self.evidence))
        if unknown:
            return f"evidence {', '.join(unknown)}"
        return None


@dataclass(frozen=True)
class CheckResult:
    id: str
    criterion: Criterion
    title: str
    finding: Finding

    def as_json(self) -> dict[str, Any]:
        remediation = self.finding.remediation
        return {
            "id": self.id,
            "criterion": self.criterion.value,
            "title": self.title,
            "score": self.finding.score,
            "outcome": self.finding.outcome.value,
            "code": self.finding.code,
            "params": dict(self.finding.params),
            "reason": self.finding.reason,
            "remediation": remediation.as_json() if remediation else None,
            "evidence": dict(self.finding.evidence),
        }
