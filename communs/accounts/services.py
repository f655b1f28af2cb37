"""Sign-up and address confirmation, without telling who is registered."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from communs.accounts.models import AccountConfirmation
from communs.accounts.tokens import address_confirmation_token

# Builds the absolute address of a page from its path (request.build_absolute_uri).
LinkBuilder = Callable[[str], str]


def accounts_expire_unconfirmed() -> int:
    """Delete the accounts whose address was not confirmed in time; their address is free."""
    expired = User.objects.filter(
        is_active=False, confirmation__in=AccountConfirmation.objects.expired()
    )
    count, _details = expired.delete()
    return int(count)


def account_signup(
    *, username: str, email: str, password: str, absolute: LinkBuilder
) -> User | None:
    """Create an inactive account and mail its confirmation link.

    The person who signs up sees the same page whether the address is free or not; the
    address's owner gets the explanation by email: the confirmation link again if their
    account waits for it, otherwise a note that the address already has an account.
    """
    email = email.strip().lower()
    with transaction.atomic():
        accounts_expire_unconfirmed()
        existing = User.objects.filter(email__iexact=email).select_related("confirmation").first()
        if existing is None:
            user = User(username=username, email=email, is_active=False)
            user.set_password(password)
            user.save()
            AccountConfirmation.objects.create(user=user)
    # Mails leave once the account is committed.
    if existing is None:
        confirmation_send(user=user, absolute=absolute)
        return user
    if not existing.is_active and hasattr(existing, "confirmation"):
        confirmation_send(user=existing, absolute=absolute)
    else:
        _send_already_registered(existing, absolute)
    return None


def confirmation_send(*, user: User, absolute: LinkBuilder) -> None:
    """Mail the link that confirms the account's address (and works once)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = address_confirmation_token.make_token(user)
    link = absolute(reverse("accounts:verify", kwargs={"uid": uid, "token": token}))
    paragraphs = [
        _("Open this link to confirm your address and use the account “%(username)s”: %(link)s")
        % {"username": user.get_username(), "link": link},
        _(
            "If you did not ask for an account, ignore this message: the account is deleted "
            "if it is not confirmed."
        ),
    ]
    send_mail(_("Confirm your Communs account"), "\n\n".join(paragraphs), None, [user.email])


def _send_already_registered(user: User, absolute: LinkBuilder) -> None:
    paragraphs = [
        _(
            "Someone asked to create a Communs account with this address, which already has "
            "the account “%(username)s”. If it was you, sign in: %(login)s"
        )
        % {"username": user.get_username(), "login": absolute(reverse("login"))},
        _("Forgot your password? Reset it: %(reset)s")
        % {"reset": absolute(reverse("password_reset"))},
        _("If it was not you, ignore this message: nothing was changed."),
    ]
    send_mail(_("Your Communs account"), "\n\n".join(paragraphs), None, [user.email])


@transaction.atomic
def account_confirm(*, user: User) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])
    AccountConfirmation.objects.filter(user=user).delete()
