"""Shared projects: created, joined and governed by clicking; roadmap, money and contributors."""

from datetime import datetime
from decimal import Decimal

import pytest

from communs.evaluations.models import Evaluation
from communs.evaluations.tests.factories import report
from communs.mutualisation.models import Need, Pledge, ProjectMember, SharedProject
from communs.mutualisation.tests.conftest import make_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world):
    project = SharedProject.objects.create(
        name="QGIS pour les communes", software=world["software"], description="Ensemble."
    )
    ProjectMember.objects.create(project=project, organisation=world["commune"], role="leader")
    return project


def test_a_member_starts_a_project_and_their_organisation_leads_it(client, world):
    client.force_login(world["agent"])
    assert client.get("/projects/new/").status_code == 200
    response = client.post(
        "/projects/new/",
        {
            "name": "QGIS pour les communes",
            "software": world["software"].pk,
            "description": "Un greffon commun.",
            "governance": "Un comité de pilotage par trimestre.",
            "organisation": world["commune"].pk,
        },
    )
    project = SharedProject.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/projects/{project.pk}/"
    member = ProjectMember.objects.get()
    assert (member.organisation, member.role, member.joined_by) == (
        world["commune"],
        "leader",
        world["agent"],
    )
    page = client.get("/projects/").content.decode()
    assert "QGIS pour les communes" in page


def test_a_project_without_codebase_comes_back_with_what_was_typed(client, world):
    client.force_login(world["agent"])
    response = client.post(
        "/projects/new/",
        {"name": "Sans code", "description": "x", "organisation": world["commune"].pk},
    )
    assert response.status_code == 400 and 'value="Sans code"' in response.content.decode()
    assert not SharedProject.objects.exists()


def test_people_without_organisation_cannot_start_a_project(client, world):
    client.force_login(world["outsider"])
    assert client.get("/projects/new/").status_code == 403
    # The list offers them the way to their organisation, not a button that refuses.
    page = client.get("/projects/").content.decode()
    assert "/projects/new/" not in page and 'href="/organisations/"' in page
    client.force_login(world["agent"])
    assert "/projects/new/" in client.get("/projects/").content.decode()


def test_an_organisation_joins_as_contributor_but_only_a_leader_names_a_leader(
    client, world, project
):
    client.force_login(world["neighbour_agent"])
    refused = client.post(
        f"/projects/{project.pk}/join/", {"organisation": world["neighbour"].pk, "role": "leader"}
    )
    assert (
        refused.status_code == 400 and "Seule une organisation pilote" in refused.content.decode()
    )
    assert project.members.count() == 1
    client.post(
        f"/projects/{project.pk}/join/",
        {"organisation": world["neighbour"].pk, "role": "contributor"},
    )
    assert project.members.get(organisation=world["neighbour"]).role == "contributor"
    client.force_login(world["outsider"])
    response = client.post(
        f"/projects/{project.pk}/join/", {"organisation": world["far"].pk, "role": "user"}
    )
    assert response.status_code == 400 and project.members.count() == 2


def test_leaders_edit_the_governance_and_others_may_not(client, world, project):
    client.force_login(world["neighbour_agent"])
    response = client.post(f"/projects/{project.pk}/governance/", {"governance": "Moi seul"})
    assert response.status_code == 403
    client.force_login(world["agent"])
    client.post(f"/projects/{project.pk}/governance/", {"governance": "Vote à la majorité"})
    project.refresh_from_db()
    assert project.governance == "Vote à la majorité"
    assert "Vote à la majorité" in client.get(f"/projects/{project.pk}/").content.decode()


def test_the_page_shows_the_roadmap_and_money_pooled_against_alone(client, world, need, project):
    campaign = make_campaign(world, need, state="funded")
    Pledge.objects.create(
        campaign=campaign, organisation=world["commune"], amount=Decimal("12000.00")
    )
    Pledge.objects.create(
        campaign=campaign, organisation=world["neighbour"], amount=Decimal("18000.00")
    )
    Pledge.objects.create(  # released: counts for nothing
        campaign=campaign, organisation=world["far"], amount=Decimal("5.00"), state="released"
    )
    Need.objects.create(title="Proposé", description="x", software=world["software"])
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert "Impression A0" in page and "Module A0" in page and "Proposé" not in page
    # Bonneville pledged 12,000 where alone it would pay the whole 30,000.
    assert "12\xa0000,00 €</td><td>30\xa0000,00 €</td><td>18\xa0000,00 €" in page
    assert "18\xa0000,00 €</td><td>30\xa0000,00 €</td><td>12\xa0000,00 €" in page
    assert "<td>30\xa0000,00 €</td><td>60\xa0000,00 €</td>" in page
    assert "Ambérieu" not in page
    assert "pas encore été évalué" in page


def test_contributors_come_from_the_latest_evaluation(client, world, project):
    data = report({})
    data["facts"]["top_organisations_24m"] = {"oslandia.com": 61.5, "ville-exemple.fr": 20.0}
    Evaluation.objects.create(
        software=world["software"],
        target=data["target"],
        head=data["head"],
        as_of=datetime.fromisoformat("2026-11-01T23:59:59+00:00"),
        method_version=data["method_version"],
        report=data,
    )
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert "oslandia.com : 61,5 %" in page and "ville-exemple.fr : 20,0 %" in page
