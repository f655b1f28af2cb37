"""Uploads are checked by what their bytes are, never by their name."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from communs.resources.tests import samples
from communs.resources.uploads import check, safe_name


def checked(data: bytes, name: str):
    return check(io.BytesIO(data), name=name, size=len(data))


def refused_code(data: bytes, name: str) -> str | None:
    with pytest.raises(ValidationError) as error:
        checked(data, name)
    return error.value.code


def test_a_pdf_is_accepted_and_its_text_extracted():
    found = checked(samples.pdf("Guide de migration QGIS"), "guide.pdf")
    assert (found.content_type, found.extension) == ("application/pdf", ".pdf")
    assert "Guide de migration QGIS" in found.text


def test_an_opendocument_is_accepted_and_its_text_extracted():
    found = checked(samples.odt("Clauses de réversibilité"), "clauses.odt")
    assert found.content_type == "application/vnd.oasis.opendocument.text"
    assert "Clauses de réversibilité" in found.text


def test_markdown_is_text_and_an_image_is_known_by_its_bytes_whatever_its_name():
    assert checked("# Formation à QGIS\n\nPremiers pas.".encode(), "formation.md").text.startswith(
        "# Formation"
    )
    image = checked(samples.png(), "not-really.pdf")
    assert (image.content_type, image.extension) == ("image/png", ".png")


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 100, "setup.exe", "type_refused"),
        (b"MZ\x90\x00\x03" + b"\x00" * 100, "setup.pdf", "type_refused"),
        (b"<!DOCTYPE html><script>alert(1)</script>", "page.md", "not_markdown"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "a.md",
            "not_markdown",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "logo.svg", "type_refused"),
        (b"\xff\xfe\x00broken", "notes.md", "not_utf8"),
        (b"%PDF-1.4 this is not a pdf at all", "fake.pdf", "pdf_unreadable"),
        (b"", "empty.pdf", "empty"),
    ],
)
def test_refused_types_say_why(data, name, code):
    assert refused_code(data, name) == code


def test_a_zip_that_is_not_an_opendocument_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("evil.sh", "rm -rf /")
    assert refused_code(out.getvalue(), "archive.odt") == "not_odf"
    assert refused_code(samples.odt(mimetype="application/x-evil"), "x.odt") == "not_odf"


def test_an_opendocument_with_an_entity_bomb_is_refused():
    bomb = samples.odt()  # a valid one, whose content.xml is swapped below
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bomb)) as source, zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), source.read("mimetype"))
        archive.writestr(
            "content.xml",
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>',
        )
    assert refused_code(out.getvalue(), "bomb.odt") == "not_odf"


def test_an_oversized_file_is_refused_before_it_is_read(settings):
    settings.RESOURCE_MAX_MB = 1
    data = samples.pdf() + b"\n" * (1024 * 1024)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        checked(data, "big.pdf")
    assert error.value.code == "too_large"
    assert "larger than 1 MB" in error.value.messages[0]


@pytest.mark.parametrize(
    ("given", "extension", "expected"),
    [
        ("../../etc/passwd", ".pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\cmd.exe", ".pdf", "cmd.pdf"),
        ("/var/www/static/index.html", ".md", "index.md"),
        ("guide.pdf.exe", ".pdf", "guide.pdf.pdf"),
        ("..", ".pdf", "document.pdf"),
        (".htaccess", ".md", "htaccess.md"),
        ("rapport\x00.php", ".pdf", "rapport.pdf"),
        ("Guide d’installation élus.odt", ".odt", "Guide_dinstallation_élus.odt"),
    ],
)
def test_names_with_path_tricks_are_neutralised(given, extension, expected):
    assert safe_name(given, extension) == expected
