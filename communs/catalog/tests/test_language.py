import pytest

from communs.catalog.tests.factories import SoftwareFactory

pytestmark = pytest.mark.django_db


def test_the_site_speaks_french_by_default_even_to_an_english_browser(client):
    response = client.get("/catalogue/", headers={"accept-language": "en-GB,en;q=0.9"})
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Famille de licence" in html
    assert response.headers["Content-Language"] == "fr"


def test_the_switch_turns_the_site_to_english_and_back(client):
    SoftwareFactory(
        slug="qgis", short_description_fr="SIG de bureau", short_description_en="Desktop GIS"
    )
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/catalogue/qgis/"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/catalogue/qgis/"
    html = client.get("/catalogue/qgis/").content.decode()
    assert '<html lang="en">' in html
    assert "Desktop GIS" in html and "Key facts" in html
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    html = client.get("/catalogue/qgis/").content.decode()
    assert "SIG de bureau" in html and "Repères" in html


def test_an_unknown_language_cookie_falls_back_to_french(client):
    client.cookies["django_language"] = "xx"
    assert '<html lang="fr">' in client.get("/").content.decode()


def test_the_switch_refuses_to_redirect_to_another_site(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
