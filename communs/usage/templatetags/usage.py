from __future__ import annotations

import math
from collections import Counter
from typing import Any

from django import template
from django.conf import settings

from communs.territories.models import Membership, Organisation
from communs.usage.models import UsageDeclaration

register = template.Library()
POPULATION_BANDS = (2_000, 10_000, 50_000, 200_000)


def population_band(population: int | None) -> int | None:
    if population is None:
        return None
    return sum(1 for limit in POPULATION_BANDS if population >= limit)


def distance(a: Organisation, b: Organisation) -> float:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return math.inf
    return math.dist((a.latitude, a.longitude), (b.latitude, b.longitude))  # type: ignore[arg-type]


def peers(user: Any, declarations: list[UsageDeclaration]) -> list[UsageDeclaration]:
    """Declarations by organisations like the visitor's: same kind and population band."""
    if not getattr(user, "is_authenticated", False):
        return []
    membership = (
        Membership.objects.filter(user=user, status="approved")
        .select_related("organisation")
        .first()
    )
    if membership is None:
        return []
    mine = membership.organisation
    band = population_band(mine.population)
    alike = [
        d
        for d in declarations
        if d.organisation != mine
        and d.organisation.kind == mine.kind
        and population_band(d.organisation.population) == band
    ]
    return sorted(
        alike,
        key=lambda d: (
            distance(mine, d.organisation),
            abs((d.organisation.population or 0) - (mine.population or 0)),
        ),
    )


@register.inclusion_tag("usage/_users.html", takes_context=True)
def software_users(context: dict[str, Any], software: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    declarations = list(
        UsageDeclaration.objects.filter(software=software)
        .exclude(status=UsageDeclaration.Status.ABANDONED)
        .select_related("organisation")
    )
    member_of = set()
    if getattr(user, "is_authenticated", False):
        member_of = set(
            Membership.objects.filter(user=user, status="approved").values_list(
                "organisation_id", flat=True
            )
        )
    rows = [
        {
            "declaration": d,
            "show_instance": bool(d.instance_url)
            and (d.instance_public or d.organisation_id in member_of),
        }
        for d in declarations
    ]
    points = [
        {
            "name": d.organisation.name,
            "lat": d.organisation.latitude,
            "lon": d.organisation.longitude,
        }
        for d in declarations
        if d.organisation.latitude is not None and d.organisation.longitude is not None
    ]
    kinds = Counter(d.organisation.kind for d in declarations)
    return {
        "software": software,
        "rows": rows,
        "kinds": [Organisation.kind_count(kind, n) for kind, n in sorted(kinds.items())],
        "peers": peers(user, declarations),
        "points": points,
        "tiles": {"url": settings.MAP_TILES_URL, "attribution": settings.MAP_ATTRIBUTION},
        "signed_in": getattr(user, "is_authenticated", False),
    }
