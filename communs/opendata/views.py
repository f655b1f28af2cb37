"""The open-data page (every file, every field, the licence) and the files themselves."""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _

from communs.opendata.services import (
    DCAT_JSONLD,
    DCAT_TURTLE,
    JSON_DUMP,
    LICENCE_NAME,
    LICENCE_URL,
    PUBLICCODE_DIR,
    csv_name,
    exported_files,
    opendata_export_missing,
    opendata_export_request,
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
# Seconds a client is asked to wait while a first export is written (a few seconds on a
# catalogue of national size; see README, Open data).
RETRY_AFTER = 30


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


def _preparing(request: HttpRequest, name: str) -> HttpResponse:
    """503 while a first dump is written in the background: a page for browsers, the API's
    error shape for programs, both with Retry-After."""
    if "text/html" in request.headers.get("Accept", ""):
        response = render(
            request,
            "opendata/preparing.html",
            {"name": name, "retry_after": RETRY_AFTER},
            status=503,
        )
    else:
        message = _("There is no export yet: it is being written now. Try again in a minute.")
        body = {"error": {"code": "preparing", "message": message, "fields": {}}}
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False),
            status=503,
            content_type="application/json; charset=utf-8",
        )
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def download(request: HttpRequest, name: str) -> HttpResponseBase:
    known = name in exported_files() or name.startswith(f"{PUBLICCODE_DIR}/")
    if known and opendata_export_missing():
        # Never written here, in the request: the job system writes it once, in the
        # background, and the last dump written is served until the next one is in place.
        opendata_export_request()
        return _preparing(request, name)
    folder = Path(settings.OPENDATA_DIR).resolve()
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
