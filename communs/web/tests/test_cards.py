"""Catalogue cards say what Communs knows: category, evaluation, users, licence facts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communs.catalog.tests.factories import SoftwareFactory
from communs.evaluations.tests.factories import evaluation
from communs.territories.models import Organisation
from communs.usage.models import UsageDeclaration

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def declare(software, *organisations, status="production"):
    for organisation in organisations:
        UsageDeclaration.objects.create(organisation=organisation, software=software, status=status)


def test_a_card_shows_category_levels_with_text_users_by_kind_and_licence(english):
    qgis = SoftwareFactory(
        slug="qgis",
        name="QGIS",
        licence="GPL-2.0-or-later",
        categories=["geographic-information-systems"],
    )
    evaluation(qgis, {"community": 8.5, "practices": 6.2, "security": 3.0, "integration": None})
    communes = [Organisation.objects.create(kind="commune", name=f"C{i}") for i in range(2)]
    region = Organisation.objects.create(kind="region", name="R")
    declare(qgis, *communes, region)
    declare(qgis, Organisation.objects.create(kind="commune", name="Gone"), status="abandoned")
    html = english.get("/catalogue/").content.decode()
    assert "Geographic information systems" in html
    assert '<span class="visually-hidden">Community : 8.5/10 (Strong)</span>' in html
    assert '<span class="visually-hidden">Integration : –/10' not in html
    assert "Integration : – (Not measured)" in html
    assert "Used by 3 organisations (2 communes, 1 région)" in html
    assert "GPL-2.0-or-later" in html and "Free licence (FSF and OSI)" in html


def test_a_card_without_facts_says_why_and_invites_to_declare(english):
    SoftwareFactory(slug="outil", name="Outil", licence="")
    html = english.get("/catalogue/").content.decode()
    assert "Not evaluated yet." in html
    assert "Licence not recorded: it has not been confirmed" in html
    assert 'href="/catalogue/outil/#users-title">Does yours use it? Say so</a>' in html


def test_cards_cost_the_same_queries_for_one_or_many_software(english):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert english.get("/catalogue/").status_code == 200
        return len(captured)

    first = SoftwareFactory(slug="s0", name="S0")
    evaluation(first, {"community": 5})
    one = queries()
    for i in range(1, 6):
        evaluation(SoftwareFactory(slug=f"s{i}", name=f"S{i}"), {"community": 5})
    assert queries() == one


def test_home_and_category_pages_show_the_same_cards(english):
    qgis = SoftwareFactory(slug="qgis", name="QGIS", categories=["geographic-information-systems"])
    evaluation(qgis, {"community": 8.5, "practices": 6.2, "security": 3.0, "integration": 5})
    for url in ("/", "/categories/geographic-information-systems/"):
        assert "Community : 8.5/10 (Strong)" in english.get(url).content.decode(), url


def test_a_software_nobody_declared_invites_to_declare_it(english, outsider):
    SoftwareFactory(slug="outil", name="Outil")
    html = english.get("/catalogue/outil/").content.decode()
    assert 'href="/organisations/">Does yours use it? Say so</a>' in html
    english.force_login(outsider)
    html = english.get("/catalogue/outil/").content.decode()
    assert 'href="/my-space/">Does yours use it? Say so</a>' in html


def test_an_organisation_page_says_what_joining_allows(english, outsider):
    organisation = Organisation.objects.create(kind="commune", name="Bonneville")
    english.force_login(outsider)
    html = english.get(f"/organisations/{organisation.pk}/").content.decode()
    assert "Joining lets you declare in its name the software it uses" in html
