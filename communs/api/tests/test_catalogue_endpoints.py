import pytest

pytestmark = pytest.mark.django_db


def test_the_software_list_filters_as_the_catalogue_page_does(client, world):
    assert [s["slug"] for s in client.get("/api/v1/software").json()["results"]] == [
        "libreoffice",
        "qgis",
    ]
    by_query = client.get("/api/v1/software", {"q": "qgis"}).json()["results"]
    assert [s["slug"] for s in by_query] == ["qgis"]
    by_category = client.get("/api/v1/software", {"category": "geographic-information-systems"})
    assert [s["slug"] for s in by_category.json()["results"]] == ["qgis"]
    weak = client.get("/api/v1/software", {"licence": "weak-copyleft"}).json()["results"]
    assert [s["slug"] for s in weak] == ["libreoffice"]


def test_a_cursor_walks_the_whole_list_once(client, world):
    first = client.get("/api/v1/software", {"limit": 1}).json()
    assert [s["slug"] for s in first["results"]] == ["libreoffice"]
    second = client.get(first["next"]).json()
    assert [s["slug"] for s in second["results"]] == ["qgis"]
    assert second["next"] is None


def test_a_software_carries_its_licence_facts_and_latest_evaluation(client, world):
    body = client.get("/api/v1/software/qgis").json()
    assert (body["licence"], body["licence_family"], body["licence_is_free"]) == (
        "GPL-2.0-or-later",
        "strong-copyleft",
        True,
    )
    assert body["categories"] == ["geographic-information-systems"]
    assert body["repository_url"] == "https://github.com/qgis/QGIS"
    summary = body["latest_evaluation"]
    assert summary["scores"] == {
        "community": 8.0,
        "practices": 6.5,
        "security": None,
        "integration": 7.0,
    }
    assert [c["id"] for c in summary["checks"]] == ["community.bus_factor", "security.policy"]


def test_an_evaluation_gives_every_check_with_its_reason_and_evidence(client, world):
    evaluation_id = client.get("/api/v1/software/qgis").json()["latest_evaluation"]["id"]
    body = client.get(f"/api/v1/evaluations/{evaluation_id}").json()
    assert body["software"] == "qgis"
    assert body["checks"][0]["evidence"] == {"bus_factor": 5}
    assert body["checks"][0]["reason"] == "Five people wrote half the commits."
    listed = client.get("/api/v1/evaluations", {"software": "qgis"}).json()["results"]
    assert [e["id"] for e in listed] == [evaluation_id]


def test_categories_and_providers_are_served(client, world):
    categories = client.get("/api/v1/categories").json()
    gis = next(c for c in categories if c["slug"] == "geographic-information-systems")
    assert gis["software_count"] == 1
    assert gis["label_fr"] != gis["label_en"]
    provider = client.get("/api/v1/providers/geo-coop").json()
    assert provider["software"] == ["qgis"]
    assert client.get("/api/v1/providers").json()[0]["slug"] == "geo-coop"


def test_a_draft_is_not_found(client, world):
    response = client.get("/api/v1/software/draft-secret-software")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
