"""Read functions about usage, for the views of any higher layer (no writes here)."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from communs.catalog.models import Software
from communs.territories.models import Organisation
from communs.territories.selectors import approved_organisation_ids, first_organisation
from communs.usage.models import ContactMessage, Experience, UsageDeclaration

POPULATION_BANDS = (2_000, 10_000, 50_000, 200_000)


def organisation_stack(organisation: Organisation) -> list[UsageDeclaration]:
    """What the organisation declares it uses, abandoned software last."""
    declarations = organisation.usage_declarations.select_related("software")
    return sorted(
        declarations,
        key=lambda d: (d.status == UsageDeclaration.Status.ABANDONED, d.software.name.lower()),
    )


def declarable_software(organisation: Organisation) -> QuerySet[Software]:
    """Published software that the organisation has not declared yet."""
    declared = organisation.usage_declarations.values("software")
    return Software.objects.published().exclude(pk__in=declared).order_by("name")


def population_band(population: int | None) -> int | None:
    if population is None:
        return None
    return sum(1 for limit in POPULATION_BANDS if population >= limit)


def distance(a: Organisation, b: Organisation) -> float:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return math.inf
    return math.dist((a.latitude, a.longitude), (b.latitude, b.longitude))  # type: ignore[arg-type]


def peers(
    mine: Organisation | None, declarations: list[UsageDeclaration]
) -> list[UsageDeclaration]:
    """Declarations by organisations like the visitor's: same kind and population band."""
    if mine is None:
        return []
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


def software_users(software: Software, user: Any) -> dict[str, Any]:
    """Who uses a software: the list, the map's points, counts by kind, organisations alike."""
    declarations = list(
        UsageDeclaration.objects.filter(software=software)
        .exclude(status=UsageDeclaration.Status.ABANDONED)
        .select_related("organisation")
    )
    member_of = approved_organisation_ids(user)
    rows = [
        {
            "declaration": d,
            "show_instance": bool(d.instance_url)
            and (d.instance_public or d.organisation_id in member_of),
            # Nobody writes to themselves, nor to a colleague through the platform.
            "contactable": bool(d.referent_id)
            and d.referent_contactable
            and d.referent_id != getattr(user, "pk", None),
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
        "rows": rows,
        "kinds": [Organisation.kind_count(kind, n) for kind, n in sorted(kinds.items())],
        "peers": peers(first_organisation(user), declarations),
        "points": points,
        "tiles": {"url": settings.MAP_TILES_URL, "attribution": settings.MAP_ATTRIBUTION},
        "signed_in": getattr(user, "is_authenticated", False),
    }


def user_declarations(user: Any) -> list[UsageDeclaration]:
    """The declarations of the organisations the person is an approved member of."""
    return list(
        UsageDeclaration.objects.filter(organisation_id__in=approved_organisation_ids(user))
        .select_related("organisation", "software")
        .order_by("organisation__name", "software__name")
    )


def user_experiences(user: Any) -> list[Experience]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Experience.objects.filter(author=user)
        .select_related("organisation", "software")
        .order_by("-created_at")
    )


def user_messages(user: Any) -> list[ContactMessage]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        ContactMessage.objects.filter(sender=user)
        .select_related("declaration__organisation", "declaration__software")
        .order_by("-sent_at")[:50]
    )
