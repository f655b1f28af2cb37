"""Checking an uploaded document by its content, and extracting its text for search.

Accepted: PDF, OpenDocument (text, spreadsheet, presentation, drawing), Markdown and
images (PNG, JPEG, GIF, WebP). The type is decided by what the bytes are, never by the
name nor the browser's claim: a PDF must open with pypdf, an image with Pillow, an
OpenDocument is a zip whose first entry "mimetype" names an OpenDocument type, and
Markdown is UTF-8 text that does not start like HTML or SVG.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree
from defusedxml import DefusedXmlException
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.http import FileResponse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

MAX_TEXT = 500_000  # characters of extracted text kept for search
MAX_PDF_PAGES = 500
MAX_ODF_XML = 50 * 1024 * 1024  # uncompressed content.xml: a zip bomb stops here

ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/vnd.oasis.opendocument.presentation": ".odp",
    "application/vnd.oasis.opendocument.graphics": ".odg",
}
IMAGE_TYPES = {
    "PNG": ("image/png", ".png"),
    "JPEG": ("image/jpeg", ".jpg"),
    "GIF": ("image/gif", ".gif"),
    "WEBP": ("image/webp", ".webp"),
}
MARKDOWN_NAMES = (".md", ".markdown", ".txt")
LOOKS_LIKE_MARKUP = re.compile(rb"^\s*(<!doctype|<html|<svg|<\?xml|<script)", re.IGNORECASE)


@dataclass(frozen=True)
class Checked:
    content_type: str
    extension: str
    text: str


def refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def max_bytes() -> int:
    return int(settings.RESOURCE_MAX_MB) * 1024 * 1024


def check(upload: IO[bytes], *, name: str, size: int) -> Checked:
    """The document's real type and its text, or a ValidationError saying why it is refused."""
    if size > max_bytes():
        raise refuse(
            _("The file is larger than %(max)s MB.") % {"max": settings.RESOURCE_MAX_MB},
            "too_large",
        )
    if size == 0:
        raise refuse(_("The file is empty."), "empty")
    return detect(upload, name=name)


def detect(upload: IO[bytes], *, name: str) -> Checked:
    """What the bytes are, whatever their size (callers apply their own limit); the name
    only tells Markdown from other text."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if data.startswith(b"%PDF-"):
        return _pdf(data)
    if data.startswith(b"PK\x03\x04"):
        return _odf(data)
    image = _image(data)
    if image is not None:
        return image
    if os.path.splitext(name)[1].lower() in MARKDOWN_NAMES:
        return _markdown(data)
    raise refuse(
        _(
            "This kind of file is not accepted. Accepted: PDF, OpenDocument (text, "
            "spreadsheet, presentation, drawing), Markdown, PNG, JPEG, GIF, WebP."
        ),
        "type_refused",
    )


def _pdf(data: bytes) -> Checked:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        parts = []
        for page in reader.pages[:MAX_PDF_PAGES]:
            parts.append(page.extract_text() or "")
            if sum(len(p) for p in parts) > MAX_TEXT:
                break
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise refuse(
            _("This PDF could not be read: it may be damaged."), "pdf_unreadable"
        ) from None
    return Checked("application/pdf", ".pdf", _clean("\n".join(parts)))


def _odf(data: bytes) -> Checked:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
        # The OpenDocument format puts an uncompressed "mimetype" entry first (ODF 1.2, 3.3).
        if not entries or entries[0].filename != "mimetype":
            raise KeyError("mimetype")
        content_type = archive.read("mimetype").decode("ascii").strip()
        if content_type not in ODF_TYPES:
            raise KeyError(content_type)
        info = archive.getinfo("content.xml")
        if info.file_size > MAX_ODF_XML:
            raise refuse(_("This document's text is too large to be read."), "odf_too_large")
        # defusedxml: no entity expansion, no external entity, no DTD tricks.
        root = defusedxml.ElementTree.fromstring(archive.read(info))
    except ValidationError:
        raise
    except (
        zipfile.BadZipFile,
        KeyError,
        UnicodeDecodeError,
        ParseError,
        DefusedXmlException,
        OSError,
    ):
        raise refuse(
            _(
                "This archive is not an OpenDocument file "
                "(text, spreadsheet, presentation, drawing)."
            ),
            "not_odf",
        ) from None
    text = " ".join(" ".join(root.itertext()).split())
    return Checked(content_type, ODF_TYPES[content_type], _clean(text))


def _image(data: bytes) -> Checked | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            kind = image.format or ""
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    if kind not in IMAGE_TYPES:
        return None
    content_type, extension = IMAGE_TYPES[kind]
    return Checked(content_type, extension, "")


def _markdown(data: bytes) -> Checked:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refuse(_("This text file is not in UTF-8."), "not_utf8") from None
    if "\x00" in text or LOOKS_LIKE_MARKUP.match(data):
        raise refuse(_("This file is not Markdown text."), "not_markdown")
    return Checked("text/markdown", ".md", _clean(text))


def _clean(text: str) -> str:
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")[:MAX_TEXT]


def safe_name(name: str, extension: str) -> str:
    """The name shown and offered on download: the last part of the given name, with no
    path, no control character, no leading dot, and the extension of the detected type."""
    base = name.replace("\\", "/").split("/")[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C")
    stem = os.path.splitext(base)[0].strip(" .")
    try:
        stem = get_valid_filename(stem) if stem else ""
    except SuspiciousFileOperation:  # nothing left of the name
        stem = ""
    stem = stem.lstrip(".-")[:100] or "document"
    return f"{stem}{extension}"


# What a downloaded document may do when a browser opens it anyway: nothing. The sandbox
# keeps scripts (a PDF's JavaScript, an HTML disguise) from running with the site's origin.
DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'"


def attachment(handle: IO[bytes], *, filename: str, content_type: str) -> FileResponse:
    """An uploaded document served as a download with the headers that keep it inert."""
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-transform"
    return response
