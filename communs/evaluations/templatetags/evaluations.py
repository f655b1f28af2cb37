from __future__ import annotations

from django import template
from django.utils.formats import number_format

from communs.evaluation import Criterion
from communs.evaluations.presentation import CRITERION_LABELS, level

register = template.Library()


@register.filter
def score_level(score: float | None) -> str:
    return level(score)


@register.filter
def criterion_label(criterion: Criterion) -> str:
    return str(CRITERION_LABELS[Criterion(criterion)])


@register.filter
def out_of_ten(score: float | None) -> str:
    """A score out of 10 in the language's number format: 6.9/10, 6,9/10."""
    if score is None:
        return "–"
    return f"{number_format(round(score, 1) if score % 1 else int(score))}/10"
