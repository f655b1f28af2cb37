"""Writes of pooling: each one checks rights and states, records its transitions, and tells
the people concerned by email once the transaction is committed."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.humanize.templatetags.humanize import intcomma
from django.db import transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communs.catalog import listing
from communs.french import with_prepositions
from communs.mutualisation import notifications
from communs.mutualisation.documents import document_kind, safe_filename
from communs.mutualisation.errors import PoolingError
from communs.mutualisation.models import (
    Campaign,
    Comment,
    Endorsement,
    FundingScheme,
    Milestone,
    Need,
    NotificationKind,
    NotificationPreference,
    Pledge,
    PledgeLimit,
    ProjectMember,
    Quote,
    SharedProject,
    Transition,
)
from communs.mutualisation.states import (
    CAMPAIGN_TRANSITIONS,
    NEED_STATUS_FOR_CAMPAIGN,
    PLEDGE_TRANSITIONS,
)
from communs.resources.models import Resource
from communs.territories.models import Organisation


def _email(
    kind: str, recipients: list[Any], subject: Any, body: Any, params: dict[str, Any], url: str
) -> None:
    """Once committed, email each person who wants this kind, in their own language."""
    transaction.on_commit(
        lambda: notifications.send(
            kind=kind,
            recipients=recipients,
            subject=subject,
            body=body,
            params=params,
            page_url=url,
        )
    )


# An amount in an email, grouped in the recipient's language once it is active (as intcomma
# groups it on the pages).
grouped = lazy(intcomma, str)


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
            with_prepositions(
                _("Only members of %(name)s may act in its name.") % {"name": organisation.name},
                organisation,
            ),
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
def need_merge(*, duplicate: Need, kept: Need, by: Any) -> Need:
    """A curator merges a duplicate into the need kept: its endorsements (one per
    organisation: the kept need's own stays when both have one), comments and campaigns
    follow, and the duplicate's address leads to the kept need."""
    if not getattr(by, "is_staff", False):
        raise PoolingError("not_allowed", _("Only curators merge needs."))
    duplicate, kept = (
        Need.objects.select_for_update().get(pk=duplicate.pk),
        Need.objects.select_for_update().get(pk=kept.pk),
    )
    if duplicate.pk == kept.pk:
        raise PoolingError("same_need", _("A need cannot be merged into itself."))
    if duplicate.merged_into_id or kept.merged_into_id:
        raise PoolingError("already_merged", _("One of these needs was already merged."))
    already = set(kept.endorsements.values_list("organisation_id", flat=True))
    duplicate.endorsements.filter(organisation_id__in=already).delete()
    duplicate.endorsements.update(need=kept)
    duplicate.comments.update(need=kept)
    duplicate.campaigns.update(need=kept)
    duplicate.merged_into = kept
    duplicate.merged_by = by
    duplicate.merged_at = timezone.now()
    duplicate.save(update_fields=["merged_into", "merged_by", "merged_at"])
    return kept


@transaction.atomic
def need_endorse(
    *, need: Need, organisation: Organisation, by: Any, context: str, budget: Decimal | None
) -> Endorsement:
    _member_or_refuse(organisation, by)
    if need.status in (Need.Status.PROPOSED, Need.Status.DECLINED) or need.merged_into_id:
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
    values = dict(values)
    document = values.pop("document", None)
    quote = Quote(campaign=campaign, **values)
    if document:
        extension = document_kind(document, document.size)
        quote.document_name = safe_filename(document.name, extension)
        # Stored under a random name: the person's file name never reaches the disk.
        quote.document.save(f"{uuid.uuid4().hex}.{extension}", document, save=False)
    quote.save()
    return quote


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
        listing.forget("needs")  # an update sends no post_save: the cached lists go


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


def _tell(
    campaign: Campaign, kind: str, subject: Any, body: Any, params: dict[str, Any], url: str
) -> None:
    _email(kind, _followers(campaign.need), subject, body, {"title": campaign.title, **params}, url)


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
    if target == Campaign.State.FUNDED and campaign.confirmed() < campaign.target:
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
    _tell(
        campaign,
        NotificationKind.CAMPAIGN,
        gettext_lazy("“%(title)s” is now: %(state)s"),
        gettext_lazy("The campaign you follow on Communs changed."),
        {"state": Campaign.State(target).label},
        page_url,
    )


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
    """Pledge an intention; the campaign row is locked so that pledges never overshoot.

    A pledge above the organisation's limit is reserved against the target but waits for
    one of its administrators to confirm it; the campaign is funded by confirmed pledges.
    """
    _member_or_refuse(organisation, by)
    _positive(amount, field=_("The amount"))
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not campaign.is_open():
        raise PoolingError("campaign_closed", _("This campaign does not take pledges."))
    remaining = campaign.target - campaign.pledged()
    if amount > remaining:
        raise PoolingError(
            "over_target",
            _("Only %(remaining)s € remain to reach the target.")
            % {"remaining": intcomma(remaining)},
        )
    limit = PledgeLimit.objects.filter(organisation=organisation).first()
    awaits = limit is not None and amount > limit.amount and not organisation.is_admin(by)
    state = Pledge.State.AWAITING if awaits else Pledge.State.PLEDGED
    pledge = Pledge.objects.create(
        campaign=campaign, organisation=organisation, amount=amount, by=by, state=state
    )
    Transition.objects.create(campaign=campaign, pledge=pledge, source="", target=state, by=by)
    if awaits:
        admins = [m.user for m in organisation.memberships.filter(role="admin", status="approved")]
        _email(
            NotificationKind.PLEDGE,
            admins,
            gettext_lazy("A pledge of %(amount)s € awaits your confirmation"),
            gettext_lazy("A member pledged above the limit you set for %(name)s on “%(title)s”."),
            {"amount": grouped(amount), "name": organisation.name, "title": campaign.title},
            page_url,
        )
    else:
        _fund_if_reached(campaign, by, page_url)
    return pledge


def _fund_if_reached(campaign: Campaign, by: Any, page_url: str) -> None:
    if campaign.state == Campaign.State.OPEN and campaign.confirmed() >= campaign.target:
        _move(campaign, Campaign.State.FUNDED, by)
        _tell(
            campaign,
            NotificationKind.CAMPAIGN,
            gettext_lazy("“%(title)s” reached its target"),
            gettext_lazy("Pledgers can now confirm their commitment with their deliberation."),
            {},
            page_url,
        )


@transaction.atomic
def pledge_limit_set(*, organisation: Organisation, amount: Decimal | None, by: Any) -> None:
    """An administrator of the organisation sets (or, with None, removes) its pledge limit."""
    if not organisation.is_admin(by):
        raise PoolingError(
            "not_admin",
            with_prepositions(
                _("Only an administrator of %(name)s sets its pledge limit.")
                % {"name": organisation.name},
                organisation,
            ),
        )
    _positive(amount, field=_("The limit"))
    if amount is None:
        PledgeLimit.objects.filter(organisation=organisation).delete()
        return
    PledgeLimit.objects.update_or_create(
        organisation=organisation,
        defaults={"amount": amount, "set_by": by, "set_at": timezone.now()},
    )


@transaction.atomic
def pledge_confirm(*, pledge: Pledge, accept: bool, by: Any, page_url: str) -> Pledge:
    """An administrator confirms a pledge above the limit (it counts) or refuses it (released)."""
    campaign = Campaign.objects.select_for_update().get(pk=pledge.campaign_id)
    pledge = Pledge.objects.select_for_update().select_related("organisation").get(pk=pledge.pk)
    if not pledge.organisation.is_admin(by):
        raise PoolingError(
            "not_admin",
            with_prepositions(
                _("Only an administrator of %(name)s confirms its pledges.")
                % {"name": pledge.organisation.name},
                pledge.organisation,
            ),
        )
    if pledge.state != Pledge.State.AWAITING:
        raise PoolingError("not_awaiting", _("This pledge does not await a confirmation."))
    _move_pledge(pledge, Pledge.State.PLEDGED if accept else Pledge.State.RELEASED, by)
    if accept:
        _fund_if_reached(campaign, by, page_url)
    if pledge.by is not None:
        subject = (
            gettext_lazy("Your pledge on “%(title)s” is confirmed")
            if accept
            else gettext_lazy("Your pledge on “%(title)s” is refused")
        )
        _email(
            NotificationKind.PLEDGE,
            [pledge.by],
            subject,
            subject,
            {"title": campaign.title},
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
        NotificationKind.MILESTONE,
        gettext_lazy("Milestone “%(title)s”: %(status)s, %(progress)s %%"),
        gettext_lazy("The delivery you follow on Communs moved on."),
        {
            "title": milestone.title,
            "status": Milestone.Status(milestone.status).label,
            "progress": milestone.progress,
        },
        page_url,
    )
    return milestone


# Shared projects -----------------------------------------------------------------------------


@transaction.atomic
def project_create(*, values: dict[str, Any], organisation: Organisation, by: Any) -> SharedProject:
    """A member starts a shared project; their organisation leads it."""
    _member_or_refuse(organisation, by)
    project = SharedProject.objects.create(created_by=by, **values)
    ProjectMember.objects.create(
        project=project, organisation=organisation, role=ProjectMember.Role.LEADER, joined_by=by
    )
    return project


@transaction.atomic
def project_join(
    *, project: SharedProject, organisation: Organisation, role: str, by: Any
) -> ProjectMember:
    """An organisation joins (or changes its role); only a leader makes another leader."""
    _member_or_refuse(organisation, by)
    if role == ProjectMember.Role.LEADER and not project.is_led_by(by):
        raise PoolingError("not_leader", _("Only a leading organisation names another leader."))
    member, _created = ProjectMember.objects.update_or_create(
        project=project,
        organisation=organisation,
        defaults={"role": role, "joined_by": by, "joined_at": timezone.now()},
    )
    return member


@transaction.atomic
def project_governance_update(*, project: SharedProject, governance: str, by: Any) -> None:
    if not project.is_led_by(by):
        raise PoolingError(
            "not_leader", _("Only members of a leading organisation edit the governance.")
        )
    project.governance = governance.strip()
    project.save(update_fields=["governance"])


# Public funding schemes ----------------------------------------------------------------------


@transaction.atomic
def funding_scheme_record(*, values: dict[str, Any], by: Any) -> FundingScheme:
    """Curators record a public funding scheme."""
    if not getattr(by, "is_staff", False):
        raise PoolingError("not_allowed", _("Only curators record funding schemes."))
    territories = values.pop("territories", [])
    scheme = FundingScheme.objects.create(recorded_by=by, **values)
    scheme.territories.set(territories)
    return scheme


# Notification preferences --------------------------------------------------------------------


@transaction.atomic
def notification_preference_save(
    *, user: Any, wanted: list[str], none: bool, language: str
) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    preference.muted = sorted(set(NotificationKind.values) - set(wanted))
    preference.none = none
    preference.language = language
    preference.save()
    return preference


@transaction.atomic
def notification_unsubscribe(*, user: Any, kind: str | None) -> NotificationPreference:
    """Stop one kind of email (or, with None, all of them) for this person."""
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    if kind is None:
        preference.none = True
    elif kind not in preference.muted:
        preference.muted = sorted({*preference.muted, kind})
    preference.save()
    return preference


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
