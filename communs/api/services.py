"""Writes about API tokens: only an organisation's administrators create and revoke them."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communs.api.models import TOKEN_PREFIX, ApiToken, token_digest, token_new
from communs.french import with_prepositions
from communs.territories.models import Organisation
from communs.territories.services import NotAllowed


def _admin_or_refuse(organisation: Organisation, user: Any) -> None:
    if not organisation.is_admin(user):
        raise NotAllowed(
            with_prepositions(
                _("Only administrators of %(name)s may manage its API tokens.")
                % {"name": organisation.name},
                organisation,
            )
        )


@transaction.atomic
def token_create(
    *, organisation: Organisation, name: str, scopes: list[str], by: Any
) -> tuple[ApiToken, str]:
    """A new token and its secret, which the caller shows once: only its digest is kept."""
    _admin_or_refuse(organisation, by)
    secret = token_new()
    token = ApiToken.objects.create(
        organisation=organisation,
        name=name.strip(),
        scopes=sorted(set(scopes)),
        prefix=secret[:12],
        digest=token_digest(secret),
        created_by=by,
    )
    return token, secret


@transaction.atomic
def token_revoke(*, token: ApiToken, by: Any) -> ApiToken:
    _admin_or_refuse(token.organisation, by)
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = by
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def token_find(secret: str) -> ApiToken | None:
    """The active token with this secret, or None (unknown and revoked alike)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    return (
        ApiToken.objects.select_related("organisation", "created_by")
        .filter(digest=token_digest(secret), revoked_at__isnull=True)
        .first()
    )
