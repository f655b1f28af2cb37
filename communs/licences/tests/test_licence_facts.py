import pytest

from communs.licences import (
    InvalidLicenceExpression,
    LicenceFamily,
    licence_facts,
    normalise_expression,
    spdx,
)
from communs.licences.facts import crpa_licences, free_licences


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("mit", "MIT"),
        ("MIT or apache-2.0", "MIT OR Apache-2.0"),
        ("GPL-3.0+", "GPL-3.0-or-later"),
        ("GPL-3.0", "GPL-3.0-only"),
        ("  EUPL-1.2 ", "EUPL-1.2"),
        ("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0"),
    ],
)
def test_it_normalises_expressions_to_their_canonical_spelling(written, canonical):
    assert normalise_expression(written) == canonical


@pytest.mark.parametrize(
    ("expression", "detail"),
    [
        ("", "empty"),
        ("not-a-licence", "Unknown license key"),
        ("MIT AND", "AND requires"),
        ("MIT OR (Apache-2.0", ""),
        ("MIT " * 200, "longer than"),
    ],
)
def test_it_refuses_invalid_expressions_with_a_readable_detail(expression, detail):
    with pytest.raises(InvalidLicenceExpression) as caught:
        normalise_expression(expression)
    assert detail in caught.value.detail
    assert caught.value.code == "invalid_licence_expression"


def test_the_reference_lists_are_loaded_from_the_shipped_data():
    assert len(crpa_licences()) == 15
    assert {"etalab-2.0", "EUPL-1.2", "CECILL-2.1", "AGPL-3.0-or-later"} <= crpa_licences()
    assert "GPL-3.0-only" not in crpa_licences()
    assert {"MIT", "GPL-2.0-only", "EUPL-1.2"} <= free_licences()
    assert "SSPL-1.0" not in free_licences()


def test_a_crpa_licence_is_free_and_listed():
    facts = licence_facts("agpl-3.0-or-later")
    assert facts.expression == "AGPL-3.0-or-later"
    assert facts.is_free and facts.crpa_listed
    assert facts.family is LicenceFamily.STRONG_COPYLEFT


def test_a_free_licence_outside_the_crpa_list_is_free_but_not_listed():
    facts = licence_facts("GPL-2.0-or-later")
    assert facts.is_free
    assert not facts.crpa_listed


def test_a_non_free_licence_is_neither():
    facts = licence_facts("SSPL-1.0")
    assert not facts.is_free
    assert not facts.crpa_listed
    assert facts.family is LicenceFamily.OTHER


def test_a_choice_holds_when_one_option_holds_and_takes_the_most_permissive_family():
    facts = licence_facts("GPL-2.0-only OR MIT")
    assert facts.crpa_listed
    assert facts.family is LicenceFamily.PERMISSIVE
    assert facts.spdx_ids == ("GPL-2.0-only", "MIT")


def test_a_conjunction_holds_only_when_every_part_holds_and_takes_the_strictest_family():
    facts = licence_facts("MIT AND GPL-2.0-only")
    assert facts.is_free
    assert not facts.crpa_listed
    assert facts.family is LicenceFamily.STRONG_COPYLEFT


@pytest.mark.parametrize("spdx_id", sorted(spdx.PLAIN_IDS))
def test_an_identifier_answered_without_the_library_is_what_the_library_says(spdx_id):
    parsed = spdx._licensing().parse(spdx_id, validate=True, strict=True)
    assert str(parsed.render()) == spdx_id
    assert spdx._tree(parsed) == spdx.Licence(spdx_id)
    assert spdx._parse(f" {spdx_id} ") == (spdx_id, spdx.Licence(spdx_id))


def test_an_expression_that_is_not_a_plain_identifier_still_goes_to_the_library():
    assert "mit" not in spdx.PLAIN_IDS
    assert normalise_expression("mit") == "MIT"
    assert normalise_expression("MIT OR Apache-2.0") == "MIT OR Apache-2.0"
