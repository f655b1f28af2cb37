"""Read functions about needs and campaigns, for this app's views and the web layer."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from communs.catalog.models import Category, Software
from communs.catalog.search import fold
from communs.evaluations.models import Evaluation
from communs.mutualisation.models import (
    Campaign,
    Endorsement,
    FundingScheme,
    Need,
    Pledge,
    SharedProject,
)
from communs.mutualisation.split import Share, split
from communs.resources.models import Resource
from communs.territories.models import Membership, Organisation


def member_organisations(user: Any) -> list[Organisation]:
    """The organisations in whose name the person may act."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Organisation.objects.filter(
            memberships__user=user, memberships__status=Membership.Status.APPROVED
        ).order_by("search_name", "name")
    )


def need_software_options(selected: str, limit: int) -> tuple[list[tuple[str, str]], bool]:
    """The software the needs filter lists, by name: the ``limit`` with the most visible needs
    (and the one selected); true when more software have needs than that (the others are
    found by name through the search field)."""
    counted = (
        Need.objects.visible()
        .filter(software__status=Software.Status.PUBLISHED)
        .values("software")
        .annotate(n=Count("pk"))
        .order_by("-n", "software__name")
    )
    ids = list(counted.values_list("software", flat=True)[: limit + 1])
    capped = len(ids) > limit
    shown = Q(pk__in=ids[:limit])
    if selected:  # kept in the list whatever its rank, so that the filter shows it
        shown |= Q(slug=selected, pk__in=Need.objects.visible().values("software"))
    listed = (
        Software.objects.filter(shown).order_by("search_name", "name").values_list("slug", "name")
    )
    return list(listed), capped


def need_list(
    *,
    text: str = "",
    software: str = "",
    category: str = "",
    territory: Organisation | None = None,
    status: str = "",
    sort: str = "",
) -> QuerySet[Need]:
    needs = Need.objects.visible().search(text).with_counts()
    if software:
        needs = needs.filter(software__slug=software)
    if category:  # the need's category or its software's, without a join that repeats rows
        in_category = Need.objects.filter(
            Q(category__slug=category) | Q(software__categories__slug=category)
        ).values("pk")
        needs = needs.filter(pk__in=in_category)
    if territory is not None:
        needs = needs.in_territory(territory)
    if status:
        needs = needs.filter(status=status)
    order = {
        "endorsements": ["-endorsement_count", "-population_served", "-created_at"],
        "population": ["-population_served", "-endorsement_count", "-created_at"],
    }.get(sort, ["-created_at"])
    return needs.select_related("software", "category", "raised_by").order_by(*order, "-pk")


def need_categories() -> list[tuple[str, list[tuple[Category, int]]]]:
    """The category filter's choices: first those with listed needs (theirs or their
    software's), then the others, each group sorted by its label as read, accents aside."""
    # Two grouped reads of the listed needs (theirs, their software's): counting from the
    # categories joined to both took seconds at national scale.
    counts: dict[int, int] = {}
    visible = Need.objects.visible().order_by()
    for way in ("category", "software__categories"):
        for pk, n in (
            visible.filter(**{f"{way}__isnull": False})
            .values_list(way)
            .annotate(n=Count("pk", distinct=True))
            .values_list(way, "n")
        ):
            counts[pk] = counts.get(pk, 0) + n
    categories = Category.objects.all().as_read()
    return [
        (str(_("With shared needs")), [(c, counts[c.pk]) for c in categories if counts.get(c.pk)]),
        (str(_("Other categories")), [(c, 0) for c in categories if not counts.get(c.pk)]),
    ]


def need_territories() -> dict[str, list[tuple[int | str, str]]]:
    """The région and département filters' choices, in one query."""
    choices: dict[str, list[tuple[int | str, str]]] = {"region": [], "departement": []}
    rows = (
        Organisation.objects.filter(kind__in=choices)
        .order_by()
        .values_list("kind", "pk", "insee_code", "name")
    )
    for kind, pk, code, name in sorted(rows, key=lambda row: (row[2], row[3])):
        choices[kind].append((pk, f"{code} {name}" if kind == "departement" else name))
    choices["region"].sort(key=lambda choice: fold(choice[1]))
    for name in choices:
        choices[name].insert(0, ("", str(_("All"))))
    return choices


def proposed_needs_for(user: Any) -> QuerySet[Need]:
    """Proposed needs this person may accept: all for curators, their software's for maintainers."""
    needs = Need.objects.filter(status=Need.Status.PROPOSED, merged_into__isnull=True)
    if getattr(user, "is_staff", False):
        return needs
    return needs.filter(software__maintainers__user=user)


def user_endorsements(user: Any) -> QuerySet[Endorsement]:
    return Endorsement.objects.filter(by=user).select_related("need", "organisation")


def user_pledges(user: Any) -> QuerySet[Pledge]:
    return Pledge.objects.filter(by=user).select_related("campaign", "organisation")


def awaiting_pledges_for(user: Any) -> QuerySet[Pledge]:
    """Pledges above their organisation's limit that this person, an administrator, confirms."""
    if not getattr(user, "is_authenticated", False):
        return Pledge.objects.none()
    return Pledge.objects.filter(
        state=Pledge.State.AWAITING,
        organisation__memberships__user=user,
        organisation__memberships__status=Membership.Status.APPROVED,
        organisation__memberships__role=Membership.Role.ADMIN,
    ).select_related("campaign", "organisation")


