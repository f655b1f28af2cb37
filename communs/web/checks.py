"""System checks that keep a production deployment from starting with unsafe settings."""

from __future__ import annotations

from pathlib import Path
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


@register(Tags.security)
def resources_outside_the_web_root(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Uploaded documents must not be reachable as files of the site: only the download
    view serves them, as attachments with a sandboxing Content-Security-Policy."""
    resources = Path(settings.RESOURCES_ROOT).resolve()
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        served = Path(getattr(settings, name)).resolve()
        if resources == served or served in resources.parents:
            return [
                Error(
                    f"RESOURCES_ROOT is inside {name}, which is served as it is.",
                    hint="Point RESOURCES_ROOT to a folder that no web server serves.",
                    id="communs.E010",
                )
            ]
    return []
