"""The DCAT-AP (and ADMS-AP) description validates against the SHACL shapes in
``communs/opendata/shapes/`` (a documented subset, written for Communs: the official
shapes are not available offline)."""

from pathlib import Path

import pytest
from django.core.management import call_command
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from communs.opendata.dcat import ADMS

pytestmark = pytest.mark.django_db

SHAPES = Path(__file__).resolve().parents[1] / "shapes" / "communs-dcat-ap-subset.ttl"


@pytest.fixture
def graph(world, tmp_path):
    call_command("opendata", "export", "--output", str(tmp_path / "out"))
    return Graph().parse(tmp_path / "out" / "dcat.ttl", format="turtle")


def conforms(graph):
    shapes = Graph().parse(SHAPES, format="turtle")
    ok, _report, text = validate(graph, shacl_graph=shapes, inference="none")
    return ok, text


def test_the_catalogue_conforms_to_the_shapes(graph):
    ok, text = conforms(graph)
    assert ok, text


def test_each_published_software_is_an_adms_asset_with_its_publiccode_distribution(graph):
    assets = set(graph.subjects(RDF.type, ADMS.Asset))
    identifiers = {str(graph.value(asset, DCTERMS.identifier)) for asset in assets}
    assert identifiers == {"libreoffice", "qgis"}
    qgis = next(a for a in assets if str(graph.value(a, DCTERMS.identifier)) == "qgis")
    assert graph.value(qgis, ADMS.status) == URIRef("http://purl.org/adms/status/Completed")
    assert graph.value(qgis, DCTERMS.license) == URIRef("http://spdx.org/licenses/GPL-2.0-or-later")
    catalogue = next(graph.subjects(RDF.type, DCAT.Catalog))
    assert (catalogue, RDF.type, ADMS.AssetRepository) in graph
    assert qgis in set(graph.objects(catalogue, DCAT.dataset))


def test_a_dataset_without_a_title_or_a_distribution_without_licence_is_refused(graph):
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    graph.remove((dataset, DCTERMS.title, None))
    ok, text = conforms(graph)
    assert not ok and "title" in text
    distribution = next(graph.subjects(RDF.type, DCAT.Distribution))
    fresh = Graph()
    for triple in graph:
        fresh.add(triple)
    fresh.remove((distribution, DCTERMS.license, None))
    assert not conforms(fresh)[0]


def test_an_asset_with_a_status_outside_the_adms_vocabulary_is_refused(graph):
    asset = next(graph.subjects(RDF.type, ADMS.Asset))
    graph.set((asset, ADMS.status, URIRef("http://example.org/status/Sort-of")))
    assert not conforms(graph)[0]
