"""Demo needs and one campaign in each state, marked as demo; safe to load again."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from communs.catalog.models import Category, Software
from communs.mutualisation.models import (
    Campaign,
    Endorsement,
    Milestone,
    Need,
    Pledge,
    ProjectMember,
    Quote,
    SharedProject,
)
from communs.territories.models import Organisation

DEMO_ORGANISATIONS = [
    ("Démo – Commune des Trois-Rivières", Organisation.Kind.COMMUNE, 12_000),
    ("Démo – Commune de Belmont", Organisation.Kind.COMMUNE, 18_000),
    ("Démo – Communauté de communes du Val", Organisation.Kind.EPCI, 45_000),
]

NEEDS = [
    ("Impression des plans en A0", "Imprimer les plans cadastraux en A0 sans délai."),
    ("Connecteur avec le parapheur électronique", "Envoyer les actes au parapheur en un clic."),
    ("Accessibilité RGAA des formulaires", "Rendre les formulaires conformes au RGAA 4.1."),
]

# One campaign per state; the share of the target pledged follows the state. The demo's
# content is French, like the needs above: titles say the state in French words.
TITLES = {
    "draft": "Démo – campagne en brouillon",
    "open": "Démo – campagne ouverte aux promesses",
    "funded": "Démo – campagne financée",
    "in-delivery": "Démo – campagne en cours de réalisation",
    "delivered": "Démo – campagne livrée",
    "expired": "Démo – campagne expirée",
    "cancelled": "Démo – campagne annulée",
}
STATES = list(TITLES)


def _rename_legacy_titles() -> None:
    """Earlier demos titled campaigns with the state's code ("Démo – campagne (cancelled)")."""
    for state, title in TITLES.items():
        Campaign.objects.filter(demo=True, title=f"Démo – campagne ({state})").update(title=title)


def _organisations() -> list[Organisation]:
    found = []
    for name, kind, population in DEMO_ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "population": population}
        )
        found.append(organisation)
    return found


def _demo_project(software: Software, organisations: list[Organisation]) -> None:
    project, made = SharedProject.objects.get_or_create(
        name="Démo – projet mutualisé",
        demo=True,
        defaults={
            "software": software,
            "description": "Projet de démonstration : trois collectivités développent ensemble.",
            "governance": "Un comité de pilotage par trimestre ; une voix par organisation.",
        },
    )
    if made:
        for organisation, role in zip(
            organisations, ["leader", "contributor", "user"], strict=True
        ):
            ProjectMember.objects.create(project=project, organisation=organisation, role=role)


@transaction.atomic
def demo_pooling_load() -> int:
    """Create the demo needs and campaigns if missing; returns how many campaigns were made."""
    software = Software.objects.published().order_by("slug").first()
    category = Category.objects.order_by("slug").first()
    if software is None and category is None:
        return 0
    organisations = _organisations()
    today = timezone.localdate()
    needs = []
    for index, (title, description) in enumerate(NEEDS):
        need, _ = Need.objects.get_or_create(
            title=title,
            demo=True,
            defaults={
                "description": description,
                "software": software,
                "category": None if software else category,
                "raised_by": organisations[index % 3],
                "status": Need.Status.OPEN,
            },
        )
        for organisation in organisations:
            Endorsement.objects.get_or_create(
                need=need, organisation=organisation, defaults={"context": "Démo"}
            )
        needs.append(need)
    _rename_legacy_titles()
    if software is not None:
        _demo_project(software, organisations)
    created = 0
    for index, state in enumerate(STATES):
        title = TITLES[state]
        if Campaign.objects.filter(title=title, demo=True).exists():
            continue
        past = state in ("expired",)
        campaign = Campaign.objects.create(
            need=needs[index % len(needs)],
            title=title,
            scope="Campagne de démonstration.",
            target=Decimal("30000.00"),
            deadline=today + timedelta(days=-10 if past else 60),
            vehicle=["groupement", "convention", "centrale", "spl", "subvention"][index % 5],
            coordinator=organisations[0],
            state=state,
            demo=True,
        )
        Quote.objects.create(
            campaign=campaign,
            provider="Prestataire de démonstration",
            amount_excl_vat=Decimal("25000.00"),
            amount_incl_vat=Decimal("30000.00"),
            valid_until=today + timedelta(days=90),
        )
        if state in ("funded", "in-delivery", "delivered"):
            pledge_state = {"funded": "pledged", "in-delivery": "committed"}.get(state, "paid")
            for organisation, amount in zip(
                organisations, ("10000.00", "8000.00", "12000.00"), strict=True
            ):
                Pledge.objects.create(
                    campaign=campaign,
                    organisation=organisation,
                    amount=Decimal(amount),
                    state=pledge_state,
                    deliberation="" if pledge_state == "pledged" else "Délibération de démo",
                )
            Milestone.objects.create(
                campaign=campaign,
                title="Version bêta",
                due=today + timedelta(days=30),
                progress=100 if state == "delivered" else 40,
                status="done" if state == "delivered" else "in-progress",
            )
        elif state in ("open", "expired", "cancelled"):
            Pledge.objects.create(
                campaign=campaign,
                organisation=organisations[1],
                amount=Decimal("5000.00"),
                state="pledged" if state == "open" else "released",
            )
        created += 1
    return created
