"""The outcomes pages: who records, who sees, in both languages; the CSV export."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.contrib.auth.models import User

from communs.catalog.tests.factories import SoftwareFactory
from communs.outcomes.models import Measurement
from communs.outcomes.tests.world import commune_with_costs, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def five(db):
    software = SoftwareFactory(slug="qgis", name="QGIS")
    declarations = [
        commune_with_costs(software, i, "1000", after)
        for i, after in enumerate(["500", "600", "700", "800", "900"])
    ]
    return software, declarations


def record(client, declaration, **values):
    data = {
        "metric": "satisfaction",
        "phase": "",
        "value": "75",
        "period_start": "2024-01-01",
        "period_end": "2024-03-31",
        "source": "survey of agents",
        "survey_size": "40",
        "survey_method": "online questionnaire",
        **values,
    }
    return client.post(f"/declarations/{declaration.pk}/outcomes/", data)


def test_a_member_records_a_figure_and_sees_the_indicator_with_its_formula(client, five):
    _software, declarations = five
    client.force_login(member_of(declarations[0].organisation))
    client.cookies["django_language"] = "en"
    assert record(client, declarations[0]).status_code == 302
    assert declarations[0].measurements.filter(metric="satisfaction").exists()
    html = client.get(f"/declarations/{declarations[0].pk}/outcomes/").content.decode()
    assert "75.0 %" in html and "-50.0 %" in html
    assert "yearly costs before × 100" in html
    assert "No one-off cost of the move is recorded." in html


def test_a_bad_figure_is_refused_with_a_message_and_nothing_is_saved(client, five):
    _software, declarations = five
    client.force_login(member_of(declarations[0].organisation))
    client.cookies["django_language"] = "en"
    count = Measurement.objects.count()
    response = record(client, declarations[0], value="140", survey_size="", period_end="2023-01-01")
    assert response.status_code == 200
    html = response.content.decode()
    assert "at most 100" in html and "ends before it starts" in html
    assert Measurement.objects.count() == count


@pytest.mark.parametrize("persona", ["outsider", "other_member", "anonymous"])
def test_nobody_else_sees_or_records_an_organisations_figures(client, five, persona):
    _software, declarations = five
    if persona == "outsider":
        client.force_login(User.objects.create_user("oscar", "o@example.org", "x-42-secret"))
    elif persona == "other_member":
        client.force_login(member_of(declarations[1].organisation, "bob"))
    count = Measurement.objects.count()
    url = f"/declarations/{declarations[0].pk}/outcomes/"
    assert client.get(url).status_code in (302, 403)
    assert record(client, declarations[0]).status_code in (302, 403)
    assert Measurement.objects.count() == count
    measurement = declarations[0].measurements.first()
    assert client.post(f"/outcomes/figures/{measurement.pk}/remove/").status_code in (302, 403)
    assert Measurement.objects.filter(pk=measurement.pk).exists()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", ["Résultats", "Médiane", "Évolution des coûts annuels"]),
        ("en", ["Outcomes with QGIS", "Median", "Change in yearly costs"]),
    ],
)
def test_the_benchmark_page_shows_a_chart_and_a_table_in_both_languages(
    client, five, language, words
):
    client.cookies["django_language"] = language
    html = client.get("/catalogue/qgis/outcomes/").content.decode()
    assert '<svg role="img"' in html and "<table" in html
    for word in words:
        assert word in html
    assert "-30,0" in html if language == "fr" else "-30.0" in html


def test_the_software_page_shows_the_benchmark_beside_the_evaluation(client, five):
    client.cookies["django_language"] = "en"
    html = client.get("/catalogue/qgis/").content.decode()
    assert "Outcomes reported" in html and "Change in yearly costs" in html


def test_the_organisation_page_shows_its_members_their_figures_against_the_benchmark(client, five):
    _software, declarations = five
    organisation = declarations[0].organisation
    client.cookies["django_language"] = "en"
    assert (
        "Outcomes: your figures"
        not in client.get(f"/organisations/{organisation.pk}/").content.decode()
    )
    client.force_login(member_of(organisation))
    html = client.get(f"/organisations/{organisation.pk}/").content.decode()
    assert "Outcomes: your figures" in html and "-50.0 %" in html and "-30.0 %" in html


def test_the_export_holds_only_groups_of_five_and_matches_its_schema(client, five):
    software, _declarations = five
    commune_with_costs(software, 42, "1000", "100", population=500_000)  # alone in its band
    rows = list(
        csv.DictReader(io.StringIO(client.get("/outcomes/benchmarks.csv").content.decode()))
    )
    assert [
        (r["scope"], r["subject"], r["indicator"], r["organisations"], r["median"]) for r in rows
    ] == [("software", "qgis", "cost_change", "5", "-30.0")]
    schema = json.loads(client.get("/outcomes/benchmarks.schema.json").content)
    assert [f["name"] for f in schema["fields"]] == list(rows[0])
