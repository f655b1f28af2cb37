"""The catalogue's pages (home, catalogue and its searches, comparison) kept rendered: read
without a query the second time, and shown anew at once when what they show changes."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communs.catalog.models import Category, Provider
from communs.catalog.tests.factories import SoftwareFactory
from communs.evaluations.tests.factories import evaluation
from communs.territories.models import Membership, Organisation
from communs.usage.models import UsageDeclaration

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_kept")]

PAGES = ("/", "/catalogue/", "/catalogue/?q=carto", "/compare/?s=cartolibre&s=tableur")


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def carto():
    software = SoftwareFactory(slug="cartolibre", name="Cartolibre", categories=["cad"])
    evaluation(software, {"community": 8.5, "practices": 6.2, "security": 3.0, "integration": 5})
    return software


@pytest.fixture
def tableur():
    software = SoftwareFactory(slug="tableur", name="Tableur libre")
    evaluation(software, {"community": 2.0, "practices": 2.0, "security": 2.0, "integration": 2})
    return software


def html(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def declare(software, name, kind="commune"):
    commune = Organisation.objects.create(kind=kind, name=name, population=1200)
    return UsageDeclaration.objects.create(
        organisation=commune, software=software, status="production"
    )


@pytest.mark.parametrize("path", PAGES)
def test_a_page_is_read_from_the_cache_the_second_time(english, carto, tableur, path):
    first = html(english, path)
    with CaptureQueriesContext(connection) as second:
        again = html(english, path)
    # The same page but for the token of the language form, masked anew at every response.
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", again) == token.sub("", first)
    assert len(second.captured_queries) == 0


def test_each_language_and_each_query_has_its_own_page(client, carto, tableur):
    french = html(client, "/catalogue/")
    client.cookies["django_language"] = "en"
    english = html(client, "/catalogue/")
    assert "Catalogue" in french and "software found" in english and "logiciel" in french
    assert "software found" not in french
    assert "Tableur libre" not in html(client, "/catalogue/?q=carto")
    assert "Tableur libre" in html(client, "/catalogue/?q=tableur")
    assert "Cartolibre" not in html(client, "/catalogue/?q=tableur")


def test_a_new_declaration_shows_at_once_on_the_cards(english, carto, tableur):
    for path in PAGES[:3]:
        assert "Used by 1 organisation" not in html(english, path)
    declaration = declare(carto, "Aubeville")
    for path in PAGES[:3]:
        assert "Used by 1 organisation (1 commune)" in html(english, path)
    declaration.delete()
    for path in PAGES[:3]:
        assert "Used by 1 organisation" not in html(english, path)


def test_an_organisation_that_changes_kind_shows_at_once(english, carto):
    commune = declare(carto, "Aubeville").organisation
    assert "(1 commune)" in html(english, "/catalogue/")
    commune.kind = "intercommunality"
    commune.save()
    page = html(english, "/catalogue/")
    assert "(1 commune)" not in page and "Used by 1 organisation" in page


def test_a_new_evaluation_shows_at_once(english, carto, tableur):
    compared = html(english, PAGES[3])
    assert "9.5/10" not in compared
    evaluation(tableur, {"community": 9.5, "practices": 2.0, "security": 2.0, "integration": 2})
    assert "9.5/10" in html(english, PAGES[3])
    assert "Tableur libre : 9.5" not in html(english, "/")  # the card's text is per criterion
    assert "Community : 9.5/10 (Strong)" in html(english, "/catalogue/?q=tableur")


def test_a_new_or_renamed_software_shows_at_once(english, carto):
    for path in PAGES[:2]:
        assert "Géoplan" not in html(english, path)
    added = SoftwareFactory(slug="geoplan", name="Géoplan")
    for path in PAGES[:2]:
        assert "Géoplan" in html(english, path)
    added.name = "Géoplan 2"
    added.save()
    assert "Géoplan 2" in html(english, "/catalogue/")
    added.status = "draft"
    added.save()
    assert "Géoplan" not in html(english, "/catalogue/")


def test_categories_and_providers_show_at_once(english, carto, tableur):
    assert "Computer-aided design" in html(english, "/catalogue/")  # "cad", on the card
    assert "Office" not in html(english, "/catalogue/?q=tableur")
    tableur.categories.add(Category.objects.get_or_create(slug="office")[0])
    assert "Office" in html(english, "/catalogue/?q=tableur")
    provider = Provider.objects.create(slug="atelier", name="Atelier du libre")
    assert "Atelier du libre" not in html(english, PAGES[3])
    provider.software.add(tableur)
    assert "Atelier du libre" in html(english, PAGES[3])
    provider.name = "Atelier libre et ouvert"
    provider.save()
    assert "Atelier libre et ouvert" in html(english, PAGES[3])


def test_a_member_sees_the_kept_catalogue_and_their_own_part(english, carto, outsider):
    html(english, "/")  # kept for everyone
    commune = declare(carto, "Aubeville").organisation
    Membership.objects.create(organisation=commune, user=outsider, status="approved")
    english.force_login(outsider)
    page = html(english, "/")
    assert "Used by organisations like Aubeville" in page
    assert "Declare for Aubeville" in page
    assert "Used by 1 organisation (1 commune)" in page  # the declaration renewed the rest
    english.logout()
    assert "Declare for Aubeville" not in html(english, "/")


def test_generated_data_is_never_shown_pages_kept_for_an_earlier_database(
    english, django_capture_on_commit_callbacks
):
    from communs.web.synthetic import synthetic_generate

    assert "0 software found" in html(english, "/catalogue/")
    with django_capture_on_commit_callbacks(execute=True):
        synthetic_generate(scale=0.002, seed=3)
    assert "0 software found" not in html(english, "/catalogue/")


def test_the_families_counts_are_kept_through_declarations_and_renewed_by_software(english, carto):
    def families():
        page = html(english, "/")
        return page.split('id="categories-title"')[1].split("</section>")[0]

    assert '<span class="count">1</span>' in families()
    declare(carto, "Aubeville")  # the page is rebuilt, the families' count is not
    with CaptureQueriesContext(connection) as rebuilt:
        assert '<span class="count">1</span>' in families()
    assert "COUNT(DISTINCT" not in " ".join(q["sql"] for q in rebuilt.captured_queries)
    SoftwareFactory(slug="geoplan", name="Géoplan", categories=["cad"])
    assert '<span class="count">2</span>' in families()
    Category.objects.get(slug="cad").software.remove(carto)
    assert '<span class="count">1</span>' in families()
