import re

import pytest
from django.urls import reverse

from communs.catalog.tests.factories import SoftwareFactory

pytestmark = pytest.mark.django_db
URL = reverse("catalog:software_list")


@pytest.fixture
def catalogue(settings):
    settings.CATALOGUE_PAGE_SIZE = 2
    SoftwareFactory(
        name="QGIS",
        slug="qgis",
        licence="GPL-2.0-or-later",
        development_status="stable",
        usage_fr="Cartographie",
        categories=["geographic-information-systems"],
    )
    SoftwareFactory(
        name="Lizmap",
        slug="lizmap",
        licence="MPL-2.0",
        development_status="stable",
        usage_fr="Cartographie web",
        categories=["geographic-information-systems"],
    )
    SoftwareFactory(
        name="uMap",
        slug="umap",
        licence="WTFPL",
        development_status="beta",
        usage_fr="Cartographie simple",
        categories=["geographic-information-systems"],
    )
    SoftwareFactory(
        name="LibreOffice", slug="libreoffice", licence="MPL-2.0", categories=["office"]
    )
    SoftwareFactory(name="Brouillon", slug="brouillon", status="draft", usage_fr="Cartographie")


def names(response):
    return [software.name for software in response.context["page"].object_list]


def test_it_lists_published_software_only_with_pagination(client, catalogue):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 4
    assert names(response) == ["LibreOffice", "Lizmap"]
    assert names(client.get(URL, {"page": 2})) == ["QGIS", "uMap"]


def test_filters_combine_and_stay_in_the_pagination_links(client, catalogue):
    response = client.get(
        URL, {"q": "carto", "category": "geographic-information-systems", "status": "stable"}
    )
    assert names(response) == ["Lizmap", "QGIS"]
    response = client.get(URL, {"q": "carto", "licence": "weak-copyleft"})
    assert names(response) == ["Lizmap"]
    response = client.get(URL, {"crpa": "yes", "category": "geographic-information-systems"})
    assert names(response) == ["Lizmap"]
    response = client.get(URL, {"crpa": "no", "q": "carto"})
    assert names(response) == ["QGIS", "uMap"]


def test_pagination_links_keep_the_filters(client, catalogue):
    response = client.get(URL, {"q": "carto"})
    assert 'href="?q=carto&amp;page=2"' in response.content.decode()


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"category": "not-a-category"}, "The value given for “Category” is not known"),
        ({"licence": "proprietary"}, "The value given for “Licence family” is not known"),
        ({"crpa": "maybe"}, "is not known"),
        ({"status": "<script>"}, "The value given for “Development status” is not known"),
        ({"page": "-1"}, "The page number “-1” is not valid"),
        ({"page": "abc"}, "The page number “abc” is not valid"),
        ({"page": "0"}, "is not valid"),
        ({"page": "99"}, "There is no page 99"),
        ({"page": "9" * 400}, "There is no page"),
        ({"q": "x" * 10_000}, "shortened to its first 200 characters"),
    ],
)
def test_bad_parameters_answer_the_list_with_a_notice(client, catalogue, params, notice):
    client.cookies["django_language"] = "en"
    response = client.get(URL, params)
    assert response.status_code == 200
    assert notice in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_an_unknown_filter_value_is_ignored_and_the_others_still_apply(client, catalogue):
    response = client.get(URL, {"category": "nope", "q": "libreoffice"})
    assert names(response) == ["LibreOffice"]


def test_an_empty_result_says_so(client, catalogue):
    client.cookies["django_language"] = "en"
    response = client.get(URL, {"q": "zzzz"})
    assert "No software matches" in response.content.decode()


def test_the_quick_category_select_renders_as_djangos_select(client):
    from django import forms

    from communs.catalog.filters import QuickSelect, SoftwareFilter

    SoftwareFactory(slug="qgis", name="QGIS", categories=["cad", "office"])
    field = SoftwareFilter({"category": "office"}).form["category"]
    assert isinstance(field.field.widget, QuickSelect)
    quick = str(field)
    field.field.widget.__class__ = forms.Select
    assert quick == re.sub(r">\s+<", "><", str(field))  # the same but for blanks between tags
    assert '<option value="office" selected>' in quick


@pytest.mark.parametrize(
    ("language", "first", "then"),
    [
        ("en", "Identity management", "IT security"),
        ("fr", "Messagerie électronique", "Messagerie instantanée"),
    ],
)
def test_categories_are_listed_as_read_accents_and_case_aside(client, language, first, then):
    """In the catalogue's filter and on the categories page: not uppercase before lowercase,
    nor é after every other letter."""
    SoftwareFactory(
        categories=["identity-management", "it-security", "email-management", "instant-messaging"]
    )
    client.cookies["django_language"] = language
    for address in (URL, reverse("catalog:category_list")):
        html = client.get(address).content.decode()
        assert html.index(first) < html.index(then), address
