"""The bulk export: CSV with Table Schemas, JSON, publiccode.yml files and DCAT-AP."""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from communs.api.public import public_software, software_record
from communs.catalog.publiccode_mapping import dump, missing_for_export, to_publiccode
from communs.opendata.dcat import catalogue_graph
from communs.opendata.tables import TABLES, Table
from communs.publiccode.validator import validate

LICENCE_NAME = "Licence Ouverte / Open Licence 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
LICENCE_SPDX = "etalab-2.0"
JSON_DUMP = "communs.json"
DATAPACKAGE = "datapackage.json"
DCAT_TURTLE = "dcat.ttl"
DCAT_JSONLD = "dcat.jsonld"
PUBLICCODE_DIR = "publiccode"


@dataclass(frozen=True)
class ExportSummary:
    directory: Path
    rows: dict[str, int]
    publiccode_files: int


def csv_name(table: Table) -> str:
    return f"{table.name}.csv"


def schema_name(table: Table) -> str:
    return f"{table.name}.schema.json"


def csv_value(value: Any) -> str:
    """A cell as Table Schema reads it: JSON for arrays and objects, ISO 8601 for dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def json_default(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)  # amounts keep their cents exactly, as the API writes them
    raise TypeError(f"not serialisable: {type(value).__name__}")


def opendata_export(*, directory: Path | None = None) -> ExportSummary:
    """Write every file into a fresh folder, then swap it in: readers never see half a dump."""
    target = Path(directory or settings.OPENDATA_DIR)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=target.parent))
    try:
        summary = _write_all(work)
        if target.exists():
            old = target.with_name(f".old-{target.name}-{os.getpid()}")
            target.rename(old)
            work.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            work.rename(target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return ExportSummary(
        directory=target, rows=summary.rows, publiccode_files=summary.publiccode_files
    )


def _write_all(work: Path) -> ExportSummary:
    generated_at = timezone.now().replace(microsecond=0)
    rows: dict[str, int] = {}
    dump_data: dict[str, Any] = {
        "generated_at": generated_at.isoformat(),
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL, "spdx": LICENCE_SPDX},
    }
    for table in TABLES:
        records = list(table.rows())
        rows[table.name] = len(records)
        dump_data[table.name] = records
        names = [column.name for column in table.columns]
        with (work / csv_name(table)).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(names)
            for record in records:
                writer.writerow([csv_value(record.get(name)) for name in names])
        (work / schema_name(table)).write_text(
            json.dumps(table.table_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    (work / JSON_DUMP).write_text(
        json.dumps(dump_data, ensure_ascii=False, indent=1, default=json_default) + "\n",
        encoding="utf-8",
    )
    publiccode_files = _write_publiccode(work / PUBLICCODE_DIR)
    (work / DATAPACKAGE).write_text(
        json.dumps(datapackage(generated_at), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    graph = catalogue_graph(
        base_url=settings.SITE_URL,
        generated_at=generated_at,
        tables=TABLES,
        publiccode_slugs=sorted(p.stem for p in (work / PUBLICCODE_DIR).glob("*.yml")),
        assets=[software_record(software) for software in public_software().order_by("slug")],
    )
    (work / DCAT_TURTLE).write_text(graph.serialize(format="turtle"), encoding="utf-8")
    (work / DCAT_JSONLD).write_text(graph.serialize(format="json-ld", indent=2), encoding="utf-8")
    return ExportSummary(directory=work, rows=rows, publiccode_files=publiccode_files)


def _write_publiccode(folder: Path) -> int:
    """One publiccode.yml per published software that has what the standard requires."""
    folder.mkdir()
    written = 0
    for software in public_software().order_by("slug"):
        if missing_for_export(software):
            continue
        text = dump(to_publiccode(software))
        if not validate(text).valid:
            continue
        (folder / f"{software.slug}.yml").write_text(text, encoding="utf-8")
        written += 1
    return written


def download_url(name: str) -> str:
    return f"{settings.SITE_URL}/opendata/files/{name}"


def datapackage(generated_at: datetime) -> dict[str, Any]:
    """A Data Package (frictionless) listing the CSV tables with their schemas."""
    return {
        "name": "communs",
        "title": "Communs",
        "created": generated_at.isoformat(),
        "licenses": [{"name": LICENCE_SPDX, "path": LICENCE_URL, "title": LICENCE_NAME}],
        "resources": [
            {
                "name": table.name,
                "path": csv_name(table),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema_name(table),
            }
            for table in TABLES
        ],
    }


def exported_files() -> list[str]:
    """The stable names of the dump's files (publiccode.yml files aside)."""
    names = [JSON_DUMP, DATAPACKAGE, DCAT_TURTLE, DCAT_JSONLD]
    for table in TABLES:
        names += [csv_name(table), schema_name(table)]
    return names


def opendata_export_due(*, now: datetime, directory: Path | None = None) -> bool:
    """Whether the nightly export should run: once a day, from ``OPENDATA_EXPORT_HOUR`` on
    (server time), judged by the date of the dump in place, so a restart does not repeat it."""
    hour = settings.OPENDATA_EXPORT_HOUR
    if hour < 0:
        return False
    local = timezone.localtime(now)
    if local.hour < hour:
        return False
    marker = Path(directory or settings.OPENDATA_DIR) / DATAPACKAGE
    if not marker.exists():
        return True
    written = datetime.fromtimestamp(marker.stat().st_mtime, tz=local.tzinfo)
    return written.date() < local.date()


def opendata_export_if_due(*, now: datetime | None = None) -> ExportSummary | None:
    if not opendata_export_due(now=now or timezone.now()):
        return None
    return opendata_export()


# A page that finds no dump asks for one, once: the request holds this long in the cache
# (shared by every web process in the scale mode), longer than an export takes.
EXPORT_REQUEST_KEY = "opendata:export-requested"
EXPORT_REQUEST_HOLDS = 600  # seconds
MISSING_PERIODIC = "opendata-export-missing"


def opendata_export_missing(*, directory: Path | None = None) -> bool:
    """Whether no dump is in place (a fresh installation, or a removed folder)."""
    return not (Path(directory or settings.OPENDATA_DIR) / DATAPACKAGE).is_file()


def opendata_export_if_missing() -> ExportSummary | None:
    """Write the dump when none is in place; a periodic job of the worker (it runs at the
    worker's start, so a fresh installation gets its dump without waiting for the night)."""
    if not opendata_export_missing():
        return None
    return opendata_export()


def opendata_export_request() -> bool:
    """Ask the job system for the missing dump, in the background; tell whether this call
    asked (False when a request is already under way). Celery runs it in the scale mode;
    the embedded worker at its next turn otherwise."""
    if not cache.add(EXPORT_REQUEST_KEY, True, timeout=EXPORT_REQUEST_HOLDS):
        return False
    if settings.CELERY_BROKER_URL:
        from communs.opendata.tasks import export_if_missing

        export_if_missing.delay()
    else:
        from communs.evaluations import worker

        worker.run_soon(MISSING_PERIODIC)
    return True
