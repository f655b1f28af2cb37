"""The open-data page (every file, every field, the licence) and the files themselves."""

from __future__ import annotations

import mimetypes
import threading
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from communs.opendata.services import (
    DCAT_JSONLD,
    DCAT_TURTLE,
    JSON_DUMP,
    LICENCE_NAME,
    LICENCE_URL,
    PUBLICCODE_DIR,
    csv_name,
    opendata_export,
    schema_name,
)
from communs.opendata.tables import TABLES

CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".jsonld": "application/ld+json; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".yml": "application/yaml; charset=utf-8",
}
_export_lock = threading.Lock()


def index(request: HttpRequest) -> HttpResponse:
    tables = [
        {"table": table, "csv": csv_name(table), "schema": schema_name(table)} for table in TABLES
    ]
    return render(
        request,
        "opendata/index.html",
        {
            "tables": tables,
            "json_dump": JSON_DUMP,
            "dcat_turtle": DCAT_TURTLE,
            "dcat_jsonld": DCAT_JSONLD,
            "licence_name": LICENCE_NAME,
            "licence_url": LICENCE_URL,
        },
    )


def _dump_folder() -> Path:
    """The folder of the dumps; written first when there is none (a fresh installation)."""
    folder = Path(settings.OPENDATA_DIR)
    if not folder.is_dir():
        with _export_lock:
            if not folder.is_dir():
                opendata_export(directory=folder)
    return folder


def download(request: HttpRequest, name: str) -> FileResponse:
    folder = _dump_folder().resolve()
    path = (folder / name).resolve()
    # Only the dump's own files: no way out of its folder, nothing hidden.
    inside = path.parent == folder or path.parent == folder / PUBLICCODE_DIR
    if not inside or path.name.startswith(".") or not path.is_file():
        raise Http404(name)
    content_type = CONTENT_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
    response = FileResponse(
        path.open("rb"), content_type=content_type or "application/octet-stream"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
