"""The organisation list explains itself, filters by kind, région and département, numbers pages."""

from pathlib import Path

import pytest

from communs.territories import views
from communs.territories.models import Organisation
from communs.territories.services import territories_import

pytestmark = pytest.mark.django_db
EXTRACT = Path(__file__).resolve().parent / "data"


@pytest.fixture
def english(client):
    territories_import(source=EXTRACT, edition="2026")
    client.cookies["django_language"] = "en"
    return client


def names(response):
    return {o.name for o in response.context["page"]}


def test_the_list_says_what_it_lists_and_how_to_find_a_commune(english):
    html = english.get("/organisations/").content.decode()
    assert "from the official data" in html and "ask to join it" in html
    assert "search or choose a département to see communes" in html


def test_filters_by_kind_departement_and_region_combine(english):
    communes_of_ain = names(
        english.get("/organisations/", {"departement": "01", "kind": "commune"})
    )
    assert "L'Abergement-Clémenciat" in communes_of_ain and "Bonneville" not in communes_of_ain
    in_haute_savoie = names(english.get("/organisations/", {"departement": "74"}))
    assert {"Bonneville", "Haute-Savoie"} <= in_haute_savoie
    in_ile_de_france = names(english.get("/organisations/", {"region": "11"}))
    assert "Paris" in in_ile_de_france and "Bonneville" not in in_ile_de_france
    regions = names(english.get("/organisations/", {"kind": "region"}))
    assert regions == {"Île-de-France", "Auvergne-Rhône-Alpes"}
    both = names(english.get("/organisations/", {"q": "bonne", "departement": "01"}))
    assert "Bonneville" not in both


def test_a_filter_value_that_makes_no_sense_is_ignored_with_a_notice(english):
    response = english.get("/organisations/", {"departement": "999", "kind": "planet"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "The value given for “Département” is not known and was ignored." in html
    assert "The value given for “Kind” is not known and was ignored." in html


def test_pages_are_numbered_and_keep_the_filters(english, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for i in range(9):
        Organisation.objects.create(kind="public-body", name=f"Office {i}")
    response = english.get("/organisations/", {"kind": "public-body", "page": "2"})
    html = response.content.decode()
    assert 'href="?kind=public-body&amp;page=5"' in html
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2</a>' in html
