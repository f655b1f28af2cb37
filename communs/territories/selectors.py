"""Read functions about organisations and memberships, for the views of any higher layer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from communs.territories.models import Membership, Organisation


@dataclass(frozen=True)
class MembershipState:
    """Where the person looking stands in an organisation."""

    membership: Membership | None

    @property
    def state(self) -> str:
        """One of: anonymous, none, requested, refused, member, admin."""
        if self.membership is None:
            return "none"
        if self.membership.status == Membership.Status.APPROVED:
            return "admin" if self.membership.role == Membership.Role.ADMIN else "member"
        return str(self.membership.status)

    @property
    def is_member(self) -> bool:
        return self.state in ("member", "admin")


def membership_state(organisation: Organisation, user: Any) -> MembershipState:
    if not getattr(user, "is_authenticated", False):
        return MembershipState(None)
    return MembershipState(organisation.memberships.filter(user=user).first())


def may_decide(organisation: Organisation, user: Any) -> bool:
    """Administrators of the organisation and curators decide on requests to join."""
    return bool(getattr(user, "is_staff", False)) or organisation.is_admin(user)


def pending_requests(organisation: Organisation, user: Any) -> list[Membership]:
    """The requests to join that this person may decide on (none for anyone else)."""
    if not may_decide(organisation, user):
        return []
    return list(
        organisation.memberships.filter(status=Membership.Status.REQUESTED)
        .select_related("user")
        .order_by("requested_at")
    )


def administrators(organisation: Organisation) -> QuerySet[Any]:
    return get_user_model().objects.filter(
        memberships__organisation=organisation,
        memberships__status=Membership.Status.APPROVED,
        memberships__role=Membership.Role.ADMIN,
        is_active=True,
    )


def curators() -> QuerySet[Any]:
    return get_user_model().objects.filter(is_staff=True, is_active=True)


def user_memberships(user: Any) -> list[Membership]:
    """The person's memberships (approved and asked), each with the requests they decide."""
    if not getattr(user, "is_authenticated", False):
        return []
    memberships = list(
        Membership.objects.filter(user=user)
        .exclude(status=Membership.Status.REFUSED)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    administered = [
        m.organisation_id
        for m in memberships
        if m.status == Membership.Status.APPROVED and m.role == Membership.Role.ADMIN
    ]
    waiting: dict[int, list[Membership]] = {}
    for request in (
        Membership.objects.filter(
            organisation_id__in=administered, status=Membership.Status.REQUESTED
        )
        .select_related("user")
        .order_by("requested_at")
    ):
        waiting.setdefault(request.organisation_id, []).append(request)
    for membership in memberships:
        membership.pending = waiting.get(membership.organisation_id, [])  # type: ignore[attr-defined]
    return memberships


def requests_for_curators(user: Any) -> list[Membership]:
    """For a curator: the requests to join organisations that have no administrator."""
    if not getattr(user, "is_staff", False):
        return []
    administered = Membership.objects.filter(
        status=Membership.Status.APPROVED, role=Membership.Role.ADMIN
    ).values("organisation")
    return list(
        Membership.objects.filter(status=Membership.Status.REQUESTED)
        .exclude(organisation__in=administered)
        .select_related("organisation", "user")
        .order_by("requested_at")[:100]
    )


def approved_organisation_ids(user: Any) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        Membership.objects.filter(user=user, status=Membership.Status.APPROVED).values_list(
            "organisation_id", flat=True
        )
    )


def first_organisation(user: Any) -> Organisation | None:
    """The organisation the person acts for first (their oldest approved membership)."""
    if not getattr(user, "is_authenticated", False):
        return None
    membership = (
        Membership.objects.filter(user=user, status=Membership.Status.APPROVED)
        .select_related("organisation")
        .order_by("requested_at", "pk")
        .first()
    )
    return membership.organisation if membership else None


def member_communes(organisation: Organisation) -> list[Organisation]:
    if organisation.kind != Organisation.Kind.EPCI:
        return []
    return list(organisation.member_communes.order_by("search_name", "name"))
