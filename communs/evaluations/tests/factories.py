"""Evaluations built from scripted reports, for pages whose inputs are easier to state.

The reports are written in the first schema (an English reason per check, no code), as
older stored reports are: the site reads them upgraded (see evaluation/legacy.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from communs.evaluation import METHOD_VERSION
from communs.evaluations.models import Evaluation


def report(
    scores: dict[str, float | None],
    *,
    checks: list[dict[str, Any]] | None = None,
    as_of: str = "2026-11-01T23:59:59Z",
    head: str = "a" * 40,
    method: str = METHOD_VERSION,
) -> dict[str, Any]:
    return {
        "method_version": method,
        "target": "https://forge.example.org/outil",
        "head": head,
        "as_of": as_of,
        "facts": {
            "commits_total": 900,
            "authors_total": 12,
            "first_commit_at": "2019-01-01T00:00:00Z",
            "last_commit_at": "2026-10-30T00:00:00Z",
            "commits_12m": 120,
            "active_authors_12m": 4,
            "new_authors_12m": 1,
            "inactive_authors_12m": 0,
            "bus_factor": 2,
            "elephant_factor": 1,
            "top_organisations_24m": {},
            "tags_total": 10,
            "releases_12m": 2,
            "last_release_at": "2026-10-01T00:00:00Z",
            "files_head": 100,
            "languages": {},
            "presence": {},
        },
        "criteria": [{"id": k, "score": v, "checks": []} for k, v in scores.items()],
        "checks": checks or [],
    }


def check(
    check_id: str,
    score: int | None,
    outcome: str,
    reason: str,
    evidence: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "id": check_id,
        "criterion": check_id.split(".")[0],
        "title": check_id,
        "score": score,
        "outcome": outcome,
        "reason": reason,
        "evidence": evidence or {},
    }


def evaluation(software: Any, scores: dict[str, float | None], **kwargs: Any) -> Evaluation:
    data = report(scores, **kwargs)
    return Evaluation.objects.create(
        software=software,
        target=data["target"],
        head=data["head"],
        as_of=datetime.fromisoformat(data["as_of"].replace("Z", "+00:00")),
        method_version=data["method_version"],
        report=data,
    )
