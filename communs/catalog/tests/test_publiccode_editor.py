import pytest

from communs.publiccode.validator import validate

URL = "/publiccode/editor/"
LONG = "Un outil libre qui aide les services de la commune à publier leurs cartes. " * 3


def form(**overrides):
    data = {
        "name": "Cartes de la commune",
        "url": "https://forge.example.org/ville/cartes",
        "landing_url": "",
        "software_version": "1.2.0",
        "release_date": "2026-10-01",
        "platforms": ["web"],
        "categories": ["geographic-information-systems"],
        "development_status": "stable",
        "software_type": "standalone/web",
        "language": "fr",
        "short_description": "Publier les cartes de la commune",
        "long_description": LONG,
        "features": "Carte des travaux\nCarte des équipements",
        "licence": "EUPL-1.2",
        "maintenance_type": "internal",
        "contact_name": "Service SIG",
        "contact_email": "sig@ville.example.fr",
        "available_languages": ["fr"],
    }
    data.update(overrides)
    return data


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_the_editor_offers_the_vocabularies_as_choices(english):
    html = english.get(URL).content.decode()
    assert 'value="geographic-information-systems"' in html
    assert 'value="standalone/web"' in html and 'value="obsolete"' in html
    assert 'value="contract"' in html


def test_a_complete_form_is_checked_and_shown(english):
    response = english.post(URL, {**form(), "action": "check"})
    assert response.status_code == 200
    assert "Your publiccode.yml is valid" in response.content.decode()


def test_the_download_is_a_valid_publiccode_file(english):
    response = english.post(URL, {**form(), "action": "download"})
    assert response["Content-Disposition"] == 'attachment; filename="publiccode.yml"'
    result = validate(response.content)
    assert result.valid, result.errors
    assert result.data["description"]["fr"]["features"] == [
        "Carte des travaux",
        "Carte des équipements",
    ]
    assert result.data["maintenance"]["contacts"] == [
        {"name": "Service SIG", "email": "sig@ville.example.fr"}
    ]


def test_validator_errors_are_shown_next_to_their_fields_and_nothing_is_downloaded(english):
    response = english.post(
        URL, {**form(licence="EUPL", long_description="Trop court."), "action": "download"}
    )
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    errors = response.context["form"].errors
    assert "licence" in errors and "long_description" in errors
    assert "the minimum is 150" in errors["long_description"][0]
    html = response.content.decode()
    assert 'id="id_licence_error"' in html


def test_missing_required_fields_are_reported_by_the_form(english):
    response = english.post(URL, {"action": "check"})
    errors = response.context["form"].errors
    assert {"name", "url", "platforms", "short_description", "licence"} <= set(errors)
