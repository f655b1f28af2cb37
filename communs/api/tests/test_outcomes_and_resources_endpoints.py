"""Outcome benchmarks and the resource library through the API."""

from __future__ import annotations

import datetime

import pytest

from communs.catalog.tests.factories import SoftwareFactory
from communs.outcomes.tests.world import commune_with_costs
from communs.resources.models import Resource

pytestmark = pytest.mark.django_db


def test_a_software_gives_its_benchmarks_only_from_five_organisations(client):
    software = SoftwareFactory(slug="qgis", name="QGIS")
    for index, after in enumerate(["500", "600", "700", "800"]):
        commune_with_costs(software, index, "1000", after)
    assert client.get("/api/v1/software/qgis/outcomes").json() == []
    commune_with_costs(software, 5, "1000", "900")
    (row,) = client.get("/api/v1/software/qgis/outcomes").json()
    assert row == {
        "organisation_kind": "commune",
        "population_band": 2,
        "indicator": "cost_change",
        "unit": "%",
        "organisations": 5,
        "q1": -40.0,
        "median": -30.0,
        "q3": -20.0,
    }
    assert client.get("/api/v1/software/nothing/outcomes").status_code == 404


def make(software, **values):
    return Resource.objects.create(
        software=software,
        kind=values.pop("kind", "user-guide"),
        title=values.pop("title"),
        licence="CC-BY-4.0",
        published_on=datetime.date(2025, 1, 1),
        language="fr",
        external_url="https://example.org/doc",
        **values,
    )


def test_resources_are_listed_searched_and_retired_ones_never_served(client):
    software = SoftwareFactory(slug="qgis", name="QGIS")
    guide = make(software, title="Géoréférencement des plans")
    retired = make(software, title="Ancien guide", status="retired")
    body = client.get("/api/v1/resources").json()
    assert [r["id"] for r in body["results"]] == [guide.pk]
    assert body["results"][0]["download_url"] is None  # a link, no file
    found = client.get("/api/v1/resources", {"q": "georeferencement"}).json()["results"]
    assert [r["title"] for r in found] == ["Géoréférencement des plans"]
    assert client.get(f"/api/v1/resources/{guide.pk}").json()["software"] == "qgis"
    missing = client.get(f"/api/v1/resources/{retired.pk}")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    assert "text" not in client.get(f"/api/v1/resources/{guide.pk}").json()
