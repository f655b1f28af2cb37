"""Quote documents: checked by content, size-limited, stored outside the web root, served
as an attachment with safe headers."""

import io
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from communs.mutualisation.models import Quote
from communs.mutualisation.tests.conftest import make_campaign
from communs.resources.tests import samples

pytestmark = pytest.mark.django_db
PDF = samples.pdf("Devis")


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT


def odf(media_type: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), media_type)  # stored, first
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="'
            'urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
        )
    return buffer.getvalue()


def post_quote(client, campaign, upload):
    return client.post(
        f"/campaigns/{campaign.pk}/quotes/",
        {
            "provider": "Atreal",
            "amount_excl_vat": "1000",
            "amount_incl_vat": "1200",
            "valid_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "document": upload,
        },
    )


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("Devis Atreal n°12.pdf", PDF, "pdf"),
        ("devis.odt", odf("application/vnd.oasis.opendocument.text"), "odt"),
        ("devis.ods", odf("application/vnd.oasis.opendocument.spreadsheet"), "ods"),
    ],
)
def test_a_pdf_or_odf_quote_is_stored_outside_the_web_root_and_downloaded(
    client, world, campaign, private_root, name, content, extension
):
    client.force_login(world["agent"])
    response = post_quote(client, campaign, SimpleUploadedFile(name, content, "text/html"))
    assert response.status_code == 302
    quote = Quote.objects.get(provider="Atreal")
    stored = Path(quote.document.path)
    assert stored.is_relative_to(private_root) and stored.read_bytes() == content
    assert stored.suffix == f".{extension}" and "Atreal" not in stored.name
    client.logout()  # the campaign is public, so is its quote
    page = client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert f"/quotes/{quote.pk}/document/" in page
    download = client.get(f"/quotes/{quote.pk}/document/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == content
    assert download["Content-Disposition"].startswith("attachment;")
    assert f'.{extension}"' in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]
    assert download["Content-Type"].startswith("application/")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("devis.pdf", b"<html><script>alert(1)</script></html>"),  # a PDF by its name only
        ("devis.odt", odf("text/html")),  # a zip claiming another type
        ("devis.odt", b"PK\x03\x04broken"),
        ("devis.exe", b"MZ\x90\x00"),
    ],
)
def test_a_document_that_is_not_what_it_says_is_refused_and_nothing_is_stored(
    client, world, campaign, private_root, name, content
):
    client.force_login(world["agent"])
    response = post_quote(client, campaign, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    page = response.content.decode()
    assert "en PDF ou en fichier OpenDocument" in page and 'value="Atreal"' in page
    assert Quote.objects.count() == 1  # the fixture's
    assert not private_root.exists() or not any(private_root.rglob("*.*"))


def test_a_document_above_the_size_limit_is_refused(client, world, campaign, settings):
    settings.QUOTE_DOCUMENT_MAX_BYTES = 1024 * 1024
    client.force_login(world["agent"])
    big = PDF + b"0" * (1024 * 1024)
    response = post_quote(client, campaign, SimpleUploadedFile("gros.pdf", big))
    assert response.status_code == 400 and "plus de 1 Mo" in response.content.decode()
    assert Quote.objects.count() == 1


def test_a_draft_campaigns_document_is_hidden_from_outsiders(client, world, need):
    campaign = make_campaign(world, need, state="draft")
    client.force_login(world["agent"])
    post_quote(client, campaign, SimpleUploadedFile("d.pdf", PDF))
    quote = Quote.objects.get(provider="Atreal")
    assert client.get(f"/quotes/{quote.pk}/document/").status_code == 200
    client.force_login(world["neighbour_agent"])
    assert client.get(f"/quotes/{quote.pk}/document/").status_code == 404
    first = Quote.objects.exclude(pk=quote.pk).get()  # no document: nothing to serve
    client.force_login(world["agent"])
    assert client.get(f"/quotes/{first.pk}/document/").status_code == 404
