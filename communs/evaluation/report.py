"""Running the checks over a snapshot and assembling the report."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from communs.evaluation.facts import Facts, TreeFacts, compute_facts, tree_facts
from communs.evaluation.registry import CHECKS, METHOD_VERSION
from communs.evaluation.results import Check, CheckResult, Criterion, Finding
from communs.evaluation.snapshot import NotKnownYet, Snapshot, TreeSnapshot

logger = logging.getLogger(__name__)

# The version of the report's JSON shape (report.schema.json), independent of the method:
# it moves when a key is added, renamed or removed, not when a score may differ.
SCHEMA_VERSION = "3"


@dataclass(frozen=True)
class CriterionScore:
    criterion: Criterion
    score: float | None
    weights: dict[str, int]

    def as_json(self, results: dict[str, CheckResult]) -> dict[str, Any]:
        return {
            "id": self.criterion.value,
            "score": self.score,
            "checks": [
                {"id": check_id, "weight": weight, "score": results[check_id].finding.score}
                for check_id, weight in self.weights.items()
            ],
        }


@dataclass(frozen=True)
class Report:
    method_version: str
    target: str
    head: str | None
    as_of: str
    facts: Facts
    criteria: tuple[CriterionScore, ...]
    checks: tuple[CheckResult, ...]
    # The publiccode.yml found at the root, as read, for catalogues to import (not in JSON).
    publiccode: bytes | None = None

    def as_json(self) -> dict[str, Any]:
        by_id = {result.id: result for result in self.checks}
        return {
            "schema_version": SCHEMA_VERSION,
            "method_version": self.method_version,
            "target": self.target,
            "head": self.head,
            "as_of": self.as_of,
            "facts": self.facts.as_json(),
            "criteria": [criterion.as_json(by_id) for criterion in self.criteria],
            "checks": [result.as_json() for result in self.checks],
        }


def run_check(check: Check, snapshot: Snapshot, facts: Facts) -> CheckResult:
    """Run one check; an exception becomes an error result and the report goes on."""
    try:
        finding = check.run(snapshot, facts)
    except NotKnownYet:
        raise  # a check declared tree_only read the history: the engine's bug, not a result
    except Exception as error:
        logger.exception("check %s failed", check.id)
        finding = Finding.error(error)
    else:
        undeclared = check.said(finding)
        if undeclared:
            logger.error("check %s said an undeclared %s", check.id, undeclared)
            finding = Finding.undeclared(undeclared)
    return CheckResult(check.id, check.criterion, check.title, finding)


def criterion_scores(
    results: Iterable[CheckResult], checks: Iterable[Check]
) -> tuple[CriterionScore, ...]:
    """Each criterion's score: the weighted mean of its checks that have a score."""
    weights = {check.id: check.weight for check in checks}
    scored: list[CriterionScore] = []
    by_criterion: dict[Criterion, list[CheckResult]] = {criterion: [] for criterion in Criterion}
    for result in results:
        by_criterion[result.criterion].append(result)
    for criterion, members in by_criterion.items():
        counted = [r for r in members if r.finding.score is not None]
        total_weight = sum(weights[r.id] for r in counted)
        score = (
            round(sum(weights[r.id] * (r.finding.score or 0) for r in counted) / total_weight, 1)
            if total_weight
            else None
        )
        scored.append(CriterionScore(criterion, score, {r.id: weights[r.id] for r in members}))
    return tuple(scored)


def _root_publiccode(snapshot: Snapshot) -> bytes | None:
    for name in ("publiccode.yml", "publiccode.yaml"):
        content = snapshot.read(name)
        if content is not None and not content.truncated:
            return content.data
    return None


@dataclass(frozen=True)
class TreeWork:
    """What the report takes from HEAD's tree alone (its facts, the results of the checks
    declared ``tree_only``), worked out while git reads the history."""

    tree: TreeSnapshot
    facts: TreeFacts
    results: dict[str, CheckResult]


def tree_work(tree: TreeSnapshot, checks: Iterable[Check] = CHECKS) -> TreeWork:
    """The facts of the tree and the results of ``checks`` declared ``tree_only``, for
    ``build_report`` to take rather than work out again once git has read the history."""
    facts = tree_facts(tree)
    results = {check.id: run_check(check, tree, facts) for check in checks if check.tree_only}
    return TreeWork(tree, facts, results)


def build_report(
    snapshot: Snapshot, checks: Iterable[Check] = CHECKS, done: TreeWork | None = None
) -> Report:
    """The report of the snapshot with ``checks``; ``done``: ``tree_work`` of its tree (with
    the same checks), when it was worked out while git read the history."""
    chosen = tuple(checks)
    if done is not None and (done.tree.head, done.tree.tree) != (snapshot.head, snapshot.tree):
        raise ValueError("the work done on a tree is given with the snapshot of another")
    facts = compute_facts(snapshot, done.facts if done is not None else None)
    if snapshot.head is None:
        results = tuple(
            CheckResult(c.id, c.criterion, c.title, Finding.empty_repository()) for c in chosen
        )
    else:
        ready = done.results if done is not None else {}
        results = tuple(
            ready[check.id] if check.id in ready else run_check(check, snapshot, facts)
            for check in chosen
        )
    return Report(
        method_version=METHOD_VERSION,
        target=snapshot.target,
        head=snapshot.head,
        as_of=snapshot.as_of.strftime("%Y-%m-%dT%H:%M:%SZ"),
        facts=facts,
        criteria=criterion_scores(results, chosen),
        checks=results,
        publiccode=_root_publiccode(snapshot),
    )
