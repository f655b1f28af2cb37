"""Alerts: what happened to a software (an event), who is told (a notification per person,
a delivery per webhook), and how each person wants to be told."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communs.catalog.models import Software
from communs.territories.models import Organisation


class AlertPreference(models.Model):
    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("As soon as it happens")
        DAILY = "daily", _("A daily digest")
        WEEKLY = "weekly", _("A weekly digest")
        NONE = "none", _("No email")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_preference"
    )
    frequency = models.CharField(
        _("alerts by email"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("alert preference")
        verbose_name_plural = _("alert preferences")

    def __str__(self) -> str:
        return f"{self.user} · {self.frequency}"


class Event(models.Model):
    """Something that happened to a software, stored once whatever reports it again."""

    class Kind(models.TextChoices):
        SECURITY_DROP = "security-drop", _("Security score dropped")
        RELEASE = "release", _("New release")
        VULNERABILITY = "vulnerability", _("Known vulnerability in a dependency")
        NEED = "need", _("New shared need")
        CAMPAIGN = "campaign", _("New co-funding campaign")
        CONTRACT_END = "contract-end", _("A contract ends soon")
        ANSWER = "answer", _("An answer to a difficulty")

    # A stable identity of what happened ("security-drop:evaluation:42"): collecting twice,
    # or after a crash, finds the same key and adds nothing.
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    software = models.ForeignKey(Software, on_delete=models.CASCADE, related_name="alert_events")
    # Set when the event concerns one organisation only (its contract, its difficulty): only
    # its members and hooks are told. Empty: every organisation that declared the software.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    params = models.JSONField(default=dict)
    url = models.CharField(
        _("page"), max_length=300, help_text=_("Path of the page that tells more.")
    )
    happened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-happened_at", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.key

    def title(self) -> str:
        """One sentence, in the active language."""
        from communs.alerts.wording import event_title

        return event_title(self)

    def absolute_url(self) -> str:
        return settings.SITE_URL + self.url


class Notification(models.Model):
    """One person told of one event (by email, at once or in a digest): at most once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_notifications"
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="notifications")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Set in the same transaction that claims the notification, before the email leaves:
    # a crash after the claim loses that email rather than sending it twice.
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event"], name="one_notification_per_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.event}"


def hook_secret() -> str:
    return secrets.token_urlsafe(32)


class Webhook(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField(_("address that receives the events"), max_length=500)
    # Kept in clear: signing each payload needs it. Shown to the organisation's admins.
    secret = models.CharField(max_length=100, default=hook_secret, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.url

    def get_absolute_url(self) -> str:
        return reverse("alerts:hook", kwargs={"pk": self.organisation_id, "hook_id": self.pk})


class WebhookDelivery(models.Model):
    """One event sent to one hook: retried with a doubling wait, every attempt logged."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Given up")

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["webhook", "event"], name="one_delivery_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.webhook} · {self.event}"

    def payload(self) -> dict[str, Any]:
        event = self.event
        return {
            "id": self.pk,
            "event": event.kind,
            "key": event.key,
            "software": event.software.slug,
            "organisation": self.webhook.organisation_id,
            "params": event.params,
            "url": event.absolute_url(),
            "happened_at": event.happened_at.isoformat(),
        }


class WebhookAttempt(models.Model):
    """The delivery log the organisation's administrators read."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.delivery} · {self.status_code or self.error}"
