# mypy: disable-error-code="list-item,misc"
"""A small public world with private data planted in it, for the API and the dumps.

Every private value is a distinctive string (``SECRETS``): a test that finds one of them
in an answer or a file has found a leak.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User

from communs.catalog.models import Provider
from communs.catalog.tests.factories import SoftwareFactory
from communs.evaluations.models import Evaluation
from communs.evaluations.tests.factories import check, report
from communs.mutualisation.models import Campaign, Endorsement, Need, Pledge
from communs.territories.models import Membership, Organisation
from communs.territories.services import territories_import
from communs.usage.models import Experience, UsageDeclaration

EXTRACT = Path(__file__).resolve().parents[2] / "territories" / "tests" / "data"

SECRETS = {
    "private_instance": "https://intranet-secret-instance.bonneville.example.fr",
    "referent_email": "referent-secret@bonneville.example.fr",
    "referent_name": "Rosalie-Secret-Referent",
    "notes": "internal-notes-secret-budget",
    "hidden_experience": "Hidden-secret-experience-title",
    "moderation_reason": "curator-secret-reason",
    "unconfirmed_organisation": "Mairie-secret-unconfirmed",
    "draft_software": "draft-secret-software",
    "local_repository": "/srv/secret-clone-path",
    "proposed_need": "Proposed-secret-need-title",
    "draft_campaign": "Draft-secret-campaign-title",
    "pledge_deliberation": "DEL-secret-2026-042",
}


def stored_evaluation(software: Any, scores: dict[str, Any], **kwargs: Any) -> Evaluation:
    data = report(scores, **kwargs)
    # Facts the engine records since its latest method (the shared factory may lag behind).
    for key, value in {
        "bots_total": 0,
        "bot_commits_12m": 0,
        "releases_total": 2,
        "anomalies": [],
    }.items():
        data["facts"].setdefault(key, value)
    return Evaluation.objects.create(
        software=software,
        target=data["target"],
        head=data["head"],
        as_of=datetime.fromisoformat(data["as_of"].replace("Z", "+00:00")),
        method_version=data["method_version"],
        report=data,
    )


def build_world() -> dict[str, Any]:
    territories_import(source=EXTRACT, edition="2026")
    commune = Organisation.objects.get(kind="commune", insee_code="74042")  # Bonneville
    referent = User.objects.create_user(
        "rosalie", SECRETS["referent_email"], "not-a-secret-42", first_name=SECRETS["referent_name"]
    )
    Membership.objects.create(organisation=commune, user=referent, status="approved")
    qgis = SoftwareFactory(
        slug="qgis",
        name="QGIS",
        licence="GPL-2.0-or-later",
        repository_url="https://github.com/qgis/QGIS",
        local_repository=SECRETS["local_repository"],
        categories=["geographic-information-systems"],
        development_status="stable",
        software_type="standalone/desktop",
        maintenance_type="community",
        maintenance_contacts=[{"name": "Équipe QGIS"}],
        long_description_fr="QGIS est un système d’information géographique libre. " * 4,
        available_languages=["fr", "en"],
    )
    libre = SoftwareFactory(slug="libreoffice", name="LibreOffice", licence="MPL-2.0")
    SoftwareFactory(slug=SECRETS["draft_software"], name="Draft", status="draft")
    provider = Provider.objects.create(slug="geo-coop", name="Géo Coop", siren="")
    provider.software.set([qgis])
    stored_evaluation(
        qgis,
        {"community": 8.0, "practices": 6.5, "security": None, "integration": 7.0},
        checks=[
            check(
                "community.bus_factor",
                8,
                "pass",
                "Five people wrote half the commits.",
                {"bus_factor": 5},
            ),
            check("security.policy", None, "not_applicable", "No policy needed."),
        ],
    )
    public_declaration = UsageDeclaration.objects.create(
        organisation=commune,
        software=qgis,
        status="production",
        version="3.34",
        instance_url="https://qgis.bonneville.example.fr",
        instance_public=True,
        referent=referent,
        referent_contactable=True,
        notes=SECRETS["notes"],
    )
    private_declaration = UsageDeclaration.objects.create(
        organisation=commune,
        software=libre,
        status="production",
        instance_url=SECRETS["private_instance"],
        instance_public=False,
        referent=referent,
        referent_contactable=True,
    )
    unconfirmed = Organisation.objects.create(
        kind="public-body", name=SECRETS["unconfirmed_organisation"], confirmed=False
    )
    UsageDeclaration.objects.create(organisation=unconfirmed, software=qgis, status="evaluating")
    story = Experience.objects.create(
        kind="testimonial",
        organisation=commune,
        software=qgis,
        author=referent,
        title="Cartes des réseaux",
        body="Nous avons migré nos cartes.",
    )
    Experience.objects.create(
        kind="difficulty",
        organisation=commune,
        software=qgis,
        author=referent,
        title=SECRETS["hidden_experience"],
        body="Spam",
        moderation="hidden",
        moderation_reason=SECRETS["moderation_reason"],
    )
    need = Need.objects.create(
        title="Export GeoPackage",
        description="Exporter les couches en GeoPackage.",
        software=qgis,
        raised_by=commune,
        proposed_by=referent,
        status="open",
    )
    Need.objects.create(
        title=SECRETS["proposed_need"], description="d", software=qgis, proposed_by=referent
    )
    Endorsement.objects.create(
        need=need, organisation=commune, context="12 écoles", budget=Decimal("1500.00"), by=referent
    )
    campaign = Campaign.objects.create(
        need=need,
        title="Financer l’export GeoPackage",
        scope="Développement et tests.",
        target=Decimal("20000.00"),
        deadline=date(2030, 1, 31),
        vehicle="groupement",
        coordinator=commune,
        state="open",
        created_by=referent,
    )
    Pledge.objects.create(
        campaign=campaign,
        organisation=commune,
        amount=Decimal("5000.00"),
        deliberation=SECRETS["pledge_deliberation"],
        by=referent,
    )
    Campaign.objects.create(
        need=need,
        title=SECRETS["draft_campaign"],
        scope="s",
        target=Decimal("100.00"),
        deadline=date(2030, 1, 31),
        vehicle="groupement",
        coordinator=commune,
        created_by=referent,
    )
    return {
        "need": need,
        "campaign": campaign,
        "commune": commune,
        "unconfirmed": unconfirmed,
        "qgis": qgis,
        "libre": libre,
        "provider": provider,
        "public_declaration": public_declaration,
        "private_declaration": private_declaration,
        "story": story,
        "referent": referent,
    }
