import pytest
import yaml

from communs.catalog.models import Software
from communs.catalog.publiccode_mapping import from_publiccode, missing_for_export, to_publiccode
from communs.catalog.services import demo_load
from communs.catalog.tests.factories import SoftwareFactory
from communs.publiccode.validator import validate

pytestmark = pytest.mark.django_db


def test_every_demo_entry_with_what_the_standard_requires_exports_a_valid_file(client):
    demo_load()
    # The standard: contacts are "mandatory if maintenance/type is internal or community".
    # The demo keeps no contact, so such entries say what is missing ...
    needing = Software.objects.published().filter(
        maintenance_type__in=("internal", "community"), maintenance_contacts=[]
    )
    assert needing.exists()
    client.cookies["django_language"] = "en"
    first = needing.first()
    response = client.get(f"/catalogue/{first.slug}/publiccode.yml")
    assert response.status_code == 404 and "a maintenance contact" in response.content.decode()
    # ... and export once a contact is given.
    needing.update(maintenance_contacts=[{"name": "Camille Martin"}])
    exported = 0
    for software in Software.objects.published():
        response = client.get(f"/catalogue/{software.slug}/publiccode.yml")
        if missing_for_export(software):
            assert response.status_code == 404
            continue
        assert response.status_code == 200, software.slug
        assert response["Content-Type"].startswith("application/yaml")
        assert "attachment" in response["Content-Disposition"]
        result = validate(response.content)
        assert result.valid, (software.slug, result.errors)
        assert result.version == "0.7" and result.warnings == (), result.warnings
        exported += 1
    assert exported >= 40


def test_importing_an_exported_file_gives_back_the_same_entry():
    demo_load()
    fields = [
        "name",
        "licence",
        "development_status",
        "software_type",
        "maintenance_type",
        "website",
        "repository_url",
        "documentation_url",
        "short_description_fr",
    ]
    for slug in ("openstreetmap", "qgis", "moodle", "peertube", "framadate"):
        software = Software.objects.get(slug=slug)
        values, categories = from_publiccode(validate(yaml.safe_dump(to_publiccode(software))).data)
        for field in fields:
            assert values[field] == getattr(software, field), (slug, field)
        assert values["advantages_fr"] == software.advantages_fr
        assert sorted(categories) == sorted(c.slug for c in software.categories.all())


def test_the_software_page_links_its_publiccode_or_says_what_is_missing(client):
    client.cookies["django_language"] = "en"
    SoftwareFactory(
        slug="ready",
        repository_url="https://forge.example.org/ready",
        development_status="stable",
        software_type="standalone/web",
        maintenance_type="community",
        maintenance_contacts=[{"name": "Camille Martin"}],
        usage_fr="Un usage détaillé. " * 10,
    )
    SoftwareFactory(slug="incomplete", licence="")
    assert (
        'href="/catalogue/ready/publiccode.yml"' in client.get("/catalogue/ready/").content.decode()
    )
    incomplete = client.get("/catalogue/incomplete/").content.decode()
    assert 'href="/catalogue/incomplete/publiccode.yml"' not in incomplete
    # The page itself says why there is no file, and where to write one.
    assert "No publiccode.yml of this entry yet; it lacks:" in incomplete
    assert "a licence" in incomplete and 'href="/publiccode/editor/"' in incomplete
    ready = client.get("/catalogue/ready/").content.decode()
    assert "No publiccode.yml of this entry yet" not in ready
    response = client.get("/catalogue/incomplete/publiccode.yml")
    assert response.status_code == 404
    html = response.content.decode()
    assert "a licence" in html and "a repository URL or a website" in html