def campaign_split(campaign: Campaign, method: str, weights: list[Decimal]) -> list[Share]:
    """Each pledging organisation's share of the target, and its saving against paying alone."""
    standing = Pledge.objects.filter(campaign=campaign).exclude(state=Pledge.State.RELEASED)
    members = list(
        Organisation.objects.filter(pk__in=standing.values("organisation")).order_by(
            "search_name", "name"
        )
    )
    if not members:
        return []
    if method == "population":
        pairs = [(m.name, Decimal(m.population or 0)) for m in members]
    elif method == "custom":
        if len(weights) != len(members):
            raise ValueError("one weight per member")
        pairs = [(m.name, w) for m, w in zip(members, weights, strict=True)]
    else:
        pairs = [(m.name, Decimal(1)) for m in members]
    return split(campaign.target, pairs)


# Shared projects -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberMoney:
    """What an organisation put into the project's campaigns, and what they would have cost
    it alone (each campaign's whole target)."""

    organisation: Organisation
    pooled: Decimal
    alone: Decimal

    @property
    def saving(self) -> Decimal:
        return self.alone - self.pooled


def project_roadmap(project: SharedProject) -> list[tuple[Need, list[Campaign]]]:
    """The project's needs (those of its codebase, listed), each with its public campaigns."""
    needs = (
        Need.objects.visible()
        .filter(software=project.software_id)
        .exclude(status=Need.Status.DECLINED)
        .with_counts()
        .prefetch_related(
            Prefetch(
                "campaigns",
                queryset=Campaign.objects.public().prefetch_related("milestones"),
                to_attr="public_campaigns",
            )
        )
    )
    order = {status: index for index, status in enumerate(ROADMAP_ORDER)}
    ordered = sorted(needs, key=lambda need: (order.get(need.status, 9), -need.endorsement_count))
    return [(need, need.public_campaigns) for need in ordered]


# In progress first, then what is funded, open, and finally what is delivered.
ROADMAP_ORDER = ["in-progress", "funded", "open", "delivered"]


def project_money(project: SharedProject) -> list[MemberMoney]:
    """Per organisation, its confirmed pledges on the project's campaigns against the targets."""
    pledges = (
        Pledge.objects.filter(campaign__need__software=project.software_id)
        .exclude(state__in=[Pledge.State.RELEASED, Pledge.State.AWAITING])
        .exclude(campaign__state__in=["draft", "expired", "cancelled"])
        .select_related("organisation", "campaign")
    )
    pooled: dict[int, Decimal] = {}
    campaigns: dict[int, dict[int, Decimal]] = {}
    organisations: dict[int, Organisation] = {}
    for pledge in pledges:
        organisations[pledge.organisation_id] = pledge.organisation
        pooled[pledge.organisation_id] = pooled.get(pledge.organisation_id, Decimal(0)) + (
            pledge.amount
        )
        campaigns.setdefault(pledge.organisation_id, {})[pledge.campaign_id] = (
            pledge.campaign.target
        )
    return sorted(
        (
            MemberMoney(organisations[pk], pooled[pk], sum(campaigns[pk].values(), Decimal(0)))
            for pk in organisations
        ),
        key=lambda row: row.organisation.name,
    )


def project_contributors(project: SharedProject) -> dict[str, float] | None:
    """Organisations behind the codebase's commits (last 24 months, in percent), as the
    latest evaluation's facts found them from the authors' e-mail domains; None when the
    codebase has no evaluation yet."""
    evaluation = Evaluation.objects.filter(software=project.software_id).first()
    if evaluation is None:
        return None
    try:
        return dict(evaluation.reading.facts.top_organisations_24m)
    except (ValueError, KeyError, AttributeError):  # an unreadable old report: say nothing
        return None


# Public funding schemes ----------------------------------------------------------------------


@dataclass(frozen=True)
class SchemeMatch:
    scheme: FundingScheme
    organisations: list[Organisation]
    grant: Decimal  # what the scheme would fund of the campaign's target


def campaign_schemes(campaign: Campaign, today: Any) -> list[SchemeMatch]:
    """Open schemes that at least one of the campaign's members (its coordinator and its
    standing pledgers) is eligible for, with who."""
    standing = campaign.pledges.exclude(state=Pledge.State.RELEASED).values("organisation")
    members = list(
        Organisation.objects.filter(Q(pk=campaign.coordinator_id) | Q(pk__in=standing)).order_by(
            "name"
        )
    )
    matches = []
    for scheme in FundingScheme.objects.prefetch_related("territories"):
        if not scheme.is_open_on(today):
            continue
        territory_ids = {territory.pk for territory in scheme.territories.all()}
        eligible = [m for m in members if scheme.admits(m, territory_ids)]
        if eligible:
            matches.append(SchemeMatch(scheme, eligible, scheme.grant_for(campaign.target)))
    return matches


def campaigns_citing(resource: Resource) -> list[Campaign]:
    """The campaigns past their draft that cite the resource."""
    return list(
        resource.citing_campaigns.exclude(state=Campaign.State.DRAFT)
        .select_related("coordinator")
        .order_by("-created_at")
    )


def citable_resources(campaign: Campaign) -> QuerySet[Resource]:
    """Published resources of the need's software (or of its category), not cited yet."""
    need = campaign.need
    found = Resource.objects.published()
    if need.software_id:
        found = found.filter(software_id=need.software_id)
    elif need.category_id:
        found = found.filter(software__categories=need.category_id)
    else:
        return Resource.objects.none()
    return found.exclude(pk__in=campaign.cited_resources.values("pk")).order_by("title")
