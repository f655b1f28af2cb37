"""Quote documents: what an upload really is (by its bytes, never its name or the browser's
word), where it is stored (outside the web root), and how it is served (as an attachment).

Accepted: PDF, and the OpenDocument text and spreadsheet formats, as the resource
library's detection reads them (``communs.resources.uploads``).
"""

from __future__ import annotations

import os
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext_lazy as _

from communs.mutualisation.errors import PoolingError
from communs.resources import uploads

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
    """The extension the content proves ("pdf", "odt", "ods"), or a PoolingError. The
    content is read by the resource library's detection; a quote accepts only its formats."""
    if size > settings.QUOTE_DOCUMENT_MAX_BYTES:
        raise PoolingError(
            "document_too_large",
            str(_("The document is larger than %(mb)s MB."))
            % {"mb": settings.QUOTE_DOCUMENT_MAX_BYTES // (1024 * 1024)},
        )
    try:
        extension = uploads.detect(upload, name="").extension.lstrip(".")
    except ValidationError:
        extension = ""
    if extension not in KINDS:
        raise PoolingError(
            "document_type",
            str(_("Send the quote as a PDF or an OpenDocument file (.odt, .ods).")),
        )
    return extension


def safe_filename(name: str, extension: str) -> str:
    """A download name with no path nor control character, and the extension the content
    proved."""
    return uploads.safe_name(name, f".{extension}")
