"""Benchmarks: medians and interquartile ranges of the indicators across organisations alike.

Organisations are compared with those of the same kind and population band. A figure is
shown only when at least MIN_ORGANISATIONS organisations gave it: fewer would let a reader
recognise each one's figures.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from communs.outcomes.indicators import INDICATORS, ONE_DECIMAL, indicators
from communs.outcomes.models import Measurement
from communs.territories.models import Organisation
from communs.usage.selectors import POPULATION_BANDS, population_band

MIN_ORGANISATIONS = 5


@dataclass(frozen=True)
class Spread:
    """One indicator across the organisations of one group."""

    code: str
    label: str | Promise
    unit: str
    organisations: int
    q1: Decimal
    median: Decimal
    q3: Decimal


@dataclass(frozen=True)
class Group:
    kind: str
    band: int | None
    spreads: tuple[Spread, ...]
    # Indicators that fewer than MIN_ORGANISATIONS organisations of the group gave.
    withheld: int

    @property
    def kind_label(self) -> str:
        return (
            str(Organisation.Kind(self.kind).label)
            if self.kind in Organisation.Kind.values
            else self.kind
        )

    @property
    def band_label(self) -> str:
        return band_label(self.band)

    @property
    def label(self) -> str:
        return f"{self.kind_label}, {self.band_label}"

    def spread(self, code: str) -> Spread | None:
        return next((s for s in self.spreads if s.code == code), None)


def band_label(band: int | None) -> str:
    if band is None:
        return str(_("population unknown"))
    limits = (0, *POPULATION_BANDS)
    low = limits[band]
    if band == len(POPULATION_BANDS):
        return str(_("%(low)s inhabitants or more")) % {"low": f"{low:,}".replace(",", " ")}
    high = limits[band + 1] - 1
    return str(_("%(low)s to %(high)s inhabitants")) % {
        "low": f"{low:,}".replace(",", " "),
        "high": f"{high:,}".replace(",", " "),
    }


def spread_of(code: str, values: list[Decimal]) -> Spread:
    label, unit, _formula = INDICATORS[code]
    if len(values) == 1:
        q1 = median = q3 = values[0]
    else:
        q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(
        code,
        label,
        unit,
        len(values),
        Decimal(q1).quantize(ONE_DECIMAL),
        Decimal(median).quantize(ONE_DECIMAL),
        Decimal(q3).quantize(ONE_DECIMAL),
    )


def organisation_values(
    measurements: Iterable[Measurement],
) -> dict[Organisation, dict[str, Decimal]]:
    """Each organisation's value of each indicator it has; an organisation with several
    declarations in the set (a category) counts once, with the median of its values."""
    by_declaration: dict[int, list[Measurement]] = defaultdict(list)
    organisation_of: dict[int, Organisation] = {}
    for measurement in measurements:
        by_declaration[measurement.declaration_id].append(measurement)
        organisation_of[measurement.declaration_id] = measurement.declaration.organisation
    collected: dict[Organisation, dict[str, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    for declaration_id, figures in by_declaration.items():
        for indicator in indicators(figures):
            if indicator.value is not None:
                collected[organisation_of[declaration_id]][indicator.code].append(indicator.value)
    return {
        organisation: {code: Decimal(statistics.median(values)) for code, values in codes.items()}
        for organisation, codes in collected.items()
    }


def benchmark(measurements: Iterable[Measurement]) -> list[Group]:
    """The groups of organisations alike, each with the indicators enough of them gave."""
    grouped: dict[tuple[str, int | None], dict[str, list[Decimal]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for organisation, values in organisation_values(measurements).items():
        key = (organisation.kind, population_band(organisation.population))
        for code, value in values.items():
            grouped[key][code].append(value)
    groups = []
    for (kind, band), codes in grouped.items():
        spreads = tuple(
            spread_of(code, sorted(codes[code]))
            for code in INDICATORS
            if len(codes.get(code, [])) >= MIN_ORGANISATIONS
        )
        withheld = sum(1 for code in codes if len(codes[code]) < MIN_ORGANISATIONS)
        groups.append(Group(kind, band, spreads, withheld))
    return sorted(groups, key=lambda g: (g.kind, -1 if g.band is None else g.band))
