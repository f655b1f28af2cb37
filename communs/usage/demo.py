"""Demo usage data: a contractor with a contract ending in a few weeks, and a difficulty
with an answer, on the demo communes (their names start with "Démo –"), so that the
declaration form, the organisation's alerts and the answers are not empty. Safe to load
again."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from communs.catalog.models import Provider, Software
from communs.territories.models import Organisation
from communs.usage.models import Answer, Experience, UsageDeclaration

SOFTWARE_SLUG = "nextcloud"
ASKING = "Démo – Commune d’Aubrac"
ANSWERING = "Démo – Commune de Brissac"
CONTRACT_DAYS_LEFT = 75  # within the first alert's threshold (90 days by default)
DIFFICULTY_TITLE = "Démo – La synchronisation des agendas échoue après la mise à jour"


@transaction.atomic
def demo_usage_load() -> int:
    """Add the demo contract and the answered difficulty if missing; returns how many of
    the two were added."""
    software = Software.objects.published().filter(slug=SOFTWARE_SLUG).first()
    if software is None:
        return 0
    asking, _ = Organisation.objects.get_or_create(
        name=ASKING, defaults={"kind": Organisation.Kind.COMMUNE, "population": 11_000}
    )
    answering, _ = Organisation.objects.get_or_create(
        name=ANSWERING, defaults={"kind": Organisation.Kind.COMMUNE, "population": 14_500}
    )
    made = 0
    declaration, _ = UsageDeclaration.objects.get_or_create(
        organisation=asking,
        software=software,
        defaults={"status": UsageDeclaration.Status.PRODUCTION, "notes": "Démo"},
    )
    if declaration.contract_ends_on is None:
        provider = software.providers.order_by("name").first() or Provider.objects.first()
        if provider is None:
            declaration.contractor_name = "Démo – Atelier numérique"
        declaration.contractor = provider
        declaration.contract_ends_on = timezone.localdate() + datetime.timedelta(
            days=CONTRACT_DAYS_LEFT
        )
        declaration.save()
        made += 1
    difficulty, created = Experience.objects.get_or_create(
        organisation=asking,
        software=software,
        title=DIFFICULTY_TITLE,
        defaults={
            "kind": Experience.Kind.DIFFICULTY,
            "body": "Démo – Depuis la mise à jour, les agendas partagés ne se synchronisent "
            "plus sur les téléphones des agents.",
            "version": "28",
            "resolution": Experience.Resolution.OPEN,
        },
    )
    if created or not difficulty.answers.exists():
        Answer.objects.create(
            experience=difficulty,
            organisation=answering,
            body="Démo – Chez nous, réinstaller l’application *Calendar* après la mise à "
            "jour a suffi ; pensez aussi à vider le cache des téléphones.",
        )
        made += 1
    return made
