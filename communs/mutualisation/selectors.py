"""Read functions about needs and campaigns, for this app's views and the web layer."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from communs.mutualisation.models import Campaign, Endorsement, Need, Pledge
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
        ).order_by("name")
    )


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
    if category:
        needs = needs.filter(Q(category__slug=category) | Q(software__categories__slug=category))
    if territory is not None:
        needs = needs.in_territory(territory)
    if status:
        needs = needs.filter(status=status)
    order = ["-endorsement_count", "-created_at"] if sort == "endorsements" else ["-created_at"]
    return needs.select_related("software", "category", "raised_by").distinct().order_by(*order)


def proposed_needs_for(user: Any) -> QuerySet[Need]:
    """Proposed needs this person may accept: all for curators, their software's for maintainers."""
    needs = Need.objects.filter(status=Need.Status.PROPOSED)
    if getattr(user, "is_staff", False):
        return needs
    return needs.filter(software__maintainers__user=user)


def user_endorsements(user: Any) -> QuerySet[Endorsement]:
    return Endorsement.objects.filter(by=user).select_related("need", "organisation")


def user_pledges(user: Any) -> QuerySet[Pledge]:
    return Pledge.objects.filter(by=user).select_related("campaign", "organisation")


def campaign_split(campaign: Campaign, method: str, weights: list[Decimal]) -> list[Share]:
    """Each pledging organisation's share of the target, and its saving against paying alone."""
    standing = Pledge.objects.filter(campaign=campaign).exclude(state=Pledge.State.RELEASED)
    members = list(
        Organisation.objects.filter(pk__in=standing.values("organisation")).order_by("name")
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
