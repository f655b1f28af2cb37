import json

import pytest

pytestmark = pytest.mark.django_db


def test_accepted_needs_are_served_with_their_endorsements(client, world):
    needs = client.get("/api/v1/needs").json()["results"]
    assert [n["title"] for n in needs] == ["Export GeoPackage"]  # the proposed one waits
    need = needs[0]
    assert (need["software"], need["raised_by"], need["status"]) == (
        "qgis",
        world["commune"].pk,
        "open",
    )
    assert need["endorsements"] == [
        {
            "organisation": world["commune"].pk,
            "context": "12 écoles",
            "budget": "1500.00",
            "created_at": need["endorsements"][0]["created_at"],
        }
    ]
    assert client.get(f"/api/v1/needs/{need['id']}").json() == need
    assert client.get("/api/v1/needs", {"status": "delivered"}).json()["results"] == []


def test_campaigns_give_the_total_pledged_but_not_the_pledges(client, world):
    campaigns = client.get("/api/v1/campaigns", {"software": "qgis"}).json()["results"]
    assert [c["title"] for c in campaigns] == ["Financer l’export GeoPackage"]  # no draft
    campaign = campaigns[0]
    assert (campaign["pledged"], campaign["target"], campaign["need"]) == (
        "5000.00",
        "20000.00",
        world["need"].pk,
    )
    assert "pledges" not in json.dumps(campaign)
    detail = client.get(f"/api/v1/campaigns/{world['campaign'].pk}")
    assert detail.json()["coordinator"] == world["commune"].pk


def test_a_need_whose_software_is_a_draft_is_not_served(client, world):
    world["qgis"].status = "draft"
    world["qgis"].save()
    assert client.get("/api/v1/needs").json()["results"] == []
    assert client.get(f"/api/v1/campaigns/{world['campaign'].pk}").status_code == 404
