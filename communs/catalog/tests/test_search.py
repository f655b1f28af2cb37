import pytest

from communs.catalog.models import Software
from communs.catalog.search import fold, query_terms
from communs.catalog.tests.factories import SoftwareFactory


def test_folding_removes_accents_and_case():
    assert fold("  Cartographie  GÉOGRAPHIQUE Œuvre ") == "cartographie geographique œuvre"


def test_a_query_keeps_at_most_ten_distinct_words():
    assert query_terms("b a b " + " ".join(f"w{i}" for i in range(20))) == [
        "b",
        "a",
        "w0",
        "w1",
        "w2",
        "w3",
        "w4",
        "w5",
        "w6",
        "w7",
    ]


@pytest.mark.django_db
class TestSearch:
    @pytest.fixture(autouse=True)
    def catalogue(self):
        SoftwareFactory(
            name="OpenStreetMap",
            slug="openstreetmap",
            short_description_fr="Carte du monde collaborative",
            usage_fr="Cartographie collaborative du territoire",
        )
        SoftwareFactory(
            name="LibreOffice",
            slug="libreoffice",
            short_description_fr="Suite bureautique",
            replaces=["Microsoft Office"],
        )
        SoftwareFactory(
            name="Évènements", slug="evenements", short_description_fr="Gestion d'événements"
        )

    def names(self, query):
        return [s.name for s in Software.objects.published().search(query)]

    def test_a_word_start_finds_the_entry_whatever_its_case(self):
        assert self.names("carto") == ["OpenStreetMap"]
        assert self.names("CARTO") == ["OpenStreetMap"]

    def test_accents_are_ignored_both_ways(self):
        assert self.names("evenement") == ["Évènements"]
        assert self.names("évènements") == ["Évènements"]

    def test_every_word_must_match(self):
        assert self.names("suite bureautique") == ["LibreOffice"]
        assert self.names("suite cartographie") == []

    def test_the_proprietary_product_replaced_is_searchable(self):
        assert self.names("microsoft") == ["LibreOffice"]

    def test_an_empty_query_returns_everything(self):
        assert len(self.names("   ")) == 3
