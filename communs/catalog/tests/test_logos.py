"""Logo uploads are limited in size and pixels, re-encoded, and served in the embedded mode."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from communs.catalog.models import Software
from communs.catalog.tests.test_admin import admin_client, software_form  # noqa: F401

pytestmark = pytest.mark.django_db

ADD = "/admin/catalog/software/add/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def png(width: int = 64, height: int = 32) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(output, format="PNG")
    return output.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header announces width × height pixels, with almost no data (a bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def upload(admin_client, content: bytes, name: str = "logo.png"):  # noqa: F811
    return admin_client.post(
        ADD, {**software_form(), "logo": SimpleUploadedFile(name, content, "image/png")}
    )


def test_a_logo_is_re_encoded_and_what_was_appended_to_it_is_dropped(admin_client, client):  # noqa: F811
    hostile = png() + b"<html><script>alert(document.cookie)</script></html>"
    response = upload(admin_client, hostile, name="logo.html.png")
    assert response.status_code == 302, response.content.decode()[:2000]
    software = Software.objects.get(slug="grist")
    stored = software.logo.read()
    assert stored.startswith(b"\x89PNG") and b"<script" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "PNG" and image.size == (64, 32)
    # Served by the embedded mode, as an image.
    served = client.get(software.logo.url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == stored


def test_a_large_logo_is_made_smaller(admin_client):  # noqa: F811
    assert upload(admin_client, png(2000, 1000)).status_code == 302
    with Image.open(Software.objects.get(slug="grist").logo) as image:
        assert image.size == (512, 256)


def test_a_logo_over_the_size_limit_is_refused_and_nothing_is_saved(admin_client, settings):  # noqa: F811
    settings.LOGO_MAX_BYTES = 1024
    response = upload(admin_client, png() + b"\0" * 2048)
    assert response.status_code == 200
    assert "larger than 1 KB" in response.content.decode()
    assert not Software.objects.exists()


def test_a_hundred_megapixel_logo_is_refused_before_it_is_decoded(admin_client):  # noqa: F811
    response = upload(admin_client, png_claiming(10_000, 10_000))
    assert response.status_code == 200
    assert "100000000 pixels" in response.content.decode().replace("\u202f", "").replace(",", "")
    assert not Software.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(admin_client):  # noqa: F811
    response = upload(admin_client, b"<svg onload='alert(1)'/>", name="logo.svg")
    assert response.status_code == 200
    assert not Software.objects.exists()
