"""Alerts are produced in three idempotent steps, each safe to run again or after a crash:

1. ``events_collect`` reads what changed (evaluations, needs, campaigns) and stores each
   event once under a stable key, telling in the same transaction the members of every
   organisation that declared the software (a notification each, unique per person and
   event) and the organisation's webhooks (a delivery each, unique per hook and event);
2. ``notifications_send`` emails the notifications due (at once, or in a daily or weekly
   digest): each is claimed and marked sent in one transaction before its email leaves,
   so a retry never sends it twice;
3. ``webhooks_deliver`` posts the deliveries due, signed, and retries the failed ones with
   a doubling wait, logging every attempt.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from communs.alerts.models import (
    AlertPreference,
    Event,
    Notification,
    Webhook,
    WebhookAttempt,
    WebhookDelivery,
)
from communs.catalog.models import Software
from communs.evaluations.models import Evaluation
from communs.french import with_prepositions
from communs.mutualisation.models import Campaign, Need
from communs.mutualisation.notifications import email_language
from communs.territories.models import Membership, Organisation
from communs.territories.services import NotAllowed
from communs.usage.models import Answer as DifficultyAnswer
from communs.usage.models import Experience, UsageDeclaration

UNSUBSCRIBE_SALT = "communs.alerts.unsubscribe"
DIGEST_EVERY = {
    AlertPreference.Frequency.DAILY: timedelta(days=1),
    AlertPreference.Frequency.WEEKLY: timedelta(days=7),
}


# --- Preferences and unsubscribing ----------------------------------------------------


def preference_of(user: Any) -> AlertPreference:
    preference, _created = AlertPreference.objects.get_or_create(user=user)
    return preference


@transaction.atomic
def preference_save(*, user: Any, frequency: str) -> AlertPreference:
    preference = preference_of(user)
    preference.frequency = AlertPreference.Frequency(frequency)
    preference.save(update_fields=["frequency"])
    if preference.frequency == AlertPreference.Frequency.NONE:
        # What was waiting for a digest is dropped: turning emails on again later does not
        # bring back a backlog.
        Notification.objects.filter(recipient=user, sent_at__isnull=True).delete()
    return preference


def unsubscribe_token(user: Any) -> str:
    # No expiry: a link in an old email still works. Signed, so nobody forges another's.
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(user.pk)


def unsubscribe_user(token: str) -> Any | None:
    """The person a link was made for, or None when the link was tampered with."""
    try:
        pk = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk).first()


def unsubscribe_url(user: Any) -> str:
    return settings.SITE_URL + reverse("alerts:unsubscribe", args=[unsubscribe_token(user)])


# --- 1. Events ------------------------------------------------------------------------


def _concerned_organisations(event: Event) -> list[Organisation]:
    if event.organisation_id is not None:
        return [event.organisation]  # type: ignore[list-item]
    declared = UsageDeclaration.objects.filter(software=event.software).exclude(status="abandoned")
    return list(Organisation.objects.filter(pk__in=declared.values("organisation_id")))


def _fan_out(event: Event, now: datetime, *, not_to: Any = None) -> None:
    for organisation in _concerned_organisations(event):
        members = Membership.objects.filter(
            organisation=organisation, status=Membership.Status.APPROVED
        ).select_related("user")
        if not_to is not None:
            members = members.exclude(user_id=not_to)
        for membership in members:
            if preference_of(membership.user).frequency == AlertPreference.Frequency.NONE:
                continue
            Notification.objects.get_or_create(
                recipient=membership.user, event=event, defaults={"organisation": organisation}
            )
        for hook in organisation.webhooks.filter(active=True):
            WebhookDelivery.objects.get_or_create(
                webhook=hook, event=event, defaults={"next_attempt_at": now}
            )


def _event(key: str, now: datetime, *, not_to: Any = None, **values: Any) -> bool:
    """Store the event under its key unless it is there; ``not_to``: a person's id who is
    not told (the one who caused it)."""
    with transaction.atomic():
        event, created = Event.objects.get_or_create(key=key, defaults=values)
        if created:
            _fan_out(event, now, not_to=not_to)
    return created


VULNERABILITIES_CHECK = "security.vulnerabilities"


def _vulnerabilities(evaluation: Evaluation) -> list[tuple[str, str]]:
    """(advisory id, "package version (lockfile)") of the known vulnerabilities check, as its
    evidence lists them ("GHSA-…: name 1.2.3 (path)")."""
    found = []
    for check in evaluation.report.get("checks", []):
        if not isinstance(check, dict) or check.get("id") != VULNERABILITIES_CHECK:
            continue
        for line in (check.get("evidence") or {}).get("vulnerabilities") or []:
            advisory, _sep, package = str(line).partition(": ")
            if advisory and package:
                found.append((advisory, package))
    return found


def _vulnerability_events(evaluation: Evaluation, now: datetime, url: str) -> int:
    # Keyed by software and advisory: an advisory still there in the next evaluation is
    # the same event, so each is told once, whether or not an evaluation came before.
    created = 0
    for advisory, package in _vulnerabilities(evaluation):
        created += _event(
            f"vulnerability:{evaluation.software_id}:{advisory}",
            now,
            kind=Event.Kind.VULNERABILITY,
            software=evaluation.software,
            params={"id": advisory, "package": package},
            url=url,
            happened_at=evaluation.as_of,
        )
    return created


def _evaluation_events(since: datetime, now: datetime) -> int:
    created = 0
    recent = Evaluation.objects.filter(
        created_at__gte=since, software__status=Software.Status.PUBLISHED
    ).select_related("software")
    for evaluation in recent.order_by("pk"):
        url = reverse("software", kwargs={"slug": evaluation.software.slug})
        created += _vulnerability_events(evaluation, now, url)
        previous = (
            Evaluation.objects.filter(software=evaluation.software, as_of__lt=evaluation.as_of)
            .order_by("-as_of", "-pk")
            .first()
        )
        if previous is None:
            continue  # a first evaluation is no change
        software = evaluation.software
        if (
            previous.security is not None
            and evaluation.security is not None
            and evaluation.security < previous.security
        ):
            created += _event(
                f"security-drop:evaluation:{evaluation.pk}",
                now,
                kind=Event.Kind.SECURITY_DROP,
                software=software,
                params={"before": previous.security, "after": evaluation.security},
                url=url,
                happened_at=evaluation.as_of,
            )
        before = previous.report.get("facts", {}).get("releases_total")
        facts = evaluation.report.get("facts", {})
        after = facts.get("releases_total")
        if isinstance(before, int) and isinstance(after, int) and after > before:
            created += _event(
                f"release:{software.pk}:{facts.get('last_release_at') or evaluation.pk}",
                now,
                kind=Event.Kind.RELEASE,
                software=software,
                params={"releases": after, "last_release_at": facts.get("last_release_at")},
                url=url,
                happened_at=evaluation.as_of,
            )
    return created


def _pooling_events(since: datetime, now: datetime) -> int:
    created = 0
    needs = Need.objects.visible().filter(
        created_at__gte=since, software__status=Software.Status.PUBLISHED
    )
    for need in needs.select_related("software"):
        assert need.software is not None  # filtered on its status above
        created += _event(
            f"need:{need.pk}",
            now,
            kind=Event.Kind.NEED,
            software=need.software,
            params={"title": need.title, "need": need.pk},
            url=need.get_absolute_url(),
            happened_at=need.created_at,
        )
    campaigns = Campaign.objects.public().filter(
        created_at__gte=since, need__software__status=Software.Status.PUBLISHED
    )
    for campaign in campaigns.select_related("need__software"):
        assert campaign.need.software is not None
        created += _event(
            f"campaign:{campaign.pk}",
            now,
            kind=Event.Kind.CAMPAIGN,
            software=campaign.need.software,
            params={"title": campaign.title, "campaign": campaign.pk},
            url=campaign.get_absolute_url(),
            happened_at=campaign.created_at,
        )
    return created


def contract_threshold(ends_on: date, today: date) -> int | None:
    """The nearest of ``ALERTS_CONTRACT_END_DAYS`` (90 and 30 days by default) that the end
    date is within, or None: too far away, or already over. Only the nearest counts, so a
    contract recorded 20 days before its end is told once (30 days), not twice."""
    left = (ends_on - today).days
    if left < 0:
        return None
    crossed = [days for days in settings.ALERTS_CONTRACT_END_DAYS if left <= days]
    return min(crossed) if crossed else None


def _contract_events(now: datetime) -> int:
    # Keyed by declaration, end date and threshold: each threshold is told once per contract
    # end; a new end date (a renewed contract) is a new contract end, told again.
    created = 0
    today = timezone.localdate(now)
    horizon = today + timedelta(days=max(settings.ALERTS_CONTRACT_END_DAYS, default=0))
    declarations = (
        UsageDeclaration.objects.exclude(status=UsageDeclaration.Status.ABANDONED)
        .filter(
            contract_ends_on__gte=today,
            contract_ends_on__lte=horizon,
            software__status=Software.Status.PUBLISHED,
        )
        .select_related("software", "organisation", "contractor")
    )
    for declaration in declarations.order_by("pk"):
        ends_on = declaration.contract_ends_on
        assert ends_on is not None  # filtered above
        days = contract_threshold(ends_on, today)
        if days is None:
            continue
        created += _event(
            f"contract-end:{declaration.pk}:{ends_on.isoformat()}:{days}",
            now,
            kind=Event.Kind.CONTRACT_END,
            software=declaration.software,
            organisation=declaration.organisation,
            params={
                "contractor": declaration.contractor_label() or "?",
                "ends_on": ends_on.isoformat(),
                "days": days,
            },
            url=reverse(
                "usage:declare", args=[declaration.organisation_id, declaration.software.slug]
            ),
        )
    return created


def _answer_events(since: datetime, now: datetime) -> int:
    created = 0
    answers = DifficultyAnswer.objects.filter(
        created_at__gte=since,
        moderation=DifficultyAnswer.Moderation.PUBLISHED,
        experience__kind=Experience.Kind.DIFFICULTY,
        experience__moderation=Experience.Moderation.PUBLISHED,
        experience__software__status=Software.Status.PUBLISHED,
    ).select_related("experience__software", "experience__organisation", "organisation")
    for answer in answers.order_by("pk"):
        difficulty = answer.experience
        created += _event(
            f"answer:{answer.pk}",
            now,
            not_to=answer.author_id,
            kind=Event.Kind.ANSWER,
            software=difficulty.software,
            organisation=difficulty.organisation,
            params={
                "title": difficulty.title,
                "by": answer.organisation.name,
                "experience": difficulty.pk,
                "answer": answer.pk,
            },
            url=answer.get_absolute_url(),
            happened_at=answer.created_at,
        )
    return created


def events_collect(*, now: datetime) -> int:
    """Store the events of the last ``ALERTS_LOOKBACK_DAYS`` not stored yet, and the contract
    ends now due; tell who cares."""
    since = now - timedelta(days=settings.ALERTS_LOOKBACK_DAYS)
    return (
        _evaluation_events(since, now)
        + _pooling_events(since, now)
        + _contract_events(now)
        + _answer_events(since, now)
    )


def answer_events_withdraw(answer_ids: list[int]) -> None:
    """A curator hid answers (or their difficulty): their alerts go, with the emails and
    deliveries still waiting, and leave the feeds."""
    Event.objects.filter(key__in=[f"answer:{pk}" for pk in answer_ids]).delete()


# --- 2. Emails ------------------------------------------------------------------------


def _email(user: Any, notifications: list[Notification], *, digest: bool) -> EmailMessage:
    with translation.override(email_language(user)):
        context = {
            "user": user,
            "notifications": notifications,
            "digest": digest,
            "unsubscribe_url": unsubscribe_url(user),
            "preferences_url": settings.SITE_URL + reverse("alerts:preferences"),
        }
        if digest:
            subject = _("Communs: %(count)s alerts about your software") % {
                "count": len(notifications)
            }
        else:
            subject = _("Communs: %(title)s") % {"title": notifications[0].event.title()}
        body = render_to_string("alerts/email.txt", context)
    return EmailMessage(
        subject[:200],
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _claim(user: Any, now: datetime) -> list[Notification]:
    pending = (
        Notification.objects.select_for_update(skip_locked=True)
        .filter(recipient=user, sent_at__isnull=True)
        .select_related("event__software", "organisation")
        .order_by("event__happened_at", "pk")
    )
    claimed = list(pending)
    Notification.objects.filter(pk__in=[n.pk for n in claimed]).update(sent_at=now)
    return claimed


def notifications_send(*, now: datetime) -> int:
    """Email what is due; return the number of emails sent."""
    emails = 0
    waiting = get_user_model().objects.filter(alert_notifications__sent_at__isnull=True)
    for user in waiting.distinct().order_by("pk"):
        preference = preference_of(user)
        frequency = preference.frequency
        if frequency == AlertPreference.Frequency.NONE or not user.email:
            continue
        every = DIGEST_EVERY.get(AlertPreference.Frequency(frequency))
        last = preference.last_digest_at
        if every is not None and last is not None and now - last < every:
            continue
        messages: list[EmailMessage] = []
        with transaction.atomic():
            claimed = _claim(user, now)
            if not claimed:
                continue
            if every is not None:
                preference.last_digest_at = now
                preference.save(update_fields=["last_digest_at"])
                messages.append(_email(user, claimed, digest=True))
            else:
                messages.extend(_email(user, [n], digest=False) for n in claimed)
        # Sent once the claim is committed: a crash here loses these emails, never doubles.
        for message in messages:
            message.send()
            emails += 1
    return emails


# --- 3. Webhooks ----------------------------------------------------------------------


class WebhookRefused(NotAllowed):
    pass


def _private_address(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False  # unresolvable: the delivery will fail and say so
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if address.is_private or address.is_loopback or address.is_link_local:
            return True
    return False


def webhook_url_check(url: str) -> None:
    """Refuse addresses inside the server's own network unless the operator allows them."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookRefused(_("Give an http or https address."))
    if not settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES and _private_address(parts.hostname):
        raise WebhookRefused(_("This address is inside a private network: it is refused."))


