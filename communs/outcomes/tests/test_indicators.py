"""The indicators' formulas: missing data stays missing, a zero baseline has no percentage."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils import translation

from communs.outcomes.indicators import indicators


@dataclass
class F:
    metric: str
    phase: str
    value: Decimal
    period_days: int = 365
    survey_size: int | None = None
    survey_method: str = ""


def by_code(figures):
    """The indicators by code, their sentences read in English."""
    with translation.override("en"):
        return {
            i.code: replace(i, missing=str(i.missing), detail=str(i.detail), formula=str(i.formula))
            for i in indicators(figures)
        }


def test_costs_down_by_thirty_percent_and_paid_back_in_two_years():
    found = by_code(
        [
            F("cost_licences", "before", Decimal("8000")),
            F("cost_licences", "after", Decimal("0")),
            F("cost_development", "before", Decimal("12000")),
            F("cost_development", "after", Decimal("14000")),
            F("investment", "", Decimal("12000")),
        ]
    )
    # (14 000 − 20 000) ÷ 20 000 × 100 = −30 %; 12 000 ÷ 6 000 saved a year = 2 years.
    assert found["cost_change"].value == Decimal("-30.0")
    assert found["payback_years"].value == Decimal("2.0")


def test_a_cost_kind_given_only_before_is_left_out_not_counted_as_zero():
    found = by_code(
        [
            F("cost_licences", "before", Decimal("1000")),
            F("cost_licences", "after", Decimal("1100")),
            F("cost_hosting", "before", Decimal("5000")),  # no "after": not a saving of 5 000
        ]
    )
    assert found["cost_change"].value == Decimal("10.0")


def test_missing_figures_give_no_value_and_say_what_is_missing():
    found = by_code([])
    for code in ("cost_change", "interaction_change", "satisfaction", "payback_years"):
        assert found[code].value is None
        assert found[code].missing
    assert "No satisfaction survey" in str(found["satisfaction"].missing)


def test_a_zero_baseline_gives_no_percentage_and_says_why():
    found = by_code(
        [
            F("cost_licences", "before", Decimal("0")),
            F("cost_licences", "after", Decimal("3000")),
            F("forms", "before", Decimal("0")),
            F("forms", "after", Decimal("40")),
        ]
    )
    assert found["cost_change"].value is None
    assert "were zero" in str(found["cost_change"].missing)
    assert found["interaction_change"].value is None
    assert "no interactions before" in str(found["interaction_change"].missing)


def test_interactions_are_compared_per_day_over_periods_of_different_lengths():
    found = by_code(
        [
            F("online_procedures", "before", Decimal("730"), period_days=365),  # 2 a day
            F("online_procedures", "after", Decimal("168"), period_days=60),  # 2.8 a day
        ]
    )
    assert found["interaction_change"].value == Decimal("40.0")


def test_a_negative_change_is_shown_negative_and_rising_costs_never_pay_back():
    found = by_code(
        [
            F("visits", "before", Decimal("1000")),
            F("visits", "after", Decimal("750")),
            F("cost_support", "before", Decimal("2000")),
            F("cost_support", "after", Decimal("2500")),
            F("investment", "", Decimal("10000")),
        ]
    )
    assert found["interaction_change"].value == Decimal("-25.0")
    assert found["cost_change"].value == Decimal("25.0")
    assert found["payback_years"].value is None
    assert "did not go down" in str(found["payback_years"].missing)


def test_satisfaction_says_its_survey():
    found = by_code([F("satisfaction", "", Decimal("75"), survey_size=120, survey_method="online")])
    assert found["satisfaction"].value == Decimal("75.0")
    assert "120 people surveyed (online)" in str(found["satisfaction"].detail)


def test_the_first_figure_of_a_kind_counts_the_model_orders_latest_first():
    found = by_code(
        [
            F("cost_licences", "before", Decimal("100")),
            F("cost_licences", "before", Decimal("900")),
            F("cost_licences", "after", Decimal("50")),
        ]
    )
    assert found["cost_change"].value == Decimal("-50.0")


def test_the_figures_in_the_sentences_are_written_as_the_readers_language_writes_them():
    figures = [
        F("cost_licences", "before", Decimal("44000")),
        F("cost_licences", "after", Decimal("21000")),
        F("investment", "", Decimal("28000")),
        F("online_procedures", "before", Decimal("730"), period_days=100),
        F("online_procedures", "after", Decimal("850"), period_days=100),
    ]
    english = by_code(figures)
    assert english["cost_change"].detail == "from 44,000.00 € to 21,000.00 € a year"
    assert english["interaction_change"].detail == "from 7.3 to 8.5 a day"
    with translation.override("fr"):
        french = {i.code: str(i.detail) for i in indicators(figures)}
    assert french["cost_change"] == "de 44\xa0000,00 € à 21\xa0000,00 € par an"
    assert french["interaction_change"] == "de 7,3 à 8,5 par jour"
    assert french["payback_years"].startswith("28\xa0000,00 €")
