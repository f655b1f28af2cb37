"""Domain standards.

What it measures: whether the dependency manifests declare libraries for open standards
that local government tools exchange: calendars (iCalendar, CalDAV, CardDAV), geographic
services (OGC WMS and WFS, GeoJSON), office documents (OpenDocument), and tabular exports
(CSV, spreadsheets).

Why it matters: open formats and protocols let data move between tools and survive a
change of software, instead of being locked in one product.

How to improve: import and export data in open formats, and document the formats and
protocols supported.

Scoring: 10 for two families of standards or more, 6 for one. When none is seen the
result is inconclusive: many standards are implemented without a dedicated library.
"""

from __future__ import annotations

from communs.evaluation.checks.integration.standards import detect, library_names
from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

SIGNATURES = {
    "calendars (iCalendar, CalDAV, CardDAV)": library_names(
        "icalendar",
        "ical.js",
        "ical-generator",
        "node-ical",
        "vobject",
        "caldav",
        "sabre/dav",
        "sabre/vobject",
        "ri_cal",
        "icalendar-ruby",
        "ical4j",
        "ics",
        "django-ical",
        "tsdav",
    ),
    "geographic services (OGC, GeoJSON)": library_names(
        "owslib",
        "ol",
        "openlayers",
        "leaflet",
        "maplibre-gl",
        "geotools",
        "gdal",
        "rgeo",
        "shapely",
        "geopandas",
        "pygeoapi",
        "mapproxy",
        "turf",
        "@turf/turf",
        "geojson",
        "django-leaflet",
        "postgis",
        "rgeo-geojson",
    ),
    "office documents (OpenDocument)": library_names(
        "odfpy",
        "odfdo",
        "simple-odf",
        "relatorio",
        "py3o.template",
        "phpoffice/phpword",
        "phpoffice/phpspreadsheet",
        "odf-kit",
        "jodconverter",
        "docxtemplater",
    ),
    "tabular exports (CSV, spreadsheets)": library_names(
        "tablib",
        "django-import-export",
        "openpyxl",
        "xlsxwriter",
        "papaparse",
        "csv-parse",
        "csv-stringify",
        "fast-csv",
        "exceljs",
        "xlsx",
        "league/csv",
        "caxlsx",
        "roo",
        "nimble_csv",
        "apache-poi",
        "poi-ooxml",
        "opencsv",
        "pandas",
    ),
}


NONE_SEEN = Message(
    "integration.domain_standards.none_seen",
    "No library for a calendar, geographic, office or tabular standard was declared.",
    remediation=Remediation(
        "Import and export data in open formats, and document the formats and protocols supported.",
        Effort.MEDIUM,
    ),
)
USES = Message(
    "integration.domain_standards.uses",
    "Uses {standards:list;}.",
    terms={"standards": tuple(SIGNATURES)},
    remediation=Remediation(
        "Support more open formats and protocols, and document those supported.", Effort.MEDIUM
    ),
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    manifests = facts.presence["manifests"]
    found = detect(snapshot, manifests, SIGNATURES)
    if not found:
        return Finding.inconclusive(NONE_SEEN(), manifests=manifests[:10])
    score = 10 if len(found) >= 2 else 6
    return Finding.graded(USES(standards=list(found)), score=score, standards=found)


CHECK = Check(
    id="integration.domain_standards",
    criterion=Criterion.INTEGRATION,
    title="Domain standards",
    weight=2,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NONE_SEEN, USES),
    evidence={"manifests": "Manifests", "standards": "Standards"},
)