def _admin_or_refuse(organisation: Organisation, user: Any) -> None:
    if not organisation.is_admin(user):
        raise NotAllowed(
            with_prepositions(
                _("Only administrators of %(name)s may manage its webhooks.")
                % {"name": organisation.name},
                organisation,
            )
        )


@transaction.atomic
def webhook_create(*, organisation: Organisation, url: str, by: Any) -> Webhook:
    _admin_or_refuse(organisation, by)
    webhook_url_check(url)
    return Webhook.objects.create(organisation=organisation, url=url, created_by=by)


@transaction.atomic
def webhook_deactivate(*, webhook: Webhook, by: Any) -> Webhook:
    _admin_or_refuse(webhook.organisation, by)
    webhook.active = False
    webhook.save(update_fields=["active"])
    return webhook


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Answer:
    status_code: int | None
    error: str


def _post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    try:
        response = requests.post(
            url,
            data=body,
            headers=headers,
            timeout=settings.WEBHOOKS_TIMEOUT,
            allow_redirects=False,
        )
    except requests.RequestException as error:
        return Answer(None, str(error)[:300])
    return Answer(response.status_code, "")


def retry_wait(attempts: int) -> timedelta:
    """After the n-th failed attempt: BASE, 2×BASE, 4×BASE … (one minute by default)."""
    return timedelta(seconds=settings.WEBHOOKS_RETRY_BASE_SECONDS * 2 ** (attempts - 1))


