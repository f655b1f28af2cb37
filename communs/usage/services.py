"""Writes about usage, each checking who may do it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communs.catalog.models import Software
from communs.french import with_prepositions
from communs.territories.models import Membership, Organisation
from communs.territories.services import NotAllowed
from communs.usage.models import Answer, ContactMessage, Experience, UsageDeclaration


@transaction.atomic
def declaration_save(
    *, organisation: Organisation, software: Software, values: dict[str, Any], by: Any
) -> UsageDeclaration:
    """Create or update the organisation's declaration; its history records who and when."""
    if not organisation.is_member(by):
        raise NotAllowed(
            with_prepositions(
                _("Only members of %(name)s may declare in its name.")
                % {"name": organisation.name},
                organisation,
            )
        )
    declaration = UsageDeclaration.objects.filter(
        organisation=organisation, software=software
    ).first()
    if declaration is None:
        declaration = UsageDeclaration(organisation=organisation, software=software)
    if declaration.referent_id is None:
        declaration.referent = by
    consent = values.get("referent_contactable", declaration.referent_contactable)
    if consent != declaration.referent_contactable and declaration.referent_id != by.pk:
        raise NotAllowed(_("Only the referent may give or withdraw their consent to be contacted."))
    for field, value in values.items():
        setattr(declaration, field, value)
    declaration._history_user = by  # type: ignore[attr-defined]
    declaration.full_clean()
    declaration.save()
    return declaration


CONTACTS_PER_DAY = 5  # from one sender
CONTACTS_PER_RECIPIENT_PER_DAY = 5  # to one referent, whoever sends them


@transaction.atomic
def experience_create(
    *, organisation: Organisation, software: Software, values: dict[str, Any], by: Any
) -> Experience:
    if not organisation.is_member(by):
        raise NotAllowed(
            with_prepositions(
                _("Only members of %(name)s may write in its name.") % {"name": organisation.name},
                organisation,
            )
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


def answering_organisations(user: Any) -> list[Organisation]:
    """The organisations in whose name a person may answer a difficulty: those confirmed by
    a curator where they are an approved member (an answer, like an experience, speaks for
    an organisation, which the open data names; a person is never named)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Organisation.objects.filter(
            confirmed=True,
            memberships__user=user,
            memberships__status=Membership.Status.APPROVED,
        )
        .distinct()
        .order_by("search_name", "name")
    )


@transaction.atomic
def answer_create(
    *, experience: Experience, organisation: Organisation, body: str, by: Any
) -> Answer:
    """Answer a published difficulty in the name of one of the person's organisations. The
    alerts job tells the members of the organisation that published the difficulty."""
    if (
        experience.kind != Experience.Kind.DIFFICULTY
        or experience.moderation != Experience.Moderation.PUBLISHED
    ):
        raise NotAllowed(_("Only published difficulties take answers."))
    if organisation not in answering_organisations(by):
        raise NotAllowed(
            with_prepositions(
                _("Only members of %(name)s may answer in its name, once a curator confirmed it.")
                % {"name": organisation.name},
                organisation,
            )
        )
    answer = Answer(experience=experience, organisation=organisation, author=by, body=body)
    answer.full_clean()
    answer.save()
    return answer


class ContactLimitReached(NotAllowed):
    """Too many messages today, from this sender or to this referent."""

    code = "contact_limit"

    def __init__(self, message: str, *, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def contact_referent(
    *,
    declaration: UsageDeclaration,
    sender: Any,
    body: str,
    reply_to: str,
    sender_organisations: list[str],
    declaration_url: str,
) -> ContactMessage:
    """Send a message to the referent without showing their address; a few a day at most.

    At most CONTACTS_PER_DAY messages a day from one sender, and CONTACTS_PER_RECIPIENT_PER_DAY
    to one referent whoever sends them, even when several requests arrive at once.
    """
    referent = declaration.referent
    if referent is None or not referent.email or not declaration.referent_contactable:
        raise NotAllowed(_("The referent of this declaration has not agreed to be contacted."))
    if referent.pk == sender.pk:
        raise NotAllowed(
            _("You are the referent of this declaration: you cannot write to yourself.")
        )
    message = ContactMessage(
        declaration=declaration, sender=sender, recipient=referent, body=body.strip()
    )
    message.full_clean()  # before the transaction: its checks read the database
    with transaction.atomic():
        # Insert first, count after. On SQLite the insert takes the database's write lock
        # before anything is read, so concurrent sends wait for each other instead of
        # failing; on PostgreSQL the row locks below make concurrent sends by the same sender
        # or to the same referent count one after the other, each seeing the others' rows.
        message.save()
        list(
            get_user_model()
            .objects.select_for_update()
            .filter(pk__in=[sender.pk, referent.pk])
            .order_by("pk")
        )
        _contact_within_limits(message)
    # Sent once the message is committed: a refused message is never emailed.
    values = {
        "software": declaration.software.name,
        "organisation": declaration.organisation.name,
        "sender": sender.get_full_name() or sender.username,
        "sender_organisations": ", ".join(sender_organisations)
        or _("no organisation on Communs yet"),
        "link": declaration_url,
    }
    names = (declaration.organisation, declaration.software.name)
    subject = with_prepositions(
        _("%(sender)s writes to you about %(software)s through Communs") % values, *names
    )
    header = (
        _(
            "%(sender)s (%(sender_organisations)s) writes to you as the referent of "
            "%(software)s at %(organisation)s (%(link)s). Answer this email to reply: "
            "your address stays hidden until you do."
        )
        % values
    )
    header = with_prepositions(header, *names)
    body_text = f"{header}\n\n---\n\n{message.body}\n"
    email = EmailMessage(subject, body_text, to=[referent.email], reply_to=[reply_to])
    email.send()
    return message


def _contact_within_limits(message: ContactMessage) -> None:
    since = timezone.now() - timedelta(days=1)
    recent = ContactMessage.objects.filter(sent_at__gt=since)
    for messages, limit, text in (
        (
            recent.filter(sender=message.sender_id),
            CONTACTS_PER_DAY,
            _("You have sent %(count)d messages in 24 hours."),
        ),
        (
            recent.filter(recipient=message.recipient_id),
            CONTACTS_PER_RECIPIENT_PER_DAY,
            _("This referent has received %(count)d messages in 24 hours."),
        ),
    ):
        if messages.count() > limit:
            oldest = messages.exclude(pk=message.pk).earliest("sent_at").sent_at
            raise ContactLimitReached(
                text % {"count": limit},
                retry_after=(oldest + timedelta(days=1) - timezone.now()).total_seconds(),
            )
