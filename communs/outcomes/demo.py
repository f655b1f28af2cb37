"""Demo outcomes: six demo communes alike that report on one software, enough for one
benchmark. Everything is marked as demo: the communes' names start with "Démo –" and each
figure's source says it is invented. Safe to load again."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from communs.catalog.models import Software
from communs.outcomes.models import Measurement, Metric, Phase
from communs.territories.models import Organisation
from communs.usage.models import UsageDeclaration

DEMO_SOURCE = "Démo – chiffres fictifs"
SOFTWARE_SLUG = "nextcloud"
BEFORE = (datetime.date(2022, 1, 1), datetime.date(2022, 12, 31))
AFTER = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))

# Name, population, yearly licences before/after, development before/after, investment,
# online procedures before/after, satisfied %.
COMMUNES = [
    ("Démo – Commune d’Aubrac", 11_000, 18_000, 2_000, 6_000, 9_000, 20_000, 900, 1_300, 72),
    ("Démo – Commune de Brissac", 14_500, 22_000, 3_000, 5_000, 8_000, 25_000, 1_200, 1_600, 78),
    ("Démo – Commune de Cerdon", 19_000, 30_000, 4_000, 8_000, 14_000, 30_000, 2_000, 2_500, 69),
    ("Démo – Commune de Dieulefit", 23_000, 26_000, 3_500, 7_000, 12_000, 18_000, 1_500, 2_300, 81),
    (
        "Démo – Commune d’Eygalières",
        31_000,
        40_000,
        6_000,
        10_000,
        15_000,
        45_000,
        3_000,
        3_900,
        75,
    ),
    ("Démo – Commune de Florac", 42_000, 35_000, 5_000, 9_000, 16_000, 28_000, 2_600, 3_100, 70),
]


def _figure(
    declaration: UsageDeclaration,
    metric: str,
    value: int,
    phase: str,
    period: tuple[datetime.date, datetime.date],
    **extra: object,
) -> None:
    Measurement.objects.create(
        declaration=declaration,
        metric=metric,
        phase=phase,
        value=Decimal(value),
        period_start=period[0],
        period_end=period[1],
        source=DEMO_SOURCE,
        **extra,
    )


@transaction.atomic
def demo_outcomes_load() -> int:
    """Create the demo communes' outcomes if missing; returns how many declarations got some."""
    software = Software.objects.published().filter(slug=SOFTWARE_SLUG).first()
    if software is None:
        return 0
    made = 0
    for name, population, lic_b, lic_a, dev_b, dev_a, invest, proc_b, proc_a, happy in COMMUNES:
        organisation, _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": Organisation.Kind.COMMUNE, "population": population}
        )
        declaration, _ = UsageDeclaration.objects.get_or_create(
            organisation=organisation,
            software=software,
            defaults={"status": UsageDeclaration.Status.PRODUCTION, "notes": "Démo"},
        )
        if declaration.measurements.exists():
            continue
        _figure(declaration, Metric.COST_LICENCES, lic_b, Phase.BEFORE, BEFORE)
        _figure(declaration, Metric.COST_LICENCES, lic_a, Phase.AFTER, AFTER)
        _figure(declaration, Metric.COST_DEVELOPMENT, dev_b, Phase.BEFORE, BEFORE)
        _figure(declaration, Metric.COST_DEVELOPMENT, dev_a, Phase.AFTER, AFTER)
        _figure(declaration, Metric.INVESTMENT, invest, Phase.NONE, (BEFORE[1], AFTER[0]))
        _figure(declaration, Metric.ONLINE_PROCEDURES, proc_b, Phase.BEFORE, BEFORE)
        _figure(declaration, Metric.ONLINE_PROCEDURES, proc_a, Phase.AFTER, AFTER)
        _figure(
            declaration,
            Metric.SATISFACTION,
            happy,
            Phase.NONE,
            AFTER,
            survey_size=40 + population // 1000,
            survey_method="Démo – questionnaire en ligne",
        )
        made += 1
    return made
