"""Finding an organisation by name as people type it: no accents, hyphens or capitals needed."""

from pathlib import Path

import pytest

from communs.territories.models import Organisation
from communs.territories.services import territories_import

pytestmark = pytest.mark.django_db
EXTRACT = Path(__file__).resolve().parent / "data"


@pytest.fixture
def found(client, db):
    territories_import(source=EXTRACT, edition="2026")

    def names(query):
        return [o.name for o in client.get("/organisations/", {"q": query}).context["page"]]

    return names


def test_accents_hyphens_and_case_are_folded(found):
    Organisation.objects.create(kind="public-body", name="Saint-Étienne Métropole numérique")
    assert found("saint-etienne") == ["Saint-Étienne Métropole numérique"]
    assert found("SAINT ETIENNE") == ["Saint-Étienne Métropole numérique"]
    assert found("glieres val") == ["Glières-Val-de-Borne"]


def test_a_word_inside_a_word_does_not_match(found):
    # "ville" is inside "Bonneville" but starts none of its words.
    assert "Bonneville" not in found("ville")
    assert "Bonneville" in found("bonne")


def test_the_exact_name_comes_first_then_names_that_start_with_the_query(found):
    Organisation.objects.create(kind="public-body", name="Syndicat de Bonneville", population=9e6)
    Organisation.objects.create(kind="public-body", name="Bonneville Numérique")
    assert found("bonneville") == ["Bonneville", "Bonneville Numérique", "Syndicat de Bonneville"]


def test_the_import_stores_the_folded_name(found):
    assert Organisation.objects.get(kind="commune", insee_code="74042").search_name == "bonneville"


def test_organisations_sort_ignoring_accents_and_case(db):
    for name in ("Zonza", "Écully", "eybens", "Abbeville"):
        Organisation.objects.create(kind="public-body", name=name)
    assert [o.name for o in Organisation.objects.all()] == [
        "Abbeville",
        "Écully",
        "eybens",
        "Zonza",
    ]
