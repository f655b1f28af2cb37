"""The demo outcomes give one benchmark, are marked as demo, and load once."""

from __future__ import annotations

import pytest

from communs.catalog.models import Software
from communs.catalog.services import demo_load
from communs.outcomes.demo import DEMO_SOURCE, demo_outcomes_load
from communs.outcomes.models import Measurement
from communs.outcomes.selectors import software_benchmark

pytestmark = pytest.mark.django_db


def test_the_demo_outcomes_make_one_benchmark_and_load_once():
    demo_load(path=None)
    assert demo_outcomes_load() == 6
    count = Measurement.objects.count()
    assert demo_outcomes_load() == 0 and Measurement.objects.count() == count
    assert set(Measurement.objects.values_list("source", flat=True)) == {DEMO_SOURCE}
    groups = software_benchmark(Software.objects.get(slug="nextcloud"))
    shown = [g for g in groups if g.spreads]
    assert len(shown) == 1
    assert {s.code for s in shown[0].spreads} == {
        "cost_change",
        "interaction_change",
        "satisfaction",
        "payback_years",
    }
    assert all(s.organisations == 6 for s in shown[0].spreads)
