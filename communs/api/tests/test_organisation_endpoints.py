import pytest

pytestmark = pytest.mark.django_db


def test_an_organisation_is_found_by_id_siren_or_insee_code(client, world):
    commune = world["commune"]
    by_id = client.get(f"/api/v1/organisations/{commune.pk}").json()
    by_siren = client.get(f"/api/v1/organisations/siren/{commune.siren}").json()
    by_insee = client.get("/api/v1/organisations/insee/74042").json()
    assert by_id == by_siren == by_insee
    assert (by_id["name"], by_id["insee_code"]) == (commune.name, "74042")


def test_an_organisation_gives_its_hierarchy_nearest_first(client, world):
    body = client.get(f"/api/v1/organisations/{world['commune'].pk}").json()
    assert [parent["kind"] for parent in body["hierarchy"]] == ["epci", "departement", "region"]
    assert body["departement"]["insee_code"] == "74"


def test_an_ambiguous_insee_code_asks_for_a_kind(client, world):
    from communs.territories.models import Organisation

    if not Organisation.objects.filter(insee_code="84").count() > 1:
        Organisation.objects.create(kind="departement", name="Vaucluse", insee_code="84")
    response = client.get("/api/v1/organisations/insee/84")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "ambiguous"
    assert (
        client.get("/api/v1/organisations/insee/84", {"kind": "region"}).json()["kind"] == "region"
    )


def test_the_list_filters_by_kind(client, world):
    results = client.get("/api/v1/organisations", {"kind": "region", "limit": 200}).json()[
        "results"
    ]
    assert results and {o["kind"] for o in results} == {"region"}


def test_declarations_and_experiences_are_served_with_their_public_fields(client, world):
    declarations = client.get("/api/v1/declarations", {"software": "qgis"}).json()["results"]
    assert [(d["organisation"], d["instance_url"]) for d in declarations] == [
        (world["commune"].pk, "https://qgis.bonneville.example.fr")
    ]
    experiences = client.get("/api/v1/experiences").json()["results"]
    assert [e["title"] for e in experiences] == ["Cartes des réseaux"]
