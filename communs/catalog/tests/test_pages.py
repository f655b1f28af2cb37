import pytest
from django.urls import reverse

from communs.catalog.tests.factories import ProviderFactory, SoftwareFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    """A visitor who chose English with the language switch."""
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def lizmap():
    software = SoftwareFactory(
        name="Lizmap",
        slug="lizmap",
        licence="MPL-2.0",
        usage_en="Publishing QGIS maps on the web.",
        advantages_en=["Developed in France"],
        replaces=["ArcGIS Online"],
        website="https://www.lizmap.com",
        categories=["geographic-information-systems"],
    )
    provider = ProviderFactory(name="3Liz", slug="3liz", regions_served=["76"])
    provider.software.add(software)
    return software


def test_the_software_page_shows_what_it_is_for_its_licence_facts_links_and_support(
    english, lizmap
):
    response = english.get(reverse("software", kwargs={"slug": "lizmap"}))
    html = response.content.decode()
    assert response.status_code == 200
    for expected in [
        "<h1>Lizmap</h1>",
        "Publishing QGIS maps on the web.",
        "Developed in France",
        "ArcGIS Online",
        "MPL-2.0",
        "Weak copyleft",
        "Yes: listed in article D323-2-1 of the CRPA",
        'href="https://www.lizmap.com"',
        "3Liz",
        "Occitanie",
        "Geographic information systems",
    ]:
        assert expected in html, expected


def test_the_software_page_tells_when_the_licence_is_not_crpa_listed(english):
    SoftwareFactory(slug="osm", licence="GPL-2.0-only")
    html = english.get("/catalogue/osm/").content.decode()
    assert "No: not listed in article D323-2-1 of the CRPA" in html


def test_an_unknown_or_draft_software_answers_a_404_in_the_site_style(english):
    SoftwareFactory(slug="draft", status="draft")
    for slug in ["nothing-here", "draft"]:
        response = english.get(f"/catalogue/{slug}/")
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()
        assert 'class="site-header"' in response.content.decode()


def test_the_category_pages_list_published_software_with_counts(english, lizmap):
    SoftwareFactory(slug="hidden", status="draft", categories=["geographic-information-systems"])
    response = english.get(reverse("catalog:category_list"))
    families = response.context["families"]
    assert [(g.family.slug, g.software_count) for g in families] == [("territory", 1)]
    assert [(c.slug, c.published_count) for c in families[0].categories] == [
        ("geographic-information-systems", 1)
    ]
    response = english.get("/categories/geographic-information-systems/")
    assert [s.slug for s in response.context["software_list"]] == ["lizmap"]
    assert english.get("/categories/not-a-category/").status_code == 404


def test_the_provider_pages_show_the_software_they_support(english, lizmap):
    response = english.get(reverse("catalog:provider_list"))
    assert "3Liz" in response.content.decode()
    response = english.get("/providers/3liz/")
    assert [s.slug for s in response.context["software_list"]] == ["lizmap"]
    assert "Occitanie" in response.content.decode()
    assert english.get("/providers/nobody/").status_code == 404


def test_the_home_page_has_a_search_box_categories_with_counts_and_recent_software(english, lizmap):
    response = english.get("/")
    html = response.content.decode()
    assert 'action="/catalogue/"' in html and 'name="q"' in html
    assert response.context["software_count"] == 1
    assert [g.software_count for g in response.context["families"]] == [1]
    assert [s.slug for s in response.context["recent"]] == ["lizmap"]


def test_text_from_the_catalogue_is_escaped(english):
    SoftwareFactory(slug="xss", name="<script>alert(1)</script>", usage_en="<img src=x onerror=1>")
    html = english.get("/catalogue/xss/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<img src=x" not in html
