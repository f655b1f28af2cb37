from __future__ import annotations

from typing import Any

from django import template
from django.utils import formats

from communs.evaluations.presentation import CRITERION_LABELS, level, panel

register = template.Library()


@register.inclusion_tag("evaluations/_panel.html", takes_context=True)
def evaluation_panel(context: dict[str, Any], software: Any) -> dict[str, Any]:
    request = context.get("request")
    data = panel(software, getattr(request, "user", None))
    data["request"] = request
    data["csrf_token"] = context.get("csrf_token")
    return data


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
