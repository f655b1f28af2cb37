"""Catalogue search matches word starts, ranks names first and sorts like a dictionary."""

import pytest

from communs.catalog.models import Software
from communs.catalog.search import words
from communs.catalog.tests.factories import SoftwareFactory

pytestmark = pytest.mark.django_db


def names(query):
    return [s.name for s in Software.objects.published().search(query)]


def test_words_drop_punctuation_accents_and_case():
    assert words("Saint-Étienne (42), l'SIG!") == "saint etienne 42 l sig"


def test_a_fragment_inside_a_word_does_not_match():
    SoftwareFactory(name="Keycloak", slug="keycloak", short_description_fr="Conçu par design")
    SoftwareFactory(name="QGIS", slug="qgis", short_description_fr="Un SIG de bureau")
    assert names("sig") == ["QGIS"]
    assert names("ent") == []
    assert names("desi") == ["Keycloak"]


def test_a_word_after_punctuation_matches():
    SoftwareFactory(name="Lizmap", slug="lizmap", short_description_fr="Cartes web (SIG) publiées")
    assert names("sig") == ["Lizmap"]


def test_a_match_in_the_name_comes_before_a_match_in_the_description():
    SoftwareFactory(name="Aardvark", slug="aardvark", short_description_fr="Pour publier une carte")
    SoftwareFactory(name="Zcarte", slug="zcarte", short_description_fr="Outil")
    SoftwareFactory(name="Carte libre", slug="carte-libre", short_description_fr="Carte")
    assert names("carte") == ["Carte libre", "Aardvark"]  # "Zcarte" starts no word with it
    assert names("carte libre") == ["Carte libre"]


def test_the_catalogue_sorts_ignoring_accents_and_case():
    for name in ("Zammad", "uMap", "Écrivain", "Etherpad", "alfresco"):
        SoftwareFactory(name=name, slug=words(name).replace(" ", "-"))
    assert [s.name for s in Software.objects.published()] == [
        "alfresco",
        "Écrivain",
        "Etherpad",
        "uMap",
        "Zammad",
    ]
