"""An Atom feed per organisation: the alerts about the software it declared.

Public, with no secret in its address: it shows only public facts (which confirmed
organisation declared which published software, and events about that software), as the
API does; unconfirmed organisations have none.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from communs.alerts.models import Event
from communs.alerts.services import organisation_events
from communs.territories.models import Organisation


class OrganisationAlertsFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, pk: int) -> Organisation:
        return get_object_or_404(Organisation, pk=pk, confirmed=True)

    def title(self, organisation: Organisation) -> str:
        return _("Communs: alerts for %(name)s") % {"name": organisation.name}

    def link(self, organisation: Organisation) -> str:
        return organisation.get_absolute_url()

    def feed_url(self, organisation: Organisation) -> str:
        return reverse("alerts:feed", kwargs={"pk": organisation.pk})

    def subtitle(self, organisation: Organisation) -> str:
        return _(
            "Security drops, known vulnerabilities, releases, shared needs and campaigns "
            "about its software; its contracts that end soon and the answers to its "
            "difficulties."
        )

    def items(self, organisation: Organisation) -> Any:
        return organisation_events(organisation)

    def item_title(self, item: Event) -> str:
        return item.title()

    def item_description(self, item: Event) -> str:
        return item.title()

    def item_link(self, item: Event) -> str:
        return item.url

    def item_guid(self, item: Event) -> str:
        return f"communs:event:{item.key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Event) -> datetime:
        return item.happened_at

    def item_updateddate(self, item: Event) -> datetime:
        return item.happened_at
