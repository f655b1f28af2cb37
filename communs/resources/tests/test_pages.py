"""The library through the site: sharing, downloading safely, searching, rating, curating."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from communs.catalog.tests.factories import SoftwareFactory
from communs.resources.models import Resource, Usefulness
from communs.resources.tests import samples
from communs.territories.models import Membership, Organisation
from communs.usage.models import Experience

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def library_root(settings, tmp_path):
    settings.RESOURCES_ROOT = tmp_path / "resources"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.RESOURCES_ROOT


@pytest.fixture
def world(db):
    software = SoftwareFactory(slug="qgis", name="QGIS")
    commune = Organisation.objects.create(kind="commune", name="Bonneville", population=12_000)
    agent = User.objects.create_user("anne.agent", "anne@example.fr", "not-a-secret-42")
    Membership.objects.create(organisation=commune, user=agent, status="approved")
    return {"software": software, "commune": commune, "agent": agent}


def share(client, world, data: bytes, name: str, **values):
    form = {
        "kind": "migration-guide",
        "title": "Passer à QGIS",
        "description": "",
        "licence": "CC-BY-4.0",
        "author_organisation": world["commune"].pk,
        "published_on": "2025-06-01",
        "language": "fr",
        "upload": SimpleUploadedFile(name, data, content_type="application/octet-stream"),
        **values,
    }
    return client.post("/catalogue/qgis/resources/new/", form)


def test_a_member_shares_a_guide_stored_outside_the_web_root_under_a_random_name(
    client, world, library_root
):
    client.force_login(world["agent"])
    response = share(client, world, samples.pdf("Cadastre et urbanisme"), "../../guide.pdf")
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.original_name == "guide.pdf"
    stored = Path(resource.file.path)
    assert stored.parent == library_root and stored.name != "guide.pdf"
    assert not str(stored).startswith(str(django_settings.MEDIA_ROOT))
    assert "Cadastre et urbanisme" in resource.text
    assert resource.uploaded_by == world["agent"]


def test_a_pdf_with_a_script_is_served_as_an_attachment_that_runs_nothing(client, world):
    client.force_login(world["agent"])
    share(client, world, samples.pdf("Guide", script=True), "guide.pdf")
    resource = Resource.objects.get()
    client.logout()
    response = client.get(f"/resources/{resource.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="guide.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert b"/JavaScript" in b"".join(response.streaming_content)  # served as given, not run


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_refused_upload_says_why_and_nothing_is_saved(client, world, library_root, language):
    client.force_login(world["agent"])
    client.cookies["django_language"] = language
    response = share(client, world, b"<!doctype html><script>alert(1)</script>", "page.md")
    assert response.status_code == 200
    expected = "n’est pas du texte Markdown" if language == "fr" else "is not Markdown text"
    assert expected in response.content.decode()
    assert not Resource.objects.exists()
    assert not library_root.exists() or not any(library_root.iterdir())


def test_an_oversized_upload_is_refused(client, world, settings):
    settings.RESOURCE_MAX_MB = 1
    client.force_login(world["agent"])
    client.cookies["django_language"] = "en"
    response = share(client, world, samples.pdf() + b"\n" * (1024 * 1024), "big.pdf")
    assert "larger than 1 MB" in response.content.decode()
    assert not Resource.objects.exists()


def test_an_outside_training_is_a_link_without_a_file(client, world):
    client.force_login(world["agent"])
    response = share(
        client,
        world,
        b"",
        "x",
        kind="external-training",
        title="MOOC QGIS pour les agents",
        upload="",
        external_url="https://moodle.example.org/course/view.php?id=42",
    )
    assert response.status_code == 302
    assert Resource.objects.get().external_url.endswith("id=42")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_guide_is_found_by_a_word_of_its_content_without_accents(client, world, language):
    client.force_login(world["agent"])
    share(client, world, samples.odt("Paramétrage des géorésolutions"), "guide.odt")
    share(client, world, samples.pdf("Autre chose"), "autre.pdf", title="Formation")
    client.cookies["django_language"] = language
    response = client.get("/resources/", {"q": "georesolution"})
    html = response.content.decode()
    assert [r.title for r in response.context["resources"]] == ["Passer à QGIS"]
    assert ("1 ressource" if language == "fr" else "1 resource") in html


def test_people_outside_any_organisation_cannot_share(client, world):
    client.force_login(User.objects.create_user("oscar", "o@example.org", "x-42-secret"))
    response = share(client, world, samples.pdf(), "guide.pdf")
    assert response.status_code == 403
    assert not Resource.objects.exists()


def test_a_member_cannot_share_in_the_name_of_another_organisation(client, world):
    other = Organisation.objects.create(kind="commune", name="Ailleurs", population=5_000)
    client.force_login(world["agent"])
    response = share(client, world, samples.pdf(), "guide.pdf", author_organisation=other.pk)
    assert response.status_code == 200  # not one of the choices: a form error
    assert not Resource.objects.exists()


def make_resource(world, **values):
    defaults = {
        "software": world["software"],
        "kind": "user-guide",
        "title": "Guide",
        "licence": "CC-BY-4.0",
        "published_on": datetime.date(2025, 1, 1),
        "language": "fr",
        "external_url": "https://example.org/guide",
    }
    return Resource.objects.create(**{**defaults, **values})


def test_members_mark_a_resource_useful_once_and_outsiders_cannot(client, world):
    resource = make_resource(world)
    client.force_login(world["agent"])
    client.post(f"/resources/{resource.pk}/useful/")
    assert Usefulness.objects.filter(resource=resource, user=world["agent"]).count() == 1
    client.post(f"/resources/{resource.pk}/useful/")  # taken back
    assert not Usefulness.objects.exists()
    client.force_login(User.objects.create_user("oscar", "o@example.org", "x-42-secret"))
    assert client.post(f"/resources/{resource.pk}/useful/").status_code == 403
    assert not Usefulness.objects.exists()


def test_curators_feature_and_retire_and_a_retired_resource_disappears(client, world, curator):
    resource = make_resource(world)
    client.force_login(world["agent"])
    assert client.post(f"/resources/{resource.pk}/curate/", {"action": "retire"}).status_code == 403
    client.force_login(curator)
    client.post(f"/resources/{resource.pk}/curate/", {"action": "feature"})
    resource.refresh_from_db()
    assert resource.featured
    client.post(f"/resources/{resource.pk}/curate/", {"action": "retire"})
    resource.refresh_from_db()
    assert resource.status == "retired" and not resource.featured
    client.logout()
    assert client.get(f"/resources/{resource.pk}/").status_code == 404
    assert "Guide" not in [r.title for r in client.get("/resources/").context["resources"]]


def test_the_detail_page_lists_the_experiences_that_cite_it_in_both_languages(client, world):
    experience = Experience.objects.create(
        kind="testimonial",
        organisation=world["commune"],
        software=world["software"],
        title="Notre passage réussi",
        body="Tout s’est bien passé.",
    )
    resource = make_resource(world, demo=True)
    resource.experiences.add(experience)
    for language, words in (
        ("fr", "Expériences qui la citent"),
        ("en", "Experiences that cite it"),
    ):
        client.cookies["django_language"] = language
        html = client.get(f"/resources/{resource.pk}/").content.decode()
        assert words in html and "Notre passage réussi" in html


def test_the_software_page_lists_its_resources(client, world):
    make_resource(world, title="Cahier des charges type")
    html = client.get("/catalogue/qgis/").content.decode()
    assert "Cahier des charges type" in html


def test_the_software_page_offers_sharing_only_to_those_who_may_share(client, world):
    client.force_login(User.objects.create_user("oscar", "o@example.org", "x-42-secret"))
    html = client.get("/catalogue/qgis/").content.decode()
    assert "/catalogue/qgis/resources/new/" not in html
    assert 'href="/organisations/"' in html and "partagent des ressources" in html
    client.force_login(world["agent"])
    assert "/catalogue/qgis/resources/new/" in client.get("/catalogue/qgis/").content.decode()
