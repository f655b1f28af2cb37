"""The indicators computed from a declaration's measurements, each with its formula.

Missing data stays missing: an indicator without the figures it needs has no value and a
sentence saying what is missing, never a zero. A change from a zero baseline has no
percentage either, and says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from communs.outcomes.models import COST_METRICS, INTERACTION_METRICS, Metric, Phase

ONE_DECIMAL = Decimal("0.1")


def _amount(value: Decimal, places: int = 2) -> str:
    """A figure as the reader's language writes it: 44 000,00 in French, 44,000.00 in English."""
    return number_format(value, decimal_pos=places, force_grouping=True)


class Figure(Protocol):
    metric: str
    phase: str
    value: Decimal
    survey_size: int | None
    survey_method: str

    @property
    def period_days(self) -> int: ...


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str | Promise
    unit: str  # "%" or "years"
    formula: str | Promise
    value: Decimal | None
    # When value is None: the sentence that says what is missing or why there is no value.
    missing: str | Promise = ""
    # When value is set: the figures it comes from, in words.
    detail: str | Promise = ""


INDICATORS: dict[str, tuple[str | Promise, str, str | Promise]] = {
    "cost_change": (
        _("Change in yearly costs"),
        "%",
        _(
            "(yearly costs after − yearly costs before) ÷ yearly costs before × 100, "
            "over the kinds of cost recorded both before and after"
        ),
    ),
    "interaction_change": (
        _("Change in citizen interactions"),
        "%",
        _(
            "(interactions per day after − interactions per day before) ÷ interactions per "
            "day before × 100, each count divided by the days of its period, over the kinds "
            "recorded both before and after"
        ),
    ),
    "satisfaction": (
        _("Satisfied users or citizens"),
        "%",
        _("share of the people surveyed who said they were satisfied, latest survey"),
    ),
    "payback_years": (
        _("Payback period"),
        "years",
        _("one-off cost of the move ÷ (yearly costs before − yearly costs after)"),
    ),
}


def _indicator(
    code: str, value: Decimal | None, *, missing: str | Promise = "", detail: str | Promise = ""
) -> Indicator:
    label, unit, formula = INDICATORS[code]
    if value is not None:
        value = value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    return Indicator(code, label, unit, formula, value, missing=missing, detail=detail)


def latest(figures: Iterable[Figure]) -> dict[tuple[str, str], Figure]:
    """The figure that counts for each (metric, phase): the first one in the given order
    (the model's ordering puts the latest period first)."""
    found: dict[tuple[str, str], Figure] = {}
    for figure in figures:
        found.setdefault((figure.metric, figure.phase), figure)
    return found


def _paired(
    figures: dict[tuple[str, str], Figure], metrics: Sequence[str]
) -> list[tuple[Figure, Figure]]:
    return [
        (figures[(m, Phase.BEFORE)], figures[(m, Phase.AFTER)])
        for m in metrics
        if (m, Phase.BEFORE) in figures and (m, Phase.AFTER) in figures
    ]


def _change(before: Decimal, after: Decimal) -> Decimal:
    return (after - before) / before * 100


def cost_change(figures: dict[tuple[str, str], Figure]) -> Indicator:
    pairs = _paired(figures, COST_METRICS)
    if not pairs:
        return _indicator(
            "cost_change",
            None,
            missing=_("No kind of cost is recorded both before and after the move."),
        )
    before = sum((b.value for b, _a in pairs), Decimal(0))
    after = sum((a.value for _b, a in pairs), Decimal(0))
    detail = _("from %(before)s € to %(after)s € a year") % {
        "before": _amount(before),
        "after": _amount(after),
    }
    if before == 0:
        return _indicator(
            "cost_change",
            None,
            missing=_(
                "The yearly costs before the move were zero: a change from zero has no "
                "percentage (after: %(after)s € a year)."
            )
            % {"after": _amount(after)},
        )
    return _indicator("cost_change", _change(before, after), detail=detail)


def interaction_change(figures: dict[tuple[str, str], Figure]) -> Indicator:
    pairs = _paired(figures, INTERACTION_METRICS)
    if not pairs:
        return _indicator(
            "interaction_change",
            None,
            missing=_("No kind of interaction is counted both before and after the move."),
        )
    before = sum((Decimal(b.value) / b.period_days for b, _a in pairs), Decimal(0))
    after = sum((Decimal(a.value) / a.period_days for _b, a in pairs), Decimal(0))
    if before == 0:
        return _indicator(
            "interaction_change",
            None,
            missing=_(
                "There were no interactions before the move: a change from zero has no percentage."
            ),
        )
    detail = _("from %(before)s to %(after)s a day") % {
        "before": _amount(before, 1),
        "after": _amount(after, 1),
    }
    return _indicator("interaction_change", _change(before, after), detail=detail)


def satisfaction(figures: dict[tuple[str, str], Figure]) -> Indicator:
    survey = figures.get((Metric.SATISFACTION, Phase.NONE))
    if survey is None:
        return _indicator("satisfaction", None, missing=_("No satisfaction survey is recorded."))
    detail = _("%(size)s people surveyed (%(method)s)") % {
        "size": survey.survey_size,
        "method": survey.survey_method,
    }
    return _indicator("satisfaction", Decimal(survey.value), detail=detail)


def payback_years(figures: dict[tuple[str, str], Figure]) -> Indicator:
    investment = figures.get((Metric.INVESTMENT, Phase.NONE))
    if investment is None:
        return _indicator(
            "payback_years", None, missing=_("No one-off cost of the move is recorded.")
        )
    pairs = _paired(figures, COST_METRICS)
    if not pairs:
        return _indicator(
            "payback_years",
            None,
            missing=_("The yearly costs before and after the move are needed."),
        )
    savings = sum((b.value - a.value for b, a in pairs), Decimal(0))
    if savings <= 0:
        return _indicator(
            "payback_years",
            None,
            missing=_("The yearly costs did not go down: no savings pay the one-off cost back."),
        )
    detail = _("%(investment)s € paid back by %(savings)s € saved a year") % {
        "investment": _amount(investment.value),
        "savings": _amount(savings),
    }
    return _indicator("payback_years", investment.value / savings, detail=detail)


def indicators(figures: Iterable[Figure]) -> list[Indicator]:
    """The four indicators of one declaration, from its figures (latest first)."""
    chosen = latest(figures)
    return [
        cost_change(chosen),
        interaction_change(chosen),
        satisfaction(chosen),
        payback_years(chosen),
    ]
