"""Writes about usage and membership, each checking who may do it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from communs.catalog.models import Software
from communs.territories.models import Membership, Organisation
from communs.usage.models import ContactMessage, Experience, UsageDeclaration


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


CONTACTS_PER_DAY = 5


@transaction.atomic
def experience_create(
    *, organisation: Organisation, software: Software, values: dict[str, Any], by: Any
) -> Experience:
    if not organisation.is_member(by):
        raise NotAllowed(
            _("Only members of %(name)s may write in its name.") % {"name": organisation.name}
        )
    experience = Experience(organisation=organisation, software=software, author=by, **values)
    experience.full_clean()
    experience.save()
    return experience


@transaction.atomic
def contact_referent(
    *, declaration: UsageDeclaration, sender: Any, body: str, reply_to: str
) -> ContactMessage:
    """Send a message to the referent without showing their address; a few a day at most."""
    from datetime import timedelta

    from django.core.mail import EmailMessage
    from django.utils import timezone

    referent = declaration.referent
    if referent is None or not referent.email or not declaration.referent_contactable:
        raise NotAllowed(_("The referent of this declaration has not agreed to be contacted."))
    recent = ContactMessage.objects.filter(
        sender=sender, sent_at__gt=timezone.now() - timedelta(days=1)
    )
    if recent.count() >= CONTACTS_PER_DAY:
        raise NotAllowed(
            _("You have sent %(count)d messages today: try again tomorrow.")
            % {"count": CONTACTS_PER_DAY}
        )
    message = ContactMessage(declaration=declaration, sender=sender, body=body.strip())
    message.full_clean()
    message.save()
    subject = _("A message about %(software)s through Communs") % {
        "software": declaration.software.name
    }
    EmailMessage(subject, message.body, to=[referent.email], reply_to=[reply_to]).send()
    return message


@transaction.atomic
def organisation_request(*, values: dict[str, Any], by: Any) -> Organisation:
    """Add an organisation for a curator to confirm; its requester asks to administer it."""
    organisation = Organisation(confirmed=False, **values)
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(organisation=organisation, user=by, role=Membership.Role.ADMIN)
    return organisation
