import pytest

from communs.catalog.models import Category, Provider, Software
from communs.catalog.tests.factories import ProviderFactory, SoftwareFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, curator):
    client.force_login(curator)
    client.cookies["django_language"] = "en"
    return client


def software_form(**overrides):
    data = {
        "name": "Grist",
        "slug": "grist",
        "status": "published",
        "short_description_fr": "Tableur-base de données",
        "short_description_en": "",
        "usage_fr": "",
        "usage_en": "",
        "long_description_fr": "",
        "long_description_en": "",
        "advantages_fr": "Relationnel\n\nSimple  \n",
        "advantages_en": "",
        "replaces": "Airtable",
        "categories": [Category.objects.get(slug="data-collection").pk],
        "licence": "apache-2.0",
        "website": "https://www.getgrist.com",
        "repository_url": "https://github.com/gristlabs/grist-core",
        "documentation_url": "",
        "development_status": "stable",
        "software_type": "standalone/web",
        "maintenance_type": "",
        "wikidata_id": "",
        "sill_id": "",
        "comptoir_du_libre_id": "",
        "Provider_software-TOTAL_FORMS": "0",
        "Provider_software-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_a_curator_adds_software_with_lists_one_per_line_and_a_normalised_licence(admin_client):
    response = admin_client.post("/admin/catalog/software/add/", software_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    software = Software.objects.get(slug="grist")
    assert software.licence == "Apache-2.0"
    assert software.advantages_fr == ["Relationnel", "Simple"]
    assert software.replaces == ["Airtable"]
    assert software.licence_crpa_listed
    assert [c.slug for c in software.categories.all()] == ["data-collection"]


def test_an_invalid_licence_is_refused_with_a_message_and_nothing_is_saved(admin_client):
    response = admin_client.post("/admin/catalog/software/add/", software_form(licence="Apache 2"))
    assert response.status_code == 200
    assert "is not a valid SPDX licence expression" in response.content.decode()
    assert not Software.objects.filter(slug="grist").exists()


def test_a_plain_http_repository_is_refused(admin_client):
    response = admin_client.post(
        "/admin/catalog/software/add/", software_form(repository_url="http://example.org/x.git")
    )
    assert "Only https:// addresses are accepted." in response.content.decode()
    assert not Software.objects.exists()


def test_an_invalid_siren_is_refused_in_the_provider_admin(admin_client):
    data = {
        "name": "Coop",
        "slug": "coop",
        "siren": "123456789",
        "website": "",
        "description_fr": "",
        "description_en": "",
    }
    response = admin_client.post("/admin/catalog/provider/add/", data)
    assert "is not a valid SIREN number: its check digit is wrong" in response.content.decode()
    assert not Provider.objects.exists()
    data["siren"] = "732829320"
    data["regions_served"] = ["53", "11"]
    response = admin_client.post("/admin/catalog/provider/add/", data)
    assert response.status_code == 302
    assert Provider.objects.get(slug="coop").regions_served == ["53", "11"]


def test_the_curator_lists_search_and_filter_the_catalogue(admin_client):
    SoftwareFactory(name="QGIS", slug="qgis", licence="GPL-2.0-or-later")
    SoftwareFactory(name="Lizmap", slug="lizmap", licence="MPL-2.0", status="draft")
    ProviderFactory(name="3Liz")
    response = admin_client.get("/admin/catalog/software/", {"q": "qgis"})
    assert [s.slug for s in response.context["cl"].result_list] == ["qgis"]
    response = admin_client.get("/admin/catalog/software/", {"status__exact": "draft"})
    assert [s.slug for s in response.context["cl"].result_list] == ["lizmap"]
    response = admin_client.get("/admin/catalog/software/", {"licence_crpa_listed__exact": "1"})
    assert [s.slug for s in response.context["cl"].result_list] == ["lizmap"]
    assert admin_client.get("/admin/catalog/provider/").status_code == 200
    assert admin_client.get("/admin/catalog/category/").status_code == 200


def test_the_admin_is_closed_to_people_who_are_not_staff(client, outsider):
    client.force_login(outsider)
    response = client.get("/admin/catalog/software/")
    assert response.status_code == 302
    assert "/admin/login/" in response.headers["Location"]
