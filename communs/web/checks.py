"""System checks that keep a production deployment from starting with unsafe settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def production_settings(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    if settings.PRODUCTION and settings.DEBUG:
        errors.append(
            Error(
                "DEBUG is on in production: error pages would show settings and code.",
                hint="Unset DEBUG, or set DEBUG=false.",
                id="communs.E001",
            )
        )
    if settings.PRODUCTION and any(host in {"*", ".*"} for host in settings.ALLOWED_HOSTS):
        errors.append(
            Error(
                "ALLOWED_HOSTS accepts any host in production.",
                hint="List the site's host names in ALLOWED_HOSTS.",
                id="communs.E002",
            )
        )
    return errors
