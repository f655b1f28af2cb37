"""The split calculator: each member's share of a cost, and what it saves against paying alone.

Shares are rounded to the cent by the largest-remainder method, so they always add up to
the total exactly (no cent appears or disappears, whatever the weights).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Share:
    name: str
    weight: Decimal
    amount: Decimal
    saving: Decimal  # the total (paying alone) minus this share


def split(total: Decimal, members: list[tuple[str, Decimal]]) -> list[Share]:
    """Split `total` between members in proportion to their weights (all positive)."""
    if total < 0:
        raise ValueError("negative total")
    if not members or any(weight <= 0 for _, weight in members):
        raise ValueError("every member needs a positive weight")
    weights = sum((weight for _, weight in members), Decimal(0))
    exact = [total * weight / weights for _, weight in members]
    floors = [value.quantize(CENT, rounding=ROUND_DOWN) for value in exact]
    cents_left = int(((total.quantize(CENT) - sum(floors, Decimal(0))) / CENT).to_integral_value())
    # The cents left go to the largest remainders; ties to the earlier member.
    order = sorted(range(len(members)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in order[:cents_left]:
        floors[index] += CENT
    return [
        Share(name, weight, amount, total.quantize(CENT) - amount)
        for (name, weight), amount in zip(members, floors, strict=True)
    ]
