"""Write access to the API: tokens an organisation's administrators create and revoke."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communs.territories.models import Organisation

TOKEN_PREFIX = "cmn_"  # noqa: S105 (a marker that says what a string is, not a secret)


def token_digest(token: str) -> str:
    """What is stored of a token: its SHA-256. The token itself is shown once, then lost."""
    return hashlib.sha256(token.encode()).hexdigest()


def token_new() -> str:
    # 32 random bytes: guessing is hopeless, so a fast hash is enough (no need for a slow
    # password hash, which would cost on every request).
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        DECLARATIONS = "declarations", _("Usage declarations")
        EXPERIENCES = "experiences", _("Experiences")
        ENDORSEMENTS = "endorsements", _("Endorsements of needs")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What uses it, for example “our GIS portal”.")
    )
    # The first characters, so that administrators recognise a token in the list and logs.
    prefix = models.CharField(max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def allows(self, scope: str) -> bool:
        return self.is_active and scope in self.scopes

    def scope_labels(self) -> list[Any]:
        return [self.Scope(scope).label for scope in self.scopes if scope in self.Scope.values]

    def mark_used(self) -> None:
        now = timezone.now()
        ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
        self.last_used_at = now
