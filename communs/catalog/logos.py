"""Logos that curators upload: limited in size and pixels, then re-encoded.

A logo is decoded and written again as a PNG of at most LOGO_MAX_SIDE pixels a side, so
that what is served is an image Communs made: bytes appended to the upload (HTML, a script),
metadata and extra frames are dropped.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError


def logo_reencode(upload: Any) -> SimpleUploadedFile:
    """The upload as a new PNG, or a ValidationError that says what is wrong."""
    if upload.size > settings.LOGO_MAX_BYTES:
        raise forms.ValidationError(
            _("The logo is larger than %(size)d KB: give a smaller image."),
            code="logo_too_large",
            params={"size": settings.LOGO_MAX_BYTES // 1024},
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns past 89 megapixels; the limit below is lower and says so.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload)  # reads the header only, nothing decoded yet
        with image:
            width, height = image.size
            if width * height > settings.LOGO_MAX_PIXELS:
                raise _too_many_pixels(width * height)
            image.load()
            converted = image.convert("RGBA")
    except Image.DecompressionBombError:
        raise _too_many_pixels(None) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise forms.ValidationError(
            _("This file is not an image that can be read (PNG, JPEG, GIF or WebP)."),
            code="logo_unreadable",
        ) from None
    converted.thumbnail((settings.LOGO_MAX_SIDE, settings.LOGO_MAX_SIDE))
    output = io.BytesIO()
    converted.save(output, format="PNG", optimize=True)
    return SimpleUploadedFile("logo.png", output.getvalue(), content_type="image/png")


def _too_many_pixels(pixels: int | None) -> forms.ValidationError:
    return forms.ValidationError(
        _("The logo has %(pixels)s pixels; at most %(limit)d are accepted: give a smaller image."),
        code="logo_too_many_pixels",
        params={"pixels": pixels or _("too many"), "limit": settings.LOGO_MAX_PIXELS},
    )


class LogoField(forms.ImageField):
    """An image field whose cleaned value is the re-encoded logo."""

    def clean(self, data: Any, initial: Any = None) -> Any:
        if data and hasattr(data, "size"):  # a new upload: checked and re-encoded first
            data = logo_reencode(data)
        return super().clean(data, initial)
