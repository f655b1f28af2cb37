"""Writes about usage and membership, each checking who may do it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from communs.catalog.models import Software
from communs.territories.models import Membership, Organisation
from communs.usage.models import UsageDeclaration


class NotAllowed(Exception):
    """The person may not do this; the message says why. Nothing was changed."""

    code = "not_allowed"


@transaction.atomic
def membership_request(*, organisation: Organisation, user: Any) -> Membership:
    membership, _created = Membership.objects.get_or_create(organisation=organisation, user=user)
    return membership


@transaction.atomic
def membership_decide(*, membership: Membership, approve: bool, by: Any) -> Membership:
    organisation = membership.organisation
    if not (getattr(by, "is_staff", False) or organisation.is_admin(by)):
        raise NotAllowed(
            _("Only an administrator of %(name)s or a curator may decide.")
            % {"name": organisation.name}
        )
    membership.status = Membership.Status.APPROVED if approve else Membership.Status.REFUSED
    membership.decided_by = by
    membership.save(update_fields=["status", "decided_by"])
    return membership


@transaction.atomic
def declaration_save(
    *, organisation: Organisation, software: Software, values: dict[str, Any], by: Any
) -> UsageDeclaration:
    """Create or update the organisation's declaration; its history records who and when."""
    if not organisation.is_member(by):
        raise NotAllowed(
            _("Only members of %(name)s may declare in its name.") % {"name": organisation.name}
        )
    declaration = UsageDeclaration.objects.filter(
        organisation=organisation, software=software
    ).first()
    if declaration is None:
        declaration = UsageDeclaration(organisation=organisation, software=software)
    for field, value in values.items():
        setattr(declaration, field, value)
    if declaration.referent_id is None:
        declaration.referent = by
    declaration._history_user = by  # type: ignore[attr-defined]
    declaration.full_clean()
    declaration.save()
    return declaration
