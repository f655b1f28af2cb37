"""What the pages show of evaluations: levels, ranks, trends, changes, evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from communs.catalog.models import Software
from communs.evaluation import BY_ID, Criterion, Outcome
from communs.evaluations.evidence import EvidenceItem, evidence_items
from communs.evaluations.models import CheckComment, Evaluation, EvaluationJob
from communs.evaluations.reading import CheckReading
from communs.evaluations.services import can_reply, can_see_failures
from communs.evaluations.wording import DEFECTS, Advice, Said, advise, say

CRITERION_LABELS = {
    Criterion.COMMUNITY: _("Community"),
    Criterion.PRACTICES: _("Development practices"),
    Criterion.SECURITY: _("Security"),
    Criterion.INTEGRATION: _("Integration"),
}
OUTCOME_LABELS = {
    Outcome.PASS: _("Pass"),
    Outcome.PARTIAL: _("Partial"),
    Outcome.FAIL: _("Fail"),
    Outcome.NOT_APPLICABLE: _("Not applicable"),
    Outcome.INCONCLUSIVE: _("Inconclusive"),
    Outcome.ERROR: _("Error"),
}
TREND_LENGTH = 10
# Chart units (the SVG scales with the page) before the bars start, for the labels.
CHART_LABEL_WIDTH = 250


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


@dataclass(frozen=True)
class Rank:
    criterion: Criterion
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
    for criterion in Criterion:
        mine = evaluation.score(criterion)
        scored = [score for peer in peers if (score := peer.score(criterion)) is not None]
        if mine is None or len(scored) < 2:
            continue
        position = 1 + sum(1 for score in scored if score > mine)
        found.append(Rank(criterion, position, len(scored), label))
    return found


@dataclass(frozen=True)
class CheckView:
    """A check result as the software page shows it, in the reader's language."""

    result: CheckReading
    title: str
    outcome_label: str
    said: Said
    advice: Advice | None
    evidence_items: list[EvidenceItem]
    replies: list[CheckComment]
    # The engine's English account of its own defect (an exception), for curators only.
    detail: str = ""

    @property
    def id(self) -> str:
        return self.result.id

    @property
    def outcome(self) -> str:
        return self.result.outcome.value

    @property
    def score(self) -> int | None:
        return self.result.score

    @property
    def known(self) -> bool:
        return self.result.known


def check_title(result: CheckReading) -> str:
    check = BY_ID.get(result.id)
    return gettext(check.title) if check else result.title


def check_view(result: CheckReading, replies: list[CheckComment] | None = None) -> CheckView:
    return CheckView(
        result=result,
        title=check_title(result),
        outcome_label=str(OUTCOME_LABELS[result.outcome]),
        said=say(result.code, result.params, result.reason),
        advice=advise(result.code, result.remediation),
        evidence_items=evidence_items(result.id, result.evidence),
        replies=replies or [],
        detail=result.reason if result.code in DEFECTS else "",
    )


@dataclass(frozen=True)
class Change:
    title: str
    old: CheckReading | None
    new: CheckView


def changes(previous: Evaluation, current: Evaluation) -> list[Change]:
    """Checks whose score or outcome moved between two evaluations, and why."""
    before = {check.id: check for check in previous.reading.checks}
    moved = []
    for check in current.reading.checks:
        old = before.get(check.id)
        if old is None or (old.score, old.outcome) != (check.score, check.outcome):
            view = check_view(check)
            moved.append(Change(title=view.title, old=old, new=view))
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
        for index, criterion in enumerate(Criterion):
            score = latest.score(criterion)
            criteria.append(
                {
                    "id": criterion.value,
                    "label": CRITERION_LABELS[criterion],
                    "score": score,
                    "level": level(score),
                    "checks": [
                        check_view(check, replies.get(check.id, []))
                        for check in latest.reading.checks_of(criterion)
                    ],
                    "y": index * 36,
                    "text_y": index * 36 + 18,
                    "bar": round((score or 0) * 25, 1),
                    "trend": [e.score(criterion) for e in history],
                    "sparkline": sparkline([e.score(criterion) for e in history]),
                }
            )
    failure = job if job is not None and job.status == EvaluationJob.Status.FAILED else None
    return {
        "software": software,
        "evaluation": latest,
        "previous": previous,
        "criteria": criteria,
        "history": history,
        "ranks": ranks(latest) if latest else [],
        "changes": changes(previous, latest) if latest and previous else [],
        "job": job,
        # A failure is for curators and the software's maintainers; others see the last
        # successful evaluation and its date.
        "failure": failure if failure and can_see_failures(user, software) else None,
        "can_reply": can_reply(user, software),
        "can_evaluate": bool(getattr(user, "is_staff", False)),
        # The technical detail of a check that failed inside the engine is for curators.
        "is_curator": bool(getattr(user, "is_staff", False)),
        "criterion_labels": CRITERION_LABELS,
        "chart_height": 36 * len(Criterion),
        # Labels take the first CHART_LABEL_WIDTH units: room for "Pratiques de développement".
        "bar_x": CHART_LABEL_WIDTH,
        "value_x": CHART_LABEL_WIDTH + 260,
        "chart_width": CHART_LABEL_WIDTH + 320,
    }
