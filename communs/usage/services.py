"""Writes about usage, each checking who may do it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from communs.catalog.models import Software
from communs.territories.models import Organisation
from communs.territories.services import NotAllowed
from communs.usage.models import ContactMessage, Experience, UsageDeclaration


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
def experience_update(*, experience: Experience, values: dict[str, Any], by: Any) -> Experience:
    if not experience.can_be_edited_by(by):
        raise NotAllowed(_("Only the author of this experience may change it."))
    for field, value in values.items():
        setattr(experience, field, value)
    experience.full_clean()
    experience.save()
    return experience


@transaction.atomic
def experience_withdraw(*, experience: Experience, by: Any) -> None:
    """The author takes their experience back: it is deleted."""
    if not experience.can_be_edited_by(by):
        raise NotAllowed(_("Only the author of this experience may withdraw it."))
    experience.delete()


@transaction.atomic
def contact_referent(
    *,
    declaration: UsageDeclaration,
    sender: Any,
    body: str,
    reply_to: str,
    sender_organisations: list[str],
    declaration_url: str,
) -> ContactMessage:
    """Send a message to the referent without showing their address; a few a day at most."""
    from datetime import timedelta

    from django.core.mail import EmailMessage
    from django.utils import timezone

    referent = declaration.referent
    if referent is None or not referent.email or not declaration.referent_contactable:
        raise NotAllowed(_("The referent of this declaration has not agreed to be contacted."))
    if referent.pk == sender.pk:
        raise NotAllowed(
            _("You are the referent of this declaration: you cannot write to yourself.")
        )
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
    values = {
        "software": declaration.software.name,
        "organisation": declaration.organisation.name,
        "sender": sender.get_full_name() or sender.username,
        "sender_organisations": ", ".join(sender_organisations)
        or _("no organisation on Communs yet"),
        "link": declaration_url,
    }
    subject = _("%(sender)s writes to you about %(software)s through Communs") % values
    header = (
        _(
            "%(sender)s (%(sender_organisations)s) writes to you as the referent of "
            "%(software)s at %(organisation)s (%(link)s). Answer this email to reply: "
            "your address stays hidden until you do."
        )
        % values
    )
    body_text = f"{header}\n\n---\n\n{message.body}\n"
    email = EmailMessage(subject, body_text, to=[referent.email], reply_to=[reply_to])
    email.send()
    return message
