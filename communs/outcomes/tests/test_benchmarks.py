"""Benchmarks appear from five organisations alike, never fewer."""

from __future__ import annotations

from decimal import Decimal

import pytest

from communs.catalog.tests.factories import SoftwareFactory
from communs.outcomes.selectors import software_benchmark
from communs.outcomes.tests.world import commune_with_costs

pytestmark = pytest.mark.django_db


def test_four_organisations_give_no_figure_and_a_fifth_shows_the_median_and_quartiles():
    software = SoftwareFactory(slug="qgis", name="QGIS")
    # Cost changes of −50, −40, −30, −20 and −10 %.
    for index, after in enumerate(["500", "600", "700", "800"]):
        commune_with_costs(software, index, "1000", after)
    (group,) = software_benchmark(software)
    assert group.spreads == () and group.withheld == 1
    commune_with_costs(software, 5, "1000", "900")
    (group,) = software_benchmark(software)
    spread = group.spread("cost_change")
    assert (spread.organisations, spread.q1, spread.median, spread.q3) == (
        5,
        Decimal("-40.0"),
        Decimal("-30.0"),
        Decimal("-20.0"),
    )


def test_organisations_of_another_population_band_are_another_group():
    software = SoftwareFactory(slug="qgis", name="QGIS")
    for index in range(4):
        commune_with_costs(software, index, "1000", "500")
    commune_with_costs(software, 9, "1000", "500", population=300_000)
    groups = software_benchmark(software)
    assert len(groups) == 2
    assert all(group.spreads == () for group in groups)
