"""What the home page shows beyond the search: peers' software, recent evaluations, families."""

from __future__ import annotations

from django.db.models import Count, Q

from communs.catalog.models import Software
from communs.evaluations.models import Evaluation
from communs.territories.models import Organisation
from communs.usage.models import UsageDeclaration
from communs.usage.selectors import POPULATION_BANDS, population_band

SHOWN = 6


def _same_band(organisation: Organisation) -> Q:
    band = population_band(organisation.population)
    if band is None:
        return Q(population__isnull=True)
    limits = (0, *POPULATION_BANDS)
    condition = Q(population__gte=limits[band])
    if band < len(POPULATION_BANDS):
        condition &= Q(population__lt=POPULATION_BANDS[band])
    return condition


def used_by_organisations_like(organisation: Organisation) -> list[Software]:
    """Software that organisations of the same kind and population band use, most used first;
    each carries `peer_count`."""
    peers = Organisation.objects.filter(_same_band(organisation), kind=organisation.kind).exclude(
        pk=organisation.pk
    )
    declared = UsageDeclaration.objects.filter(organisation__in=peers).exclude(
        status=UsageDeclaration.Status.ABANDONED
    )
    return list(
        Software.objects.published()
        .filter(usage_declarations__in=declared)
        .annotate(
            peer_count=Count(
                "usage_declarations__organisation",
                filter=Q(usage_declarations__in=declared),
                distinct=True,
            )
        )
        .order_by("-peer_count", "search_name")
        .prefetch_related("categories")[:SHOWN]
    )


def recently_evaluated() -> list[Software]:
    """The published software evaluated last, newest first: read from the newest evaluations
    down (an index on the date), never by ranking every software."""
    latest = Evaluation.objects.filter(software__status=Software.Status.PUBLISHED).newest_software(
        SHOWN
    )
    found = list(Software.objects.filter(pk__in=latest).prefetch_related("categories"))
    for software in found:
        software.last_evaluated = latest[software.pk]  # type: ignore[attr-defined]
    return sorted(found, key=lambda s: (-latest[s.pk].timestamp(), s.search_name))
