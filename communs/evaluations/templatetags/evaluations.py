from __future__ import annotations

from django import template
from django.utils import formats

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
    """6.9 reads "6,9/10" in French and "6.9/10" in English."""
    if score is None:
        return "–"
    return f"{score:g}".replace(".", str(formats.get_format("DECIMAL_SEPARATOR"))) + "/10"
