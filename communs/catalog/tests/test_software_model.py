import pytest
from django.core.exceptions import ValidationError

from communs.catalog.models import Software
from communs.catalog.tests.factories import SoftwareFactory

pytestmark = pytest.mark.django_db


def test_saving_normalises_the_licence_and_records_its_facts():
    software = SoftwareFactory(licence="agpl-3.0-or-later")
    software.refresh_from_db()
    assert software.licence == "AGPL-3.0-or-later"
    assert software.licence_family == "strong-copyleft"
    assert software.licence_is_free is True
    assert software.licence_crpa_listed is True


def test_a_licence_outside_the_crpa_list_is_recorded_as_such():
    software = SoftwareFactory(licence="GPL-2.0-only")
    assert software.licence_is_free is True
    assert software.licence_crpa_listed is False


def test_changing_the_licence_updates_its_facts():
    software = SoftwareFactory(licence="SSPL-1.0")
    assert not software.licence_is_free
    software.licence = "EUPL-1.2"
    software.save()
    software.refresh_from_db()
    assert software.licence_is_free and software.licence_crpa_listed


def test_an_empty_licence_has_no_facts():
    software = SoftwareFactory(licence="")
    assert (software.licence_family, software.licence_is_free, software.licence_crpa_listed) == (
        "",
        False,
        False,
    )


def test_validation_refuses_an_invalid_licence_expression_with_a_message(english_messages):
    software = Software(slug="x", name="X", short_description_fr="x", licence="GPL-forever")
    with pytest.raises(ValidationError) as caught:
        software.full_clean()
    message = caught.value.message_dict["licence"][0]
    assert "GPL-forever" in message
    assert "SPDX" in message


def test_validation_refuses_a_non_https_repository_and_a_malformed_wikidata_id():
    software = Software(
        slug="x",
        name="X",
        short_description_fr="x",
        repository_url="http://example.org/repo.git",
        wikidata_id="936",
    )
    with pytest.raises(ValidationError) as caught:
        software.full_clean()
    assert set(caught.value.message_dict) == {"repository_url", "wikidata_id"}


def test_advantages_must_be_a_short_list_of_texts():
    software = Software(slug="x", name="X", short_description_fr="x", advantages_fr=["ok", 3])
    with pytest.raises(ValidationError) as caught:
        software.full_clean()
    assert "advantages_fr" in caught.value.message_dict


def test_localised_fields_follow_the_active_language_and_fall_back_to_french(settings):
    from django.utils import translation

    software = SoftwareFactory(short_description_fr="Cartographie", short_description_en="")
    with translation.override("en"):
        assert software.short_description == "Cartographie"
        software.short_description_en = "Mapping"
        assert software.short_description == "Mapping"
    with translation.override("fr"):
        assert software.short_description == "Cartographie"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://127.0.0.1/repo.git", "private_repository_url"),
        ("https://10.0.0.7/repo.git", "private_repository_url"),
        ("https://[::1]/repo.git", "private_repository_url"),
        ("https://localhost/repo.git", "private_repository_url"),
        ("https://git.mairie.local/repo.git", "private_repository_url"),
        ("https://user:token@forge.example.org/repo.git", "bad_repository_url"),
        ("ssh://git@forge.example.org/repo.git", "https_only"),
    ],
)
def test_a_repository_address_must_be_public_https_without_credentials(url, code):
    software = Software(slug="x", name="X", short_description_fr="x", repository_url=url)
    with pytest.raises(ValidationError) as caught:
        software.full_clean()
    codes = [error.code for error in caught.value.error_dict["repository_url"]]
    assert code in codes, codes
