import pytest
from django.core.exceptions import ValidationError

from communs.catalog.models import Provider
from communs.catalog.validators import luhn_valid


def test_luhn_accepts_a_valid_number_and_refuses_a_changed_digit():
    assert luhn_valid("732829320")
    assert not luhn_valid("732829321")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("siren", "error"),
    [
        ("12345678", "exactly 9 digits"),
        ("12345678A", "exactly 9 digits"),
        ("732829321", "check digit"),
    ],
)
def test_a_malformed_siren_is_refused_with_what_is_wrong(english_messages, siren, error):
    provider = Provider(slug="p", name="P", siren=siren)
    with pytest.raises(ValidationError) as caught:
        provider.full_clean()
    assert error in caught.value.message_dict["siren"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("siren", ["732829320", "356000000", ""])
def test_a_valid_or_absent_siren_is_accepted(siren):
    Provider(slug="p", name="P", siren=siren).full_clean()


@pytest.mark.django_db
def test_regions_must_be_known_codes():
    provider = Provider(slug="p", name="P", regions_served=["53", "99"])
    with pytest.raises(ValidationError):
        provider.full_clean()
    provider.regions_served = ["53", "11"]
    provider.full_clean()
    assert provider.region_names == ["Bretagne", "Île-de-France"]
