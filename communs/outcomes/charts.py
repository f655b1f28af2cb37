"""Box charts of a benchmark, drawn as SVG by the template from the geometry computed here.

Each chart is one indicator; each row one group of organisations alike: a box from the
first to the third quartile, a line at the median. The page repeats the figures in a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise

from communs.outcomes.benchmarks import Group, Spread
from communs.outcomes.indicators import INDICATORS

WIDTH = 600
LABEL_WIDTH = 220
ROW_HEIGHT = 36
PLOT = WIDTH - LABEL_WIDTH - 20


@dataclass(frozen=True)
class Row:
    label: str
    spread: Spread
    y: int
    x_q1: float
    x_median: float
    x_q3: float


@dataclass(frozen=True)
class Chart:
    code: str
    label: str | Promise
    unit: str
    rows: tuple[Row, ...]
    height: int
    x_zero: float
    low: Decimal
    high: Decimal
    label_width: int = LABEL_WIDTH
    width: int = WIDTH

    @property
    def x_end(self) -> int:
        return self.label_width + PLOT


def charts(groups: list[Group]) -> list[Chart]:
    made = []
    for code, (label, unit, _formula) in INDICATORS.items():
        spreads = [(g, g.spread(code)) for g in groups if g.spread(code) is not None]
        if not spreads:
            continue
        low = min([Decimal(0), *(s.q1 for _g, s in spreads if s)])
        high = max([Decimal(0), *(s.q3 for _g, s in spreads if s)])
        span = (high - low) or Decimal(1)

        def x(value: Decimal, low: Decimal = low, span: Decimal = span) -> float:
            return round(LABEL_WIDTH + float((value - low) / span) * PLOT, 1)

        rows = tuple(
            Row(g.label, s, 10 + index * ROW_HEIGHT, x(s.q1), x(s.median), x(s.q3))
            for index, (g, s) in enumerate(spreads)
            if s is not None
        )
        made.append(
            Chart(code, label, unit, rows, 30 + len(rows) * ROW_HEIGHT, x(Decimal(0)), low, high)
        )
    return made
