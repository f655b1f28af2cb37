"""Quote documents: what an upload really is (by its bytes, never its name or the browser's
word), where it is stored (outside the web root), and how it is served (as an attachment).

Accepted: PDF, and the OpenDocument text and spreadsheet formats (a zip archive whose first
member, stored uncompressed, is named ``mimetype`` and holds the format's media type, as
the OpenDocument standard, part 3, section 3.3, requires).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from typing import IO

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext_lazy as _

from communs.mutualisation.errors import PoolingError

KINDS = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, read when used (so that tests and deployments that
    change the setting are followed), with no address: only a view serves them."""

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("private files have no address; a view serves them")


def private_storage() -> FileSystemStorage:
    """A callable, so that migrations do not record the storage's path."""
    return PrivateStorage()


def document_kind(upload: IO[bytes], size: int) -> str:
    """The extension the content proves ("pdf", "odt", "ods"), or a PoolingError."""
    if size > settings.QUOTE_DOCUMENT_MAX_BYTES:
        raise PoolingError(
            "document_too_large",
            str(_("The document is larger than %(mb)s MB."))
            % {"mb": settings.QUOTE_DOCUMENT_MAX_BYTES // (1024 * 1024)},
        )
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and head[30:38] == b"mimetype":
        mimetype = ""
        try:
            with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
                first = archive.infolist()[0]
                if first.filename == "mimetype" and first.file_size < 100:
                    mimetype = archive.read(first).decode("ascii", "replace").strip()
        except (zipfile.BadZipFile, IndexError, KeyError, RuntimeError, ValueError):
            mimetype = ""
        finally:
            upload.seek(0)
        for extension, media_type in KINDS.items():
            if extension != "pdf" and mimetype == media_type:
                return extension
    raise PoolingError(
        "document_type",
        str(_("Send the quote as a PDF or an OpenDocument file (.odt, .ods).")),
    )


def safe_filename(name: str, extension: str) -> str:
    """A download name made of plain characters, with the extension the content proved."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-")[:80] or "devis"
    return f"{stem}.{extension}"
