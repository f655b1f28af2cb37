"""The dump described in DCAT-AP (version 3.0 terms), with rdflib.

One ``dcat:Catalog`` holds a ``dcat:Dataset`` per table, each with two distributions (the
CSV and its Table Schema), the JSON dump and the publiccode.yml files. Every dataset and
distribution carries the Licence Ouverte 2.0, as DCAT-AP asks of ``dct:license``.

Each published software is also described in ADMS-AP terms: the catalogue is an
``adms:AssetRepository`` whose ``dcat:dataset`` are ``adms:Asset`` (name, descriptions,
identifier, page, status, keywords, its own licence) and whose distribution is its
publiccode.yml, an ``adms:AssetDistribution``. ``shapes/`` holds the SHACL shapes the
tests validate this graph against.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.utils import translation
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from communs.opendata.tables import Table

ADMS = Namespace("http://www.w3.org/ns/adms#")
LICENCE = URIRef("https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
LANGUAGE_FR = URIRef("http://publications.europa.eu/resource/authority/language/FRA")
LANGUAGE_EN = URIRef("http://publications.europa.eu/resource/authority/language/ENG")
FORMATS = {
    "csv": URIRef("http://publications.europa.eu/resource/authority/file-type/CSV"),
    "json": URIRef("http://publications.europa.eu/resource/authority/file-type/JSON"),
    "yaml": URIRef("http://publications.europa.eu/resource/authority/file-type/YAML"),
}
ADMS_STATUS = Namespace("http://purl.org/adms/status/")
# publiccode.yml's developmentStatus in the ADMS status vocabulary.
ASSET_STATUS = {
    "concept": ADMS_STATUS.UnderDevelopment,
    "development": ADMS_STATUS.UnderDevelopment,
    "beta": ADMS_STATUS.UnderDevelopment,
    "stable": ADMS_STATUS.Completed,
    "obsolete": ADMS_STATUS.Deprecated,
}
SPDX = "http://spdx.org/licenses/"
MEDIA_TYPES = {
    "csv": URIRef("http://www.iana.org/assignments/media-types/text/csv"),
    "json": URIRef("http://www.iana.org/assignments/media-types/application/json"),
    "yaml": URIRef("http://www.iana.org/assignments/media-types/application/yaml"),
}


def _both(label: object) -> list[Literal]:
    texts = []
    for language in ("fr", "en"):
        with translation.override(language):
            texts.append(Literal(str(label), lang=language))
    return texts


def _distribution(
    graph: Graph, *, uri: URIRef, url: str, kind: str, title: str, modified: Literal
) -> None:
    graph.add((uri, RDF.type, DCAT.Distribution))
    graph.add((uri, DCAT.accessURL, URIRef(url)))
    graph.add((uri, DCAT.downloadURL, URIRef(url)))
    graph.add((uri, DCTERMS.title, Literal(title)))
    graph.add((uri, DCTERMS.format, FORMATS[kind]))
    graph.add((uri, DCAT.mediaType, MEDIA_TYPES[kind]))
    graph.add((uri, DCTERMS.license, LICENCE))
    graph.add((uri, DCTERMS.modified, modified))


def catalogue_graph(
    *,
    base_url: str,
    generated_at: datetime,
    tables: Sequence[Table],
    publiccode_slugs: Sequence[str],
    assets: Sequence[dict[str, Any]] = (),
) -> Graph:
    files = f"{base_url}/opendata/files/"
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("adms", ADMS)
    modified = Literal(generated_at.isoformat(), datatype=XSD.dateTime)

    catalogue = URIRef(f"{base_url}/opendata/#catalogue")
    publisher = URIRef(f"{base_url}/#communs")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal("Communs")))
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    for text in _both(translation.gettext_lazy("Communs open data")):
        graph.add((catalogue, DCTERMS.title, text))
    for text in _both(
        translation.gettext_lazy(
            "Software used by local governments, their evaluations, the organisations "
            "that use them and what they learned."
        )
    ):
        graph.add((catalogue, DCTERMS.description, text))
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, DCTERMS.license, LICENCE))
    graph.add((catalogue, DCTERMS.language, LANGUAGE_FR))
    graph.add((catalogue, DCTERMS.language, LANGUAGE_EN))
    graph.add((catalogue, DCTERMS.modified, modified))
    graph.add((catalogue, FOAF.homepage, URIRef(f"{base_url}/opendata/")))

    def dataset(name: str, title: object) -> URIRef:
        uri = URIRef(f"{base_url}/opendata/#{name}")
        graph.add((catalogue, DCAT.dataset, uri))
        graph.add((uri, RDF.type, DCAT.Dataset))
        for text in _both(title):
            graph.add((uri, DCTERMS.title, text))
            graph.add((uri, DCTERMS.description, text))
        graph.add((uri, DCTERMS.identifier, Literal(name)))
        graph.add((uri, DCTERMS.publisher, publisher))
        graph.add((uri, DCTERMS.license, LICENCE))
        graph.add((uri, DCTERMS.modified, modified))
        graph.add((uri, DCAT.landingPage, URIRef(f"{base_url}/opendata/#{name}")))
        return uri

    for table in tables:
        uri = dataset(table.name, table.title)
        for suffix, kind, title in (
            (".csv", "csv", f"{table.name}.csv"),
            (".schema.json", "json", f"{table.name}.schema.json (Table Schema)"),
        ):
            distribution = URIRef(f"{files}{table.name}{suffix}")
            _distribution(
                graph,
                uri=distribution,
                url=str(distribution),
                kind=kind,
                title=title,
                modified=modified,
            )
            graph.add((uri, DCAT.distribution, distribution))

    everything = dataset("communs", translation.gettext_lazy("Every table in one JSON file"))
    distribution = URIRef(f"{files}communs.json")
    _distribution(
        graph,
        uri=distribution,
        url=str(distribution),
        kind="json",
        title="communs.json",
        modified=modified,
    )
    graph.add((everything, DCAT.distribution, distribution))

    # Each software's publiccode.yml is a distribution of the software description dataset.
    publiccode = dataset("publiccode", translation.gettext_lazy("publiccode.yml files"))
    for slug in publiccode_slugs:
        distribution = URIRef(f"{files}publiccode/{slug}.yml")
        _distribution(
            graph,
            uri=distribution,
            url=str(distribution),
            kind="yaml",
            title=f"{slug}.yml",
            modified=modified,
        )
        graph.add((publiccode, DCAT.distribution, distribution))

    graph.add((catalogue, RDF.type, ADMS.AssetRepository))
    exported = set(publiccode_slugs)
    for record in assets:
        _asset(graph, record, base_url=base_url, catalogue=catalogue, modified=modified)
        if record["slug"] in exported:
            distribution = URIRef(f"{files}publiccode/{record['slug']}.yml")
            graph.add((distribution, RDF.type, ADMS.AssetDistribution))
            graph.add((URIRef(f"{base_url}{record['page_url']}"), DCAT.distribution, distribution))
    return graph


def _asset(
    graph: Graph, record: dict[str, Any], *, base_url: str, catalogue: URIRef, modified: Literal
) -> None:
    """One software as an ADMS-AP asset; its address is its page on Communs."""
    page = URIRef(f"{base_url}{record['page_url']}")
    graph.add((catalogue, DCAT.dataset, page))
    graph.add((page, RDF.type, ADMS.Asset))
    graph.add((page, DCTERMS.title, Literal(record["name"])))
    for language in ("fr", "en"):
        text = record.get(f"short_description_{language}") or record["name"]
        graph.add((page, DCTERMS.description, Literal(text, lang=language)))
    graph.add((page, DCTERMS.identifier, Literal(record["slug"])))
    graph.add((page, DCAT.landingPage, page))
    graph.add(
        (page, DCTERMS.modified, Literal(record["updated_at"].isoformat(), datatype=XSD.dateTime))
    )
    graph.add((page, DCTERMS.publisher, URIRef(f"{base_url}/#communs")))
    status = ASSET_STATUS.get(record.get("development_status") or "")
    if status is not None:
        graph.add((page, ADMS.status, status))
    for category in record.get("categories", []):
        graph.add((page, DCAT.keyword, Literal(category)))
    licence = record.get("licence") or ""
    # A single SPDX identifier has an address; an expression ("MIT OR Apache-2.0") has not.
    if licence and " " not in licence:
        graph.add((page, DCTERMS.license, URIRef(SPDX + licence)))
    if record.get("repository_url"):
        graph.add((page, FOAF.page, URIRef(record["repository_url"])))
