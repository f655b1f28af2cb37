import socket

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from communs.catalog import remote
from communs.catalog.models import Software
from communs.publiccode.tests.test_validator import MINIMAL

pytestmark = pytest.mark.django_db
URL = "/admin/catalog/software/import-publiccode/"
FILE = MINIMAL.replace(
    "platforms: [web]", "platforms: [web]\ncategories: [collaboration]\nusedBy: [Ville de Grenoble]"
)


@pytest.fixture
def admin_client(client, curator):
    client.force_login(curator)
    client.cookies["django_language"] = "en"
    return client


def upload(text):
    return SimpleUploadedFile("publiccode.yml", text.encode(), content_type="application/yaml")


def test_a_valid_file_creates_a_draft_with_every_field_the_catalogue_has(admin_client):
    response = admin_client.post(URL, {"file": upload(FILE)})
    software = Software.objects.get(slug="communs")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/admin/catalog/software/{software.pk}/change/"
    assert software.status == Software.Status.DRAFT
    assert software.licence == "EUPL-1.2"
    assert software.repository_url == "https://forge.example.org/communs"
    assert software.development_status == "beta"
    assert software.maintenance_type == "community"
    assert software.advantages_fr == ["Catalogue"]
    assert software.available_languages == ["fr", "en"]
    assert software.used_by_suggestions == ["Ville de Grenoble"]
    assert [c.slug for c in software.categories.all()] == ["collaboration"]


def test_the_same_repository_updates_the_existing_entry(admin_client):
    admin_client.post(URL, {"file": upload(FILE)})
    admin_client.post(URL, {"file": upload(FILE.replace("beta", "stable"))})
    assert Software.objects.count() == 1
    assert Software.objects.get().development_status == "stable"


def test_an_invalid_file_is_refused_with_the_validator_messages_and_changes_nothing(admin_client):
    admin_client.post(URL, {"file": upload(FILE)})
    before = list(Software.objects.values())
    response = admin_client.post(URL, {"file": upload(FILE.replace("EUPL-1.2", "EUPL"))})
    assert response.status_code == 200
    # The validator's message in the reader's language (the admin here is in English).
    assert "legal.license: legal.license must be a valid SPDX licence expression" in (
        response.content.decode()
    )
    assert list(Software.objects.values()) == before


def test_a_file_or_an_address_is_required_but_not_both(admin_client):
    response = admin_client.post(URL, {})
    assert "Give either a file or an address" in response.content.decode()


def test_an_address_is_fetched_over_the_network_which_tests_mock(admin_client, monkeypatch):
    requested = []

    def fake_fetch(url):
        requested.append(url)
        return FILE.encode()

    monkeypatch.setattr("communs.catalog.admin.fetch_publiccode", fake_fetch)
    response = admin_client.post(URL, {"url": "https://forge.example.org/communs/publiccode.yml"})
    assert response.status_code == 302
    assert requested == ["https://forge.example.org/communs/publiccode.yml"]
    assert Software.objects.filter(slug="communs").exists()


@pytest.mark.parametrize(
    ("url", "address", "message"),
    [
        ("https://intranet.example/p.yml", "10.1.2.3", "private or local address"),
        ("https://localhost.example/p.yml", "127.0.0.1", "private or local address"),
        ("http://forge.example.org/p.yml", "93.184.216.34", "only https://"),
        ("https://user:pw@forge.example.org/p.yml", "93.184.216.34", "credentials"),
    ],
)
def test_unsafe_addresses_are_refused_before_anything_is_fetched(
    admin_client, monkeypatch, url, address, message
):
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda host, port: [(socket.AF_INET, 0, 0, "", (address, port))]
    )

    def no_network(*args, **kwargs):
        raise AssertionError("the network was used")

    monkeypatch.setattr(remote.socket, "create_connection", no_network)
    response = admin_client.post(URL, {"url": url})
    assert message in response.content.decode()
    assert not Software.objects.exists()


def test_only_curators_import(client, outsider):
    client.force_login(outsider)
    response = client.post(URL, {"file": upload(FILE)})
    assert response.status_code == 302  # to the admin login
    assert not Software.objects.exists()
