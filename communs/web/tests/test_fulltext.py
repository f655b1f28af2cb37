"""Search through the full-text indexes: word starts, folded accents and case, the title first.

These tests run on SQLite in the first pass of `make test`; `test_fulltext_postgresql.py`
runs the same ones on PostgreSQL in the second pass, so both databases follow one set of
rules.
"""

from __future__ import annotations

import pytest
from django.db import connection

from communs.catalog.fulltext import ensure_fulltext
from communs.catalog.models import Software
from communs.catalog.tests.factories import SoftwareFactory
from communs.territories.models import InseeAlias, Organisation
from communs.territories.views import organisations_matching

pytestmark = pytest.mark.django_db


def names(query):
    return [s.name for s in Software.objects.published().search(query)]


def found(query):
    return [o.name for o in organisations_matching(Organisation.objects.all(), query)]


def test_a_query_word_matches_the_start_of_a_word_accents_and_case_folded():
    SoftwareFactory(name="Géoportail", slug="geoportail", short_description_fr="Cartes")
    SoftwareFactory(name="Design", slug="design", short_description_fr="Outil de conception")
    assert names("GEO") == ["Géoportail"]
    assert names("géoport") == ["Géoportail"]
    assert names("sign") == []  # inside a word: no
    assert names("concep") == ["Design"]  # a description's word


def test_every_word_of_the_query_must_match_and_the_title_comes_first():
    SoftwareFactory(name="Alpha", slug="alpha", short_description_fr="Cartographie libre")
    SoftwareFactory(name="Carto libre", slug="carto-libre", short_description_fr="Outil")
    SoftwareFactory(name="Beta", slug="beta", short_description_fr="Cartographie")
    assert names("carto libre") == ["Carto libre", "Alpha"]
    assert names("carto") == ["Carto libre", "Alpha", "Beta"]


def test_an_edited_entry_is_found_by_its_new_words_only():
    software = SoftwareFactory(name="Ancien", slug="ancien", short_description_fr="Rien")
    software.name = "Nouveau"
    software.save()
    assert names("nouveau") == ["Nouveau"]
    assert names("ancien") == ["Nouveau"]  # the slug keeps the old word
    software.delete()
    assert names("nouveau") == []


def test_organisations_are_found_by_name_codes_and_former_codes():
    grand = Organisation.objects.create(
        kind="commune",
        name="Saint-Étienne",
        insee_code="42218",
        siren="214202186",
        population=170_000,
        postcodes=["42000", "42100"],
    )
    Organisation.objects.create(kind="commune", name="Saint-Étienne-de-Tinée", population=300)
    Organisation.objects.create(kind="commune", name="Toussaint", population=700)
    InseeAlias.objects.create(code="42999", name="Ancienne", organisation=grand, reason="fusion")
    assert found("saint etienne") == ["Saint-Étienne", "Saint-Étienne-de-Tinée"]
    assert found("SAINT") == ["Saint-Étienne", "Saint-Étienne-de-Tinée"]  # not Toussaint
    assert found("42218") == ["Saint-Étienne"]
    assert found("214202186") == ["Saint-Étienne"]
    assert found("42100") == ["Saint-Étienne"]
    assert found("4210") == []  # a postcode matches whole
    assert found("42999") == ["Saint-Étienne"]


def test_an_organisation_renamed_is_found_by_its_new_name():
    commune = Organisation.objects.create(kind="commune", name="Vieilleville")
    commune.name = "Neuveville"
    commune.save()
    assert found("neuve") == ["Neuveville"]
    assert found("vieille") == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's triggers only")
def test_the_index_is_rebuilt_when_a_migration_dropped_its_triggers():
    SoftwareFactory(name="Rebâti", slug="rebati", short_description_fr="Outil")
    with connection.cursor() as cursor:
        for suffix in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER catalog_software_fts_{suffix}")
        cursor.execute(
            "INSERT INTO catalog_software_fts(catalog_software_fts) VALUES ('delete-all')"
        )
    assert names("rebati") == []
    ensure_fulltext()
    assert names("rebati") == ["Rebâti"]
