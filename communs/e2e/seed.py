"""The few people the journeys meet, added to a fresh server (run with `communs shell -c`).

Bruno administers Contamine-sur-Arve; Carla, of Ayse (a commune of the same size), uses
Nextcloud and agrees to be contacted about it. Marignier has no administrator, so the
curators decide on requests to join it.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from communs.catalog.models import Software
from communs.territories.models import Membership, Organisation
from communs.usage.models import UsageDeclaration

PASSWORD = "persona-Secret-2026"  # noqa: S105 (a throwaway server's test account)
BRUNO = ("bruno.admin", "bruno@contamine.example", "Contamine-sur-Arve")
CARLA = ("carla.agent", "carla@ayse.example", "Ayse")


def seed() -> None:
    people = {}
    for username, address, commune in (BRUNO, CARLA):
        user = User.objects.create_user(username, address, PASSWORD)
        organisation = Organisation.objects.get(kind="commune", name=commune)
        Membership.objects.create(
            organisation=organisation,
            user=user,
            role=Membership.Role.ADMIN,
            status=Membership.Status.APPROVED,
        )
        people[username] = (user, organisation)
    carla, ayse = people[CARLA[0]]
    UsageDeclaration.objects.create(
        organisation=ayse,
        software=Software.objects.get(slug="nextcloud"),
        status=UsageDeclaration.Status.PRODUCTION,
        since=datetime.date(2020, 9, 1),
        referent=carla,
        referent_contactable=True,
    )
