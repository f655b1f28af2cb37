"""Writes of pooling: each one checks rights and states, records its transitions, and tells
the people concerned by email once the transaction is committed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communs.mutualisation.errors import PoolingError
from communs.mutualisation.models import (
    Campaign,
    Comment,
    Endorsement,
    Milestone,
    Need,
    Pledge,
    Quote,
    Transition,
)
from communs.mutualisation.states import (
    CAMPAIGN_TRANSITIONS,
    NEED_STATUS_FOR_CAMPAIGN,
    PLEDGE_TRANSITIONS,
)
from communs.resources.models import Resource
from communs.territories.models import Organisation


def _notify(recipients: list[Any], subject: str, body: str) -> None:
    # Each recipient gets their own message: nobody sees the others' addresses.
    for address in sorted({user.email for user in recipients if user and user.email}):
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])


def _followers(need: Need) -> list[Any]:
    """Everyone who endorsed, pledged or commented on the need (as people)."""
    users = get_user_model().objects.filter(
        pk__in=[
            *Endorsement.objects.filter(need=need).values_list("by", flat=True),
            *Pledge.objects.filter(campaign__need=need).values_list("by", flat=True),
            *Comment.objects.filter(need=need).values_list("author", flat=True),
        ]
    )
    return list(users)


def _member_or_refuse(organisation: Organisation, user: Any) -> None:
    if not organisation.is_member(user):
        raise PoolingError(
            "not_member",
            _("Only members of %(name)s may act in its name.") % {"name": organisation.name},
        )


def _positive(amount: Decimal | None, *, field: str) -> None:
    if amount is not None and amount <= 0:
        raise PoolingError("bad_amount", _("%(field)s must be above zero.") % {"field": field})


# Needs ---------------------------------------------------------------------------------------


@transaction.atomic
def need_propose(
    *,
    title: str,
    description: str,
    by: Any,
    software: Any = None,
    category: Any = None,
    organisation: Organisation | None = None,
) -> Need:
    """Anyone signed in proposes a need; it waits for a curator or a maintainer to accept it."""
    if software is None and category is None:
        raise PoolingError("no_subject", _("Choose a software or a category."))
    if organisation is not None:
        _member_or_refuse(organisation, by)
    return Need.objects.create(
        title=title,
        description=description,
        software=software,
        category=category,
        raised_by=organisation,
        proposed_by=by,
    )


@transaction.atomic
def need_decide(*, need: Need, accept: bool, by: Any, reason: str = "") -> Need:
    need = Need.objects.select_for_update().get(pk=need.pk)
    if not need.may_be_decided_by(by):
        raise PoolingError(
            "not_allowed", _("Only a curator or the software's maintainers may decide.")
        )
    if need.status != Need.Status.PROPOSED:
        raise PoolingError("already_decided", _("This need was already decided."))
    if not accept and not reason.strip():
        raise PoolingError("reason_required", _("Say why the need is declined."))
    need.status = Need.Status.OPEN if accept else Need.Status.DECLINED
    need.decline_reason = "" if accept else reason.strip()
    need.save(update_fields=["status", "decline_reason"])
    return need


@transaction.atomic
def need_endorse(
    *, need: Need, organisation: Organisation, by: Any, context: str, budget: Decimal | None
) -> Endorsement:
    _member_or_refuse(organisation, by)
    if need.status in (Need.Status.PROPOSED, Need.Status.DECLINED):
        raise PoolingError("need_not_open", _("This need cannot be endorsed now."))
    _positive(budget, field=_("The budget"))
    endorsement, _created = Endorsement.objects.update_or_create(
        need=need,
        organisation=organisation,
        defaults={"context": context, "budget": budget, "by": by},
    )
    return endorsement


@transaction.atomic
def comment_add(*, need: Need, by: Any, body: str) -> Comment:
    if not body.strip():
        raise PoolingError("empty_comment", _("Write a comment first."))
    return Comment.objects.create(need=need, author=by, body=body.strip())


@transaction.atomic
def comment_hide(*, comment: Comment, by: Any, reason: str) -> Comment:
    if not getattr(by, "is_staff", False):
        raise PoolingError("not_allowed", _("Only curators moderate comments."))
    if not reason.strip():
        raise PoolingError("reason_required", _("Say why the comment is hidden."))
    comment.moderation = Comment.Moderation.HIDDEN
    comment.moderation_reason = reason.strip()
    comment.save(update_fields=["moderation", "moderation_reason"])
    return comment


# Campaigns -----------------------------------------------------------------------------------


@transaction.atomic
def campaign_create(*, need: Need, by: Any, values: dict[str, Any]) -> Campaign:
    coordinator = values["coordinator"]
    _member_or_refuse(coordinator, by)
    if need.status not in (Need.Status.OPEN, Need.Status.FUNDED):
        raise PoolingError("need_not_open", _("A campaign starts from an open need."))
    _positive(values["target"], field=_("The target"))
    if values["deadline"] <= timezone.localdate():
        raise PoolingError("past_deadline", _("The deadline must be in the future."))
    campaign = Campaign.objects.create(need=need, created_by=by, **values)
    Transition.objects.create(campaign=campaign, source="", target=campaign.state, by=by)
    return campaign


@transaction.atomic
def quote_add(*, campaign: Campaign, by: Any, values: dict[str, Any]) -> Quote:
    if not campaign.may_be_run_by(by):
        raise PoolingError("not_coordinator", _("Only the coordinating organisation adds quotes."))
    if campaign.state not in (Campaign.State.DRAFT, Campaign.State.OPEN):
        raise PoolingError("campaign_closed", _("Quotes are added before funding."))
    if values["valid_until"] < timezone.localdate():
        raise PoolingError("quote_expired", _("This quote is no longer valid."))
    _positive(values["amount_excl_vat"], field=_("The amount excluding VAT"))
    if values["amount_incl_vat"] < values["amount_excl_vat"]:
        raise PoolingError(
            "vat_below_net", _("The amount including VAT cannot be below the amount excluding it.")
        )
    return Quote.objects.create(campaign=campaign, **values)


def _move(campaign: Campaign, target: str, by: Any) -> None:
    if target not in CAMPAIGN_TRANSITIONS[campaign.state]:
        raise PoolingError(
            "transition_refused",
            _("A campaign cannot go from “%(source)s” to “%(target)s”.")
            % {
                "source": Campaign.State(campaign.state).label,
                "target": Campaign.State(target).label,
            },
        )
    Transition.objects.create(campaign=campaign, source=campaign.state, target=target, by=by)
    campaign.state = target
    campaign.save(update_fields=["state"])
    status = NEED_STATUS_FOR_CAMPAIGN.get(target)
    if status:
        Need.objects.filter(pk=campaign.need_id).update(status=status)


def _move_pledge(pledge: Pledge, target: str, by: Any) -> None:
    if target not in PLEDGE_TRANSITIONS[pledge.state]:
        raise PoolingError(
            "transition_refused",
            _("A pledge cannot go from “%(source)s” to “%(target)s”.")
            % {"source": Pledge.State(pledge.state).label, "target": Pledge.State(target).label},
        )
    Transition.objects.create(
        campaign_id=pledge.campaign_id, pledge=pledge, source=pledge.state, target=target, by=by
    )
    pledge.state = target
    pledge.save(update_fields=["state", "deliberation"])


def _tell(campaign: Campaign, subject: str, body: str, page_url: str) -> None:
    recipients = _followers(campaign.need)
    text = f"{body}\n\n{page_url}"
    transaction.on_commit(lambda: _notify(recipients, subject, text))


@transaction.atomic
def campaign_transition(*, campaign: Campaign, target: str, by: Any, page_url: str) -> Campaign:
    """Move a campaign (open, start delivery, deliver, expire, cancel) and tell its people.

    Funding happens by pledges reaching the target; expiry and cancellation release every
    pledge still standing.
    """
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not campaign.may_be_run_by(by):
        raise PoolingError("not_coordinator", _("Only the coordinating organisation runs it."))
    today = timezone.localdate()
    if target == Campaign.State.OPEN:
        if not any(quote.is_valid_on(today) for quote in campaign.quotes.all()):
            raise PoolingError("no_quote", _("Add a valid provider quote before opening."))
        if campaign.deadline < today:
            raise PoolingError("past_deadline", _("The deadline must be in the future."))
    if target == Campaign.State.FUNDED and campaign.pledged() < campaign.target:
        raise PoolingError("not_funded", _("The pledges have not reached the target."))
    if target == Campaign.State.EXPIRED and campaign.deadline >= today:
        raise PoolingError("not_expired", _("The deadline has not passed yet."))
    _apply(campaign, target, by, page_url)
    return campaign


def _apply(campaign: Campaign, target: str, by: Any, page_url: str) -> None:
    _move(campaign, target, by)
    if target in (Campaign.State.EXPIRED, Campaign.State.CANCELLED):
        for pledge in campaign.pledges.select_for_update().exclude(
            state__in=[Pledge.State.RELEASED, Pledge.State.PAID]
        ):
            _move_pledge(pledge, Pledge.State.RELEASED, by)
    subject = _("“%(title)s” is now: %(state)s") % {
        "title": campaign.title,
        "state": Campaign.State(target).label,
    }
    _tell(campaign, subject, _("The campaign you follow on Communs changed."), page_url)


def campaigns_expire(*, today: date, absolute: Callable[[str], str]) -> int:
    """Expire the open campaigns whose deadline has passed, releasing their pledges.

    Each campaign in its own transaction, so that one failure leaves the others done;
    `absolute` turns a campaign's path into the address written in the emails.
    """
    expired = 0
    overdue = Campaign.objects.filter(state=Campaign.State.OPEN, deadline__lt=today)
    for pk in overdue.values_list("pk", flat=True):
        with transaction.atomic():
            campaign = Campaign.objects.select_for_update().get(pk=pk)
            if campaign.state != Campaign.State.OPEN:  # moved meanwhile
                continue
            _apply(campaign, Campaign.State.EXPIRED, None, absolute(campaign.get_absolute_url()))
        expired += 1
    return expired


@transaction.atomic
def pledge_create(
    *, campaign: Campaign, organisation: Organisation, amount: Decimal, by: Any, page_url: str
) -> Pledge:
    """Pledge an intention; the campaign row is locked so that pledges never overshoot."""
    _member_or_refuse(organisation, by)
    _positive(amount, field=_("The amount"))
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not campaign.is_open():
        raise PoolingError("campaign_closed", _("This campaign does not take pledges."))
    remaining = campaign.target - campaign.pledged()
    if amount > remaining:
        raise PoolingError(
            "over_target",
            _("Only %(remaining)s € remain to reach the target.") % {"remaining": remaining},
        )
    pledge = Pledge.objects.create(
        campaign=campaign, organisation=organisation, amount=amount, by=by
    )
    Transition.objects.create(campaign=campaign, pledge=pledge, source="", target="pledged", by=by)
    if amount == remaining:
        _move(campaign, Campaign.State.FUNDED, by)
        _tell(
            campaign,
            _("“%(title)s” reached its target") % {"title": campaign.title},
            _("Pledgers can now confirm their commitment with their deliberation."),
            page_url,
        )
    return pledge


@transaction.atomic
def pledge_commit(*, pledge: Pledge, by: Any, deliberation: str) -> Pledge:
    pledge = Pledge.objects.select_for_update().select_related("campaign").get(pk=pledge.pk)
    _member_or_refuse(pledge.organisation, by)
    if pledge.campaign.state not in (Campaign.State.FUNDED, Campaign.State.IN_DELIVERY):
        raise PoolingError("not_funded", _("Commit once the campaign has reached its target."))
    if not deliberation.strip():
        raise PoolingError(
            "deliberation_required", _("Give the reference of the deliberation or decision.")
        )
    pledge.deliberation = deliberation.strip()
    _move_pledge(pledge, Pledge.State.COMMITTED, by)
    return pledge


@transaction.atomic
def pledge_pay(*, pledge: Pledge, by: Any) -> Pledge:
    pledge = Pledge.objects.select_for_update().select_related("campaign").get(pk=pledge.pk)
    if not pledge.campaign.may_be_run_by(by):
        raise PoolingError(
            "not_coordinator", _("Only the coordinating organisation records payments.")
        )
    _move_pledge(pledge, Pledge.State.PAID, by)
    return pledge


@transaction.atomic
def milestone_save(
    *,
    campaign: Campaign,
    by: Any,
    values: dict[str, Any],
    page_url: str,
    milestone: Milestone | None = None,
) -> Milestone:
    if not campaign.may_be_run_by(by):
        raise PoolingError(
            "not_coordinator", _("Only the coordinating organisation follows delivery.")
        )
    if campaign.state not in (Campaign.State.FUNDED, Campaign.State.IN_DELIVERY):
        raise PoolingError("not_in_delivery", _("Milestones follow a funded campaign."))
    if milestone is None:
        milestone = Milestone(campaign=campaign)
    for name, value in values.items():
        setattr(milestone, name, value)
    if milestone.status == Milestone.Status.DONE:
        milestone.progress = 100
    milestone.full_clean()
    milestone.save()
    _tell(
        campaign,
        _("Milestone “%(title)s”: %(status)s, %(progress)s %%")
        % {
            "title": milestone.title,
            "status": Milestone.Status(milestone.status).label,
            "progress": milestone.progress,
        },
        _("The delivery you follow on Communs moved on."),
        page_url,
    )
    return milestone


@transaction.atomic
def campaign_cite_resource(*, campaign: Campaign, resource: Resource, cite: bool, by: Any) -> None:
    """The coordinating organisation cites a document of the library, or stops citing it."""
    if not campaign.may_be_run_by(by):
        raise PoolingError(
            "not_coordinator", _("Only the coordinating organisation cites resources.")
        )
    if cite:
        campaign.cited_resources.add(resource)
    else:
        campaign.cited_resources.remove(resource)