def _attempt(delivery: WebhookDelivery, now: datetime, post: Callable[..., Answer]) -> None:
    hook = delivery.webhook
    body = json.dumps(delivery.payload(), sort_keys=True, ensure_ascii=False).encode()
    try:
        webhook_url_check(hook.url)
    except WebhookRefused as error:
        answer = Answer(None, str(error))
    else:
        answer = post(
            hook.url,
            body,
            {
                "Content-Type": "application/json",
                "User-Agent": "Communs-Webhooks/1",
                "X-Communs-Event": delivery.event.kind,
                "X-Communs-Delivery": str(delivery.pk),
                "X-Communs-Signature": sign(hook.secret, body),
            },
        )
    delivery.attempts += 1
    delivery.last_status_code = answer.status_code
    delivery.last_error = answer.error
    WebhookAttempt.objects.create(
        delivery=delivery, at=now, status_code=answer.status_code, error=answer.error
    )
    if answer.status_code is not None and 200 <= answer.status_code < 300:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = now
    elif delivery.attempts >= settings.WEBHOOKS_MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.FAILED
    else:
        delivery.next_attempt_at = now + retry_wait(delivery.attempts)
    delivery.save()


def webhooks_deliver(*, now: datetime, post: Callable[..., Answer] = _post) -> int:
    """Try every delivery that is due once; return how many were tried."""
    tried = 0
    due = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now, webhook__active=True
    ).values_list("pk", flat=True)
    for pk in list(due[:200]):
        with transaction.atomic():
            delivery = (
                WebhookDelivery.objects.select_for_update(skip_locked=True)
                .select_related("webhook", "event__software")
                .filter(pk=pk, status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now)
                .first()
            )
            if delivery is None:
                continue  # another runner has it
            _attempt(delivery, now, post)
            tried += 1
    return tried


# --- The job --------------------------------------------------------------------------


@dataclass(frozen=True)
class AlertsRun:
    events: int
    emails: int
    deliveries: int


def alerts_run(*, now: datetime | None = None) -> AlertsRun:
    """The whole job, as the embedded worker and Celery beat run it."""
    now = now or timezone.now()
    return AlertsRun(
        events=events_collect(now=now),
        emails=notifications_send(now=now),
        deliveries=webhooks_deliver(now=now),
    )


def organisation_events(organisation: Organisation) -> Any:
    """The latest events about the software the organisation declared, and those about it
    alone (its contracts' ends, answers to its difficulties), for its feed."""
    declared = UsageDeclaration.objects.filter(organisation=organisation).exclude(
        status="abandoned"
    )
    about_its_software = Q(
        organisation__isnull=True, software_id__in=declared.values("software_id")
    )
    return (
        Event.objects.filter(
            about_its_software | Q(organisation=organisation),
            software__status=Software.Status.PUBLISHED,
        )
        .select_related("software")
        .order_by("-happened_at", "-pk")[:50]
    )
