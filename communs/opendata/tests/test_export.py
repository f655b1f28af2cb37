import csv
import json

import pytest
import yaml
from django.core.management import CommandError, call_command
from rdflib import Graph
from rdflib.namespace import DCAT, DCTERMS, RDF

from communs.opendata.tables import TABLES
from communs.publiccode.validator import validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def dump(world, tmp_path):
    call_command("opendata", "export", "--output", str(tmp_path / "out"))
    return tmp_path / "out"


def read_csv(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_each_table_has_a_csv_and_a_table_schema_that_describes_its_columns(dump):
    for table in TABLES:
        schema = json.loads((dump / f"{table.name}.schema.json").read_text())
        with (dump / f"{table.name}.csv").open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header == [field["name"] for field in schema["fields"]]
        assert all(field["description"] for field in schema["fields"])
    package = json.loads((dump / "datapackage.json").read_text())
    assert package["licenses"][0]["name"] == "etalab-2.0"


def test_the_dump_reimported_equals_what_the_api_serves(dump, client):
    software = {row["slug"]: row for row in read_csv(dump / "software.csv")}
    served = client.get("/api/v1/software/qgis").json()
    assert software["qgis"]["licence"] == served["licence"]
    assert json.loads(software["qgis"]["categories"]) == served["categories"]
    assert software["qgis"]["licence_is_free"] == "true"
    everything = json.loads((dump / "communs.json").read_text())
    assert everything["licence"]["spdx"] == "etalab-2.0"
    from_json = next(s for s in everything["software"] if s["slug"] == "qgis")
    assert from_json["name"] == served["name"]
    assert [row["check"] for row in read_csv(dump / "checks.csv")] == [
        "community.bus_factor",
        "security.policy",
    ]
    declarations = read_csv(dump / "declarations.csv")
    api_declarations = client.get("/api/v1/declarations").json()["results"]
    assert [int(row["id"]) for row in declarations] == [d["id"] for d in api_declarations]


def test_needs_endorsements_and_campaigns_reimported_equal_the_api(dump, client):
    needs = read_csv(dump / "needs.csv")
    api_needs = client.get("/api/v1/needs").json()["results"]
    assert [(int(r["id"]), r["title"], r["software"]) for r in needs] == [
        (n["id"], n["title"], n["software"]) for n in api_needs
    ]
    endorsements = read_csv(dump / "endorsements.csv")
    assert [(int(r["need"]), r["context"], r["budget"]) for r in endorsements] == [
        (n["id"], e["context"], e["budget"]) for n in api_needs for e in n["endorsements"]
    ]
    campaigns = read_csv(dump / "campaigns.csv")
    api_campaigns = client.get("/api/v1/campaigns").json()["results"]
    assert [(int(r["id"]), r["pledged"], r["target"]) for r in campaigns] == [
        (c["id"], c["pledged"], c["target"]) for c in api_campaigns
    ]
    everything = json.loads((dump / "communs.json").read_text())
    assert [c["pledged"] for c in everything["campaigns"]] == ["5000.00"]


def test_each_exportable_software_gets_a_valid_publiccode_yml(dump):
    files = sorted(path.name for path in (dump / "publiccode").glob("*.yml"))
    assert "draft-secret-software.yml" not in files
    for path in (dump / "publiccode").glob("*.yml"):
        text = path.read_text()
        assert validate(text).valid
        assert yaml.safe_load(text)["name"]


def test_the_dcat_ap_description_lists_every_table_with_its_licence(dump):
    for name, file_format in (("dcat.ttl", "turtle"), ("dcat.jsonld", "json-ld")):
        graph = Graph().parse(dump / name, format=file_format)
        catalogue = next(graph.subjects(RDF.type, DCAT.Catalog))
        datasets = set(graph.objects(catalogue, DCAT.dataset))
        identifiers = {str(graph.value(d, DCTERMS.identifier)) for d in datasets}
        assert {table.name for table in TABLES} <= identifiers
        for dataset in datasets:
            assert graph.value(dataset, DCTERMS.license) is not None
            for distribution in graph.objects(dataset, DCAT.distribution):
                assert graph.value(distribution, DCAT.downloadURL) is not None
                assert graph.value(distribution, DCTERMS.license) is not None


def test_an_output_that_is_a_file_is_refused_with_exit_code_2(world, tmp_path):
    target = tmp_path / "a-file"
    target.write_text("x")
    with pytest.raises(CommandError) as refused:
        call_command("opendata", "export", "--output", str(target))
    assert refused.value.returncode == 2
    assert target.read_text() == "x"


def test_the_outcome_benchmarks_are_written_in_the_json_dump(db, tmp_path):
    from communs.catalog.tests.factories import SoftwareFactory
    from communs.outcomes.demo import SOFTWARE_SLUG, demo_outcomes_load

    SoftwareFactory(slug=SOFTWARE_SLUG, name="Nextcloud")
    assert demo_outcomes_load() > 0
    call_command("opendata", "export", "--output", str(tmp_path / "out"))
    rows = json.loads((tmp_path / "out" / "communs.json").read_text())["outcome_benchmarks"]
    written = read_csv(tmp_path / "out" / "outcome_benchmarks.csv")
    assert rows and [row["median"] for row in rows] == [row["median"] for row in written]
