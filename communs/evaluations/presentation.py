"""What the pages show of evaluations: levels, ranks, trends, changes, evidence."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from communs.catalog.models import Software
from communs.evaluation import BY_ID
from communs.evaluations.models import CRITERIA, CheckComment, Evaluation
from communs.evaluations.services import can_reply

CRITERION_LABELS = {
    "community": _("Community"),
    "practices": _("Development practices"),
    "security": _("Security"),
    "integration": _("Integration"),
}
OUTCOME_LABELS = {
    "pass": _("Pass"),
    "partial": _("Partial"),
    "fail": _("Fail"),
    "not_applicable": _("Not applicable"),
    "inconclusive": _("Inconclusive"),
    "error": _("Error"),
}
TREND_LENGTH = 10
# Chart units (the SVG scales with the page) before the bars start, for the labels.
CHART_LABEL_WIDTH = 250
EVIDENCE_LIMIT = 300


def level(score: float | None) -> str:
    """A plain-language level for a score out of 10."""
    if score is None:
        return str(_("Not measured"))
    if score >= 8:
        return str(_("Strong"))
    if score >= 6:
        return str(_("Good"))
    if score >= 4:
        return str(_("Fair"))
    return str(_("Weak"))


def evidence_items(evidence: dict[str, Any]) -> list[tuple[str, str]]:
    """Evidence as (name, text) pairs, shortened; templates escape them."""
    items = []
    for key, value in evidence.items():
        if value in (None, "", [], {}):
            continue
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        if len(text) > EVIDENCE_LIMIT:
            text = text[: EVIDENCE_LIMIT - 1] + "…"
        items.append((str(key).replace("_", " "), text))
    return items


@dataclass(frozen=True)
class Rank:
    criterion: str
    position: int
    total: int
    category: str


def ranks(evaluation: Evaluation) -> list[Rank]:
    """The software's place on each criterion among evaluated software of its category."""
    software = evaluation.software
    best: tuple[str, list[Evaluation]] | None = None
    for category in software.categories.all():
        peers = list(
            Evaluation.objects.latest_per_software()
            .filter(software__categories=category, software__status="published")
            .select_related("software")
        )
        if len(peers) > 1 and (best is None or len(peers) > len(best[1])):
            best = (category.label, peers)
    if best is None:
        return []
    label, peers = best
    found = []
    for criterion in CRITERIA:
        mine = getattr(evaluation, criterion)
        scored = [
            getattr(peer, criterion) for peer in peers if getattr(peer, criterion) is not None
        ]
        if mine is None or len(scored) < 2:
            continue
        position = 1 + sum(1 for score in scored if score > mine)
        found.append(Rank(criterion, position, len(scored), label))
    return found


def changes(previous: Evaluation, current: Evaluation) -> list[dict[str, Any]]:
    """Checks whose score or outcome moved between two evaluations, and why."""
    before = {check["id"]: check for check in previous.checks()}
    moved = []
    for check in current.checks():
        old = before.get(check["id"])
        if old is None or (old["score"], old["outcome"]) != (check["score"], check["outcome"]):
            moved.append(
                {
                    "id": check["id"],
                    "title": check.get("title", check["id"]),
                    "old": old,
                    "new": check,
                }
            )
    return moved


def trend(software: Software) -> list[Evaluation]:
    """The last evaluations, oldest first, with their scores only (reports can be large)."""
    recent = software.evaluations.order_by("-as_of", "-pk").defer("report")[:TREND_LENGTH]
    return list(reversed(recent))


def sparkline(values: list[float | None], width: int = 120, height: int = 28) -> str:
    """SVG polyline points for scores out of 10 (the page also gives them as a table)."""
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(points) < 2:
        return ""
    step = width / max(len(values) - 1, 1)
    return " ".join(f"{i * step:.1f},{height - (v / 10) * height:.1f}" for i, v in points)


def panel(software: Software, user: Any) -> dict[str, Any]:
    history = trend(software)
    # The two newest are read whole: their checks are shown and compared.
    whole = {e.pk: e for e in Evaluation.objects.filter(pk__in=[e.pk for e in history[-2:]])}
    latest = whole[history[-1].pk] if history else None
    previous = whole[history[-2].pk] if len(history) > 1 else None
    job = software.evaluation_jobs.order_by("-created_at", "-pk").first()
    replies: dict[str, list[CheckComment]] = {}
    for comment in software.check_comments.filter(
        status=CheckComment.Status.PUBLISHED
    ).select_related("author"):
        replies.setdefault(comment.check_id, []).append(comment)
    criteria = []
    if latest is not None:
        checks = latest.checks()
        for index, criterion in enumerate(CRITERIA):
            score = getattr(latest, criterion)
            criterion_checks = [
                {
                    **check,
                    "evidence_items": evidence_items(check.get("evidence") or {}),
                    "outcome_label": OUTCOME_LABELS.get(check["outcome"], check["outcome"]),
                    "replies": replies.get(check["id"], []),
                    "known": check["id"] in BY_ID,
                }
                for check in checks
                if check["criterion"] == criterion
            ]
            criteria.append(
                {
                    "id": criterion,
                    "label": CRITERION_LABELS[criterion],
                    "score": score,
                    "level": level(score),
                    "checks": criterion_checks,
                    "y": index * 36,
                    "text_y": index * 36 + 18,
                    "bar": round((score or 0) * 25, 1),
                    "trend": [getattr(e, criterion) for e in history],
                    "sparkline": sparkline([getattr(e, criterion) for e in history]),
                }
            )
    return {
        "software": software,
        "evaluation": latest,
        "previous": previous,
        "criteria": criteria,
        "history": history,
        "ranks": ranks(latest) if latest else [],
        "changes": changes(previous, latest) if latest and previous else [],
        "job": job,
        "can_reply": can_reply(user, software),
        "can_evaluate": bool(getattr(user, "is_staff", False)),
        "criterion_labels": CRITERION_LABELS,
        "chart_height": 36 * len(CRITERIA),
        # Labels take the first CHART_LABEL_WIDTH units: room for "Pratiques de développement".
        "bar_x": CHART_LABEL_WIDTH,
        "value_x": CHART_LABEL_WIDTH + 260,
        "chart_width": CHART_LABEL_WIDTH + 320,
    }
