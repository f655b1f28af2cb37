"""Read functions about usage, for the views of any higher layer (no writes here)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from communs.catalog.models import Software
from communs.territories.models import Organisation
from communs.territories.selectors import approved_organisation_ids, first_organisation
from communs.usage.models import ContactMessage, Experience, UsageDeclaration

POPULATION_BANDS = (2_000, 10_000, 50_000, 200_000)
# A software's page lists its first users and links to the paginated list of all of them;
# what it shows never grows with the number of declarations.
USERS_SHOWN = 50
USERS_PAGE_SIZE = 100
PEERS_SHOWN = 10


def organisation_stack(organisation: Organisation) -> list[UsageDeclaration]:
    """What the organisation declares it uses, abandoned software last: the columns its page
    shows (a software's other columns, long texts and dates, cost more to read than the page)."""
    declarations = organisation.usage_declarations.select_related("software", "contractor").only(
        "organisation_id",
        "status",
        "version",
        "since",
        "contractor_name",
        "contract_ends_on",
        "software__name",
        "software__search_name",
        "software__slug",
        "contractor__name",
    )
    return sorted(
        declarations,
        key=lambda d: (
            d.status == UsageDeclaration.Status.ABANDONED,
            d.software.search_name,
            d.software.name,
        ),
    )


def declarable_software(organisation: Organisation) -> QuerySet[Software]:
    """Published software that the organisation has not declared yet."""
    declared = organisation.usage_declarations.values("software")
    return Software.objects.published().exclude(pk__in=declared).order_by("search_name", "name")


def population_band(population: int | None) -> int | None:
    if population is None:
        return None
    return sum(1 for limit in POPULATION_BANDS if population >= limit)


def _band_limits(population: int | None) -> Q:
    """The organisations whose population falls in the same band (an indexed range)."""
    band = population_band(population)
    if band is None:
        return Q(organisation__population__isnull=True)
    limits = (0, *POPULATION_BANDS)
    condition = Q(organisation__population__gte=limits[band])
    if band < len(POPULATION_BANDS):
        condition &= Q(organisation__population__lt=POPULATION_BANDS[band])
    return condition


def _in_use(software: Software) -> QuerySet[UsageDeclaration]:
    return UsageDeclaration.objects.filter(software=software).exclude(
        status=UsageDeclaration.Status.ABANDONED
    )


def peers(mine: Organisation | None, software: Software) -> list[UsageDeclaration]:
    """Declarations by organisations like the visitor's: same kind and population band,
    nearest first, then the closest in population; found by the indexed kind and population,
    at most PEERS_SHOWN."""
    if mine is None:
        return []
    far = 1e9  # organisations without coordinates come after every located one
    distance: Any = Value(far, output_field=FloatField())
    if mine.latitude is not None and mine.longitude is not None:
        distance = Case(
            When(
                organisation__latitude__isnull=False,
                organisation__longitude__isnull=False,
                then=(F("organisation__latitude") - mine.latitude)
                * (F("organisation__latitude") - mine.latitude)
                + (F("organisation__longitude") - mine.longitude)
                * (F("organisation__longitude") - mine.longitude),
            ),
            default=Value(far),
            output_field=FloatField(),
        )
    gap = Func(
        Coalesce(F("organisation__population"), 0) - (mine.population or 0),
        function="ABS",
        output_field=IntegerField(),
    )
    return list(
        _in_use(software)
        .filter(_band_limits(mine.population), organisation__kind=mine.kind)
        .exclude(organisation=mine)
        .select_related("organisation")
        .annotate(distance=distance, gap=gap)
        .order_by("distance", "gap", "pk")[:PEERS_SHOWN]
    )


def usage_summaries(software_ids: list[int]) -> dict[int, dict[str, Any]]:
    """How many organisations use each software, in all and by kind. Kept in the fragments
    cache until a declaration of that software changes; the missing ones are counted in one
    aggregate query."""
    cache = caches["fragments"]
    found = cache.get_many([usage_summary_key(pk) for pk in software_ids])
    summaries = {
        pk: found[usage_summary_key(pk)] for pk in software_ids if usage_summary_key(pk) in found
    }
    missing = [pk for pk in software_ids if pk not in summaries]
    if missing:
        counted: dict[int, dict[str, Any]] = {pk: {"total": 0, "by_kind": {}} for pk in missing}
        rows = (
            UsageDeclaration.objects.filter(software_id__in=missing)
            .exclude(status=UsageDeclaration.Status.ABANDONED)
            .values_list("software_id", "organisation__kind")
            .annotate(n=Count("pk"))
            .order_by("software_id", "organisation__kind")
        )
        for software_id, kind, n in rows:
            counted[software_id]["by_kind"][kind] = n
            counted[software_id]["total"] += n
        cache.set_many({usage_summary_key(pk): value for pk, value in counted.items()})
        summaries.update(counted)
    return summaries


def usage_summary(software: Software) -> dict[str, Any]:
    return usage_summaries([software.pk])[software.pk]


def usage_summary_key(software_id: int) -> str:
    return f"usage-summary:{software_id}"


def software_users(software: Software, user: Any) -> dict[str, Any]:
    """Who uses a software: the first USERS_SHOWN declarations (the earliest), their map
    points, counts by kind, and organisations alike; the rest are on the paginated list."""
    summary = usage_summary(software)
    declarations = list(
        _in_use(software).select_related("organisation").order_by("pk")[:USERS_SHOWN]
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
    return {
        "rows": rows,
        "total": summary["total"],
        "more": summary["total"] > len(rows),
        "kinds": [Organisation.kind_count(kind, n) for kind, n in summary["by_kind"].items()],
        "peers": peers(first_organisation(user), software),
        "points": points,
        "tiles": {"url": settings.MAP_TILES_URL, "attribution": settings.MAP_ATTRIBUTION},
        "signed_in": getattr(user, "is_authenticated", False),
    }


def software_users_page(software: Software, page: str | None) -> Page[UsageDeclaration]:
    """Every organisation that uses the software, by name, one page at a time."""
    declarations = (
        _in_use(software).select_related("organisation").order_by("organisation__search_name", "pk")
    )
    return Paginator(declarations, USERS_PAGE_SIZE).get_page(page)


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
