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


@pytest.fixture
def french(client):
    client.cookies["django_language"] = "fr"
    return client


def test_choices_start_empty_so_nothing_is_chosen_for_the_author(english):
    html = english.get(URL).content.decode()
    for name in ("development_status", "software_type", "maintenance_type"):
        assert f'<select name="{name}"' in html
    assert html.count('<option value="" selected>') == 3
    response = english.post(
        URL, {**form(development_status="", software_type=""), "action": "check"}
    )
    errors = response.context["form"].errors
    assert "development_status" in errors and "software_type" in errors


def test_every_error_comes_in_one_round(english):
    # A field the form refuses (name) and a value only the validator refuses (licence).
    response = english.post(
        URL, {**form(name="", licence="EUPL", long_description="Short."), "action": "check"}
    )
    errors = response.context["form"].errors
    assert {"name", "licence", "long_description"} <= set(errors)


def test_the_error_summary_names_and_links_every_field(english):
    response = english.post(URL, {**form(licence="EUPL", platforms=[]), "action": "check"})
    html = response.content.decode()
    assert 'href="#id_licence"' in html and 'href="#id_platforms"' in html
    assert "Licence (SPDX expression)</a>" in html
    assert 'id="id_licence"' in html and 'id="id_platforms"' in html


def test_required_groups_of_choices_are_marked_as_required(english):
    html = english.get(URL).content.decode()
    assert '<legend>Platforms <span aria-hidden="true">*</span>' in html
    assert '<span class="visually-hidden">(required)</span>' in html
    assert 'Languages of the interface <span aria-hidden="true">*</span>' in html


def test_categories_are_grouped_checkboxes_with_a_filter_not_a_multiple_select(english):
    html = english.get(URL).content.decode()
    assert '<select name="categories"' not in html
    assert "<legend>Data, maps and design</legend>" in html
    assert 'type="checkbox" name="categories" value="geographic-information-systems"' in html
    assert 'type="search" id="id_categories_filter"' in html


def test_validator_errors_are_in_french_and_name_the_field_as_the_form_labels_it(french):
    response = french.post(
        URL,
        {
            **form(long_description="Trop court.", maintenance_type="community", contact_name=""),
            "action": "check",
        },
    )
    errors = response.context["form"].errors
    assert errors["long_description"] == [
        "Description longue compte 11 caractères ; le minimum est 150."
    ]
    message = errors["contact_name"][0]
    assert message.startswith("Contact de maintenance (nom) est obligatoire quand")
    assert "Qui le maintient" in message and "communauté" in message.lower()
    assert "longDescription" not in response.content.decode()


def test_a_contract_needs_its_contractor_and_the_file_then_carries_it(english):
    contract = form(maintenance_type="contract", contact_name="", contact_email="")
    response = english.post(URL, {**contract, "action": "check"})
    assert "contractor_name" in response.context["form"].errors
    response = english.post(
        URL,
        {
            **contract,
            "contractor_name": "Coop SIG",
            "contractor_until": "2027-12-31",
            "action": "download",
        },
    )
    result = validate(response.content)
    assert result.valid, result.errors
    assert result.data["maintenance"]["contractors"] == [
        {"name": "Coop SIG", "until": "2027-12-31"}
    ]


def test_the_editor_writes_the_current_version_of_the_standard(english):
    response = english.post(URL, {**form(), "action": "download"})
    result = validate(response.content)
    assert result.version == "0.7" and result.warnings == ()
