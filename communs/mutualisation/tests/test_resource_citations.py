"""A campaign cites documents of the resource library, and the resource page says so."""

from __future__ import annotations

import datetime

import pytest

from communs.resources.models import Resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(world):
    return Resource.objects.create(
        software=world["software"],
        kind="specifications",
        title="Cahier des charges A0",
        licence="CC-BY-4.0",
        published_on=datetime.date(2025, 1, 1),
        language="fr",
        external_url="https://example.org/cctp",
    )


def test_the_coordinator_cites_a_resource_and_the_resource_page_shows_the_campaign(
    client, world, campaign, guide
):
    client.force_login(world["agent"])
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert "Cahier des charges A0" in html  # offered in the list of citable resources
    response = client.post(f"/campaigns/{campaign.pk}/resources/", {"resource": guide.pk})
    assert response.status_code == 302
    assert list(campaign.cited_resources.all()) == [guide]
    for language, heading in (("fr", "Campagnes qui la citent"), ("en", "Campaigns that cite it")):
        client.cookies["django_language"] = language
        page = client.get(f"/resources/{guide.pk}/").content.decode()
        assert heading in page and campaign.title in page
    client.post(f"/campaigns/{campaign.pk}/resources/", {"resource": guide.pk, "action": "remove"})
    assert not campaign.cited_resources.exists()


def test_only_the_coordinating_organisation_cites(client, world, campaign, guide):
    client.force_login(world["neighbour_agent"])
    response = client.post(f"/campaigns/{campaign.pk}/resources/", {"resource": guide.pk})
    assert response.status_code == 403
    assert not campaign.cited_resources.exists()


def test_a_draft_campaign_is_not_shown_on_the_resource_page(client, world, campaign, guide):
    campaign.cited_resources.add(guide)
    campaign.state = "draft"
    campaign.save()
    assert campaign.title not in client.get(f"/resources/{guide.pk}/").content.decode()
