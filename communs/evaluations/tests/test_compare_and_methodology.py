import pytest

from communs.catalog.tests.factories import SoftwareFactory
from communs.evaluation import CHECKS
from communs.evaluations.tests.factories import evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_two_to_four_software_side_by_side(english):
    qgis = SoftwareFactory(slug="qgis", name="QGIS", licence="GPL-2.0-or-later")
    lizmap = SoftwareFactory(slug="lizmap", name="Lizmap", licence="MPL-2.0")
    evaluation(qgis, {"community": 9.0, "practices": 8.0, "security": 6.0, "integration": 5.0})
    response = english.get("/compare/", {"s": ["qgis", "lizmap"]})
    html = response.content.decode()
    assert [c["software"].slug for c in response.context["columns"]] == ["qgis", "lizmap"]
    assert "9/10 (Strong)" in html and "Not evaluated" in html
    assert "GPL-2.0-or-later" in html and "MPL-2.0" in html
    assert "<td>4</td>" in html  # active contributors from the report's facts
    assert lizmap


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"s": ["only-one"]}, "Choose between 2 and 4 software"),
        ({}, "Choose between 2 and 4 software"),
        ({"s": ["a", "b", "c", "d", "e"]}, "At most 4 software"),
        ({"s": ["a", "zzz"]}, "Unknown software ignored: zzz"),
    ],
)
def test_bad_selections_answer_with_a_notice(english, params, notice):
    for slug in "abcde":
        SoftwareFactory(slug=slug)
    response = english.get("/compare/", params)
    assert response.status_code == 200
    assert notice in response.content.decode()


def test_the_category_page_offers_to_compare(english):
    SoftwareFactory(slug="a", categories=["office"])
    SoftwareFactory(slug="b", categories=["office"])
    html = english.get("/categories/office/").content.decode()
    assert 'action="/compare/"' in html and 'name="s" value="a"' in html


def test_the_methodology_is_generated_from_the_checks_documentation(english):
    html = english.get("/methodology/").content.decode()
    for check in CHECKS:
        assert f'id="{check.id}"' in html
    assert "Why it matters to a local government" in html
    assert "How a project improves it" in html
    assert "weight 3, 23% of the criterion" in html  # recent activity: 3 of 13
    assert "First method" in html
    assert "not a procurement gate" in html


def test_the_translatable_methodology_follows_the_checks_documentation():
    from communs.evaluations.methodology import MESSAGES_FILE, messages_module

    assert MESSAGES_FILE.read_text(encoding="utf-8") == messages_module(), (
        "Run `make messages` (communs methodology_messages) after editing a check's docstring."
    )


def test_the_methodology_speaks_french_by_default(client):
    html = client.get("/methodology/").content.decode()
    assert "Pourquoi c’est important pour une collectivité" in html
    assert "Activité récente" in html
