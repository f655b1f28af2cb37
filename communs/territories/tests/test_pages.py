from pathlib import Path

import pytest

from communs.territories.models import Organisation
from communs.territories.services import territories_import

pytestmark = pytest.mark.django_db
EXTRACT = Path(__file__).resolve().parent / "data"


@pytest.fixture
def english(client):
    territories_import(source=EXTRACT, edition="2026")
    client.cookies["django_language"] = "en"
    return client


def test_an_organisation_page_shows_identifiers_and_hierarchy(english):
    commune = Organisation.objects.get(kind="commune", insee_code="01001")
    html = english.get(f"/organisations/{commune.pk}/").content.decode()
    assert "210100012" in html and "01001" in html and "860" in html
    assert "CC de la Dombes" in html and "Ain" in html and "Auvergne-Rhône-Alpes" in html


def test_an_epci_page_lists_its_communes(english):
    epci = Organisation.objects.get(siren="200000172")
    response = english.get(f"/organisations/{epci.pk}/")
    assert len(response.context["members"]) == 7
    assert "7 member communes" in response.content.decode()


@pytest.mark.parametrize("query", ["Bonneville", "74042", "217400423", "74130"])
def test_organisations_are_found_by_name_code_siren_or_postcode(english, query):
    names = [o.name for o in english.get("/organisations/", {"q": query}).context["page"]]
    assert "Bonneville" in names


def test_a_former_code_finds_the_commune_it_joined(english):
    names = [o.name for o in english.get("/organisations/", {"q": "01039"}).context["page"]]
    assert names == ["Culoz-Béon"]


def test_unknown_organisations_and_absurd_queries(english):
    assert english.get("/organisations/999999/").status_code == 404
    response = english.get("/organisations/", {"q": "x" * 10_000, "page": "abc"})
    assert response.status_code == 200


def test_an_epci_lists_its_communes_as_read_accents_and_case_aside(english):
    epci = Organisation.objects.get(siren="200000172")
    for name in ("Écully", "zèbre", "Zurich"):
        Organisation.objects.create(kind="commune", name=name, epci=epci)
    members = english.get(f"/organisations/{epci.pk}/").context["members"]
    names = [commune.name for commune in members]
    # Accents and case aside: É among the E, a lowercase z among the Z, not after them.
    assert names[names.index("Contamine-sur-Arve") + 1] == "Écully"
    assert names[-2:] == ["zèbre", "Zurich"]
