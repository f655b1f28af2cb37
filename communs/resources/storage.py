"""Where uploaded documents are kept: RESOURCES_ROOT, outside the web root.

MEDIA_ROOT is served as it is (by the embedded mode, by the proxy in production); a
document stored there could be opened as a page of the site. RESOURCES_ROOT is served by
nothing but the download view, which answers with an attachment and safe headers.
"""

from __future__ import annotations

import os
from uuid import uuid4

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class ResourceStorage(FileSystemStorage):
    """Read RESOURCES_ROOT when used, not when imported (tests point it elsewhere)."""

    @property
    def base_location(self) -> str:
        return str(settings.RESOURCES_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


def stored_name(instance: object, filename: str) -> str:
    """A random name with the extension of the detected type: the uploader's name never
    reaches the disk (no path, no traversal, no clash)."""
    extension = os.path.splitext(filename)[1].lower()
    return f"{uuid4().hex}{extension}"
