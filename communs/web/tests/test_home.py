"""The home page leads with search, peers' software, recent evaluations and families."""

import pytest

from communs.catalog.families import FAMILIES, FAMILY_OF
from communs.catalog.tests.factories import SoftwareFactory
from communs.catalog.vocabulary import CATEGORY_LABELS
from communs.evaluations.tests.factories import evaluation
from communs.territories.models import Membership, Organisation
from communs.usage.models import UsageDeclaration

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_every_publiccode_category_belongs_to_exactly_one_of_about_a_dozen_families():
    listed = [slug for family in FAMILIES for slug in family.categories]
    assert sorted(listed) == sorted(CATEGORY_LABELS)
    assert len(listed) == len(set(listed)) == len(FAMILY_OF)
    assert 10 <= len(FAMILIES) <= 14


def test_the_search_comes_first_then_families_with_distinct_counts(english):
    SoftwareFactory(slug="qgis", name="QGIS", categories=["geographic-information-systems", "cad"])
    SoftwareFactory(slug="lizmap", name="Lizmap", categories=["geographic-information-systems"])
    html = english.get("/").content.decode()
    assert html.index('role="search"') < html.index("Browse by family")
    assert 'Territory, maps and assets</a> <span class="count">2</span>' in html
    categories = english.get("/categories/").content.decode()
    assert 'id="family-territory"' in categories and "Geographic information systems" in categories


def test_recently_evaluated_software_is_shown_with_its_levels(english):
    SoftwareFactory(slug="never", name="Never evaluated")
    grist = SoftwareFactory(slug="grist", name="Grist")
    evaluation(grist, {"community": 9, "practices": 7, "security": 5, "integration": 2})
    response = english.get("/")
    assert [s.name for s in response.context["evaluated"]] == ["Grist"]
    assert "Community : 9/10 (Strong)" in response.content.decode()


def test_a_member_sees_software_used_by_organisations_like_theirs(english, outsider):
    mine = Organisation.objects.create(kind="commune", name="Mine", population=5_000)
    alike = Organisation.objects.create(kind="commune", name="Alike", population=8_000)
    bigger = Organisation.objects.create(kind="commune", name="Bigger", population=80_000)
    Membership.objects.create(organisation=mine, user=outsider, status="approved")
    qgis = SoftwareFactory(slug="qgis", name="QGIS")
    odoo = SoftwareFactory(slug="odoo", name="Odoo")
    UsageDeclaration.objects.create(organisation=alike, software=qgis, status="production")
    UsageDeclaration.objects.create(organisation=bigger, software=odoo, status="production")
    assert "Used by organisations like" not in english.get("/").content.decode()
    english.force_login(outsider)
    response = english.get("/")
    assert [s.name for s in response.context["peers_use"]] == ["QGIS"]
    html = response.content.decode()
    assert "Used by organisations like Mine" in html and "Declare for Mine" in html


def test_a_visitor_is_invited_to_create_an_account_and_declare(english):
    html = english.get("/").content.decode()
    assert "Your organisation uses open-source software? Declare it" in html
    assert 'href="/accounts/signup/"' in html
