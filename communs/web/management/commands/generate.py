from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from communs.web.synthetic import (
    GenerationError,
    database_analyse,
    database_size,
    synthetic_generate,
)


def positive_scale(raw: str) -> float:
    value = float(raw)
    if not 0 < value <= 100:
        raise ValueError(raw)
    return value


class Command(BaseCommand):
    help = (
        "Fill an empty database with synthetic data on the real models: scale 1 is France "
        "today (35,000 organisations, 2,000 software, 50,000 declarations), 10 ten times "
        "that. The same seed gives the same rows."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--scale",
            type=positive_scale,
            default=1.0,
            help="1 or 10 (fractions such as 0.01 make a small world for tests).",
        )
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            summary = synthetic_generate(
                scale=options["scale"],
                seed=options["seed"],
                progress=lambda step: self.stdout.write(f"Generating {step}…"),
            )
        except GenerationError as error:
            raise CommandError(str(error), returncode=2) from None
        database_analyse()
        elapsed = time.perf_counter() - started
        counts = ", ".join(f"{count:,} {name}" for name, count in summary.counts.items())
        self.stdout.write(
            f"Generated at scale {options['scale']:g}, seed {options['seed']}: {counts}; "
            f"in {elapsed:.1f} s; database size {database_size() / 1e6:,.1f} MB."
        )
