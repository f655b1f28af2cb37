"""One token purpose per link: an address-confirmation link never resets a password."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class AddressConfirmationTokenGenerator(PasswordResetTokenGenerator):
    # A salt of its own: tokens of Django's password reset (another salt) never match here,
    # and these never match there.
    key_salt = "communs.accounts.tokens.AddressConfirmationTokenGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        # Activation changes is_active, so a confirmation link works once.
        return f"{user.pk}{user.is_active}{user.email}{timestamp}"


address_confirmation_token = AddressConfirmationTokenGenerator()
