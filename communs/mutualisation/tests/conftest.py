"""The personas of pooling: two communes in one département, their agents, a maintainer."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from communs.catalog.tests.factories import SoftwareFactory
from communs.mutualisation.models import Campaign, Maintainer, Need, Quote, Transition
from communs.territories.models import Membership, Organisation


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    """Hashing passwords is the slowest part of making personas; these tests sign in by force."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def person(username: str) -> User:
    return User.objects.create_user(username, f"{username}@example.org", "not-a-secret-42")


@pytest.fixture
def world(db: None, curator: User, outsider: User) -> dict[str, Any]:
    region = Organisation.objects.create(
        kind="region", name="Auvergne-Rhône-Alpes", insee_code="84"
    )
    departement = Organisation.objects.create(
        kind="departement", name="Haute-Savoie", insee_code="74", region=region
    )
    other_dep = Organisation.objects.create(kind="departement", name="Ain", insee_code="01")
    commune = Organisation.objects.create(
        kind="commune",
        name="Bonneville",
        insee_code="74042",
        population=12000,
        departement=departement,
        region=region,
    )
    neighbour = Organisation.objects.create(
        kind="commune",
        name="Cluses",
        insee_code="74081",
        population=18000,
        departement=departement,
        region=region,
    )
    far = Organisation.objects.create(
        kind="commune", name="Ambérieu", insee_code="01004", population=14000, departement=other_dep
    )
    agent = person("anne.agent")
    Membership.objects.create(organisation=commune, user=agent, status="approved")
    neighbour_agent = person("nina.neighbour")
    Membership.objects.create(organisation=neighbour, user=neighbour_agent, status="approved")
    requester = person("rita.requested")  # asked to join Cluses, not yet approved
    Membership.objects.create(organisation=neighbour, user=requester)
    maintainer = person("max.maintainer")
    software = SoftwareFactory(slug="qgis", name="QGIS")
    other_software = SoftwareFactory(slug="lutece", name="Lutece")
    Maintainer.objects.create(software=software, user=maintainer)  # type: ignore[misc]
    return {
        "region": region,
        "departement": departement,
        "other_dep": other_dep,
        "commune": commune,
        "neighbour": neighbour,
        "far": far,
        "agent": agent,
        "neighbour_agent": neighbour_agent,
        "requester": requester,
        "maintainer": maintainer,
        "curator": curator,
        "outsider": outsider,
        "software": software,
        "other_software": other_software,
    }


@pytest.fixture
def need(world: dict[str, Any]) -> Need:
    return Need.objects.create(
        title="Impression A0",
        description="Imprimer les plans en A0.",
        software=world["software"],
        raised_by=world["commune"],
        proposed_by=world["agent"],
        status=Need.Status.OPEN,
    )


def make_campaign(
    world: dict[str, Any], need: Need, state: str = "open", **values: Any
) -> Campaign:
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        need=need,
        title=values.pop("title", "Module A0"),
        scope="Développer le module.",
        target=values.pop("target", Decimal("30000.00")),
        deadline=values.pop("deadline", today + timedelta(days=60)),
        vehicle="groupement",
        coordinator=world["commune"],
        state=state,
        created_by=world["agent"],
        **values,
    )
    Quote.objects.create(
        campaign=campaign,
        provider="Oslandia",
        amount_excl_vat=Decimal("25000.00"),
        amount_incl_vat=Decimal("30000.00"),
        valid_until=today + timedelta(days=90),
    )
    Transition.objects.create(campaign=campaign, source="", target=state, by=world["agent"])
    return campaign


@pytest.fixture
def campaign(world: dict[str, Any], need: Need) -> Campaign:
    return make_campaign(world, need)
