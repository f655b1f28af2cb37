"""What an event says, in the active language (events store data, never sentences)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from communs.alerts.models import Event


def event_title(event: Event) -> str:
    params = {"software": event.software.name, **event.params}
    if event.kind == "security-drop":
        return _("The security score of %(software)s fell from %(before)s to %(after)s.") % params
    if event.kind == "release":
        return _("%(software)s published a new release (%(releases)s in all).") % params
    if event.kind == "vulnerability":
        return (
            _("A known vulnerability in a dependency of %(software)s: %(id)s (%(package)s).")
            % params
        )
    if event.kind == "need":
        return _("A shared need about %(software)s: %(title)s") % params
    if event.kind == "campaign":
        return _("A co-funding campaign about %(software)s: %(title)s") % params
    return event.key
