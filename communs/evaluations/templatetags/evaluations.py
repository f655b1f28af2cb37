from __future__ import annotations

from django import template

from communs.evaluations.presentation import CRITERION_LABELS, level

register = template.Library()


@register.filter
def score_level(score: float | None) -> str:
    return level(score)


@register.filter
def criterion_label(criterion: str) -> str:
    return str(CRITERION_LABELS.get(criterion, criterion))


@register.filter
def out_of_ten(score: float | None) -> str:
    return "–" if score is None else f"{score:g}/10"
