"""Accounts waiting for their address to be confirmed."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def confirmation_deadline() -> datetime:
    """Accounts asked for before this moment and still unconfirmed have expired."""
    return timezone.now() - timedelta(days=settings.ACCOUNT_CONFIRMATION_DAYS)


class AccountConfirmationQuerySet(models.QuerySet["AccountConfirmation"]):
    def expired(self) -> AccountConfirmationQuerySet:
        return self.filter(requested_at__lt=confirmation_deadline())

    def pending(self) -> AccountConfirmationQuerySet:
        return self.filter(requested_at__gte=confirmation_deadline())


class AccountConfirmation(models.Model):
    """An account created at sign-up, inactive until its address is confirmed.

    Only such accounts expire: an account a curator deactivated has no confirmation and
    keeps its address.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="confirmation"
    )
    requested_at = models.DateTimeField(_("asked for on"), default=timezone.now)

    objects = AccountConfirmationQuerySet.as_manager()

    class Meta:
        verbose_name = _("account waiting for confirmation")
        verbose_name_plural = _("accounts waiting for confirmation")

    def __str__(self) -> str:
        return str(self.user)

    def is_expired(self) -> bool:
        return bool(self.requested_at < confirmation_deadline())
