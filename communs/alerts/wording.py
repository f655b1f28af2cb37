"""What an event says, in the active language (events store data, never sentences)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.utils import formats
from django.utils.translation import gettext as _

from communs.french import with_prepositions

if TYPE_CHECKING:
    from communs.alerts.models import Event


def event_title(event: Event) -> str:
    return with_prepositions(_event_title(event), event.software.name)


def _event_title(event: Event) -> str:
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
    if event.kind == "contract-end":
        return _("The contract with %(contractor)s for %(software)s ends on %(ends_on)s.") % {
            **params,
            "ends_on": _local_date(str(params.get("ends_on", ""))),
        }
    if event.kind == "answer":
        return _("%(by)s answered your difficulty with %(software)s: %(title)s") % params
    return event.key


def _local_date(iso: str) -> str:
    """An ISO date as the active language writes it (29 novembre 2026, November 29, 2026)."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return formats.date_format(day, "DATE_FORMAT")
