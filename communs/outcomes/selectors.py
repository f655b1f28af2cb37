"""Read functions about outcomes, for the views of this app and of higher layers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from communs.catalog.models import Software
from communs.outcomes.benchmarks import MIN_ORGANISATIONS as MIN_ORGANISATIONS
from communs.outcomes.benchmarks import Group, benchmark
from communs.outcomes.charts import charts
from communs.outcomes.indicators import Indicator, indicators
from communs.outcomes.models import Measurement
from communs.territories.models import Organisation
from communs.usage.models import UsageDeclaration
from communs.usage.selectors import population_band


def _measurements() -> QuerySet[Measurement]:
    return Measurement.objects.select_related("declaration__organisation")


def declaration_indicators(declaration: UsageDeclaration) -> list[Indicator]:
    return indicators(declaration.measurements.all())


def software_benchmark(software: Software) -> list[Group]:
    return benchmark(_measurements().filter(declaration__software=software))


def category_benchmark(slug: str) -> list[Group]:
    return benchmark(
        _measurements().filter(declaration__software__categories__slug=slug).distinct()
    )


def benchmark_page(groups: list[Group]) -> dict[str, Any]:
    """What the benchmark fragment shows: the charts and the table of the groups shown."""
    shown = [g for g in groups if g.spreads]
    return {"groups": shown, "charts": charts(shown), "hidden_groups": len(groups) - len(shown)}


def organisation_dashboard(organisation: Organisation) -> list[dict[str, Any]]:
    """Each declaration with outcomes: its indicators beside the benchmark of its group."""
    band = population_band(organisation.population)
    rows = []
    declarations = organisation.usage_declarations.select_related("software").order_by(
        "software__name"
    )
    for declaration in declarations:
        own = declaration_indicators(declaration)
        if all(i.value is None for i in own) and not declaration.measurements.exists():
            continue
        group = next(
            (
                g
                for g in software_benchmark(declaration.software)
                if g.kind == organisation.kind and g.band == band
            ),
            None,
        )
        rows.append(
            {
                "declaration": declaration,
                "lines": [(i, group.spread(i.code) if group else None) for i in own],
            }
        )
    return rows


EXPORT_COLUMNS = (
    ("scope", "string", "software or category"),
    ("subject", "string", "slug of the software or identifier of the category"),
    ("organisation_kind", "string", "kind of the organisations compared"),
    (
        "population_band",
        "integer",
        "population band: 0 under 2,000 inhabitants, 1 from 2,000, "
        "2 from 10,000, 3 from 50,000, 4 from 200,000; empty when unknown",
    ),
    ("indicator", "string", "cost_change, interaction_change, satisfaction or payback_years"),
    ("unit", "string", "% or years"),
    ("organisations", "integer", "number of organisations that gave the indicator (at least 5)"),
    ("q1", "number", "first quartile"),
    ("median", "number", "median"),
    ("q3", "number", "third quartile"),
)


def export_rows() -> Iterator[dict[str, Any]]:
    """The public, aggregated figures: only groups of at least five organisations."""
    subjects: list[tuple[str, str, list[Group]]] = []
    software_ids = Measurement.objects.values("declaration__software").distinct()
    for software in Software.objects.filter(pk__in=software_ids).order_by("slug"):
        subjects.append(("software", software.slug, software_benchmark(software)))
    slugs = (
        Measurement.objects.values_list("declaration__software__categories__slug", flat=True)
        .exclude(declaration__software__categories__slug=None)
        .distinct()
    )
    for slug in sorted(set(slugs)):
        subjects.append(("category", slug, category_benchmark(slug)))
    for scope, subject, groups in subjects:
        for group in groups:
            for spread in group.spreads:
                yield {
                    "scope": scope,
                    "subject": subject,
                    "organisation_kind": group.kind,
                    "population_band": group.band,
                    "indicator": spread.code,
                    "unit": spread.unit,
                    "organisations": spread.organisations,
                    "q1": spread.q1,
                    "median": spread.median,
                    "q3": spread.q3,
                }


def export_schema() -> dict[str, Any]:
    """The CSV's Table Schema (frictionless data)."""
    return {
        "fields": [
            {"name": name, "type": type_, "description": description}
            for name, type_, description in EXPORT_COLUMNS
        ],
        "primaryKey": ["scope", "subject", "organisation_kind", "population_band", "indicator"],
        "missingValues": [""],
    }
