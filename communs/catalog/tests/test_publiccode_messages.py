"""Every message code of the validator is rendered in French and English."""

from django.utils import translation

from communs.catalog.publiccode_messages import EXPECTED, FOUND, TEMPLATES, render
from communs.publiccode import messages
from communs.publiccode.validator import validate


def test_every_code_of_the_validator_has_a_template_here():
    assert set(TEMPLATES) | {"document"} == set(messages.TEMPLATES)
    assert set(EXPECTED) == set(messages.EXPECTED)
    assert set(FOUND) == set(messages.FOUND)


def test_every_template_is_translated_into_french():
    for table in (TEMPLATES, EXPECTED, FOUND):
        for code, template in table.items():
            with translation.override("en"):
                english = str(template)
            with translation.override("fr"):
                assert str(template) != english, code


def test_an_issue_is_rendered_in_the_active_language_with_the_label_given():
    result = validate("publiccodeYmlVersion: '0.7'\nname: [1]\n")
    issue = next(i for i in result.errors if i.key == "name")
    with translation.override("fr"):
        assert render(issue, {"name": "Nom du logiciel"}) == (
            "Nom du logiciel : un texte attendu, une liste trouvé."
        )
    with translation.override("en"):
        assert render(issue) == "name: expected a text, found a list."


def test_a_document_problem_is_rendered_in_french():
    result = validate(b"\x00\x01")
    with translation.override("fr"):
        assert render(result.errors[0]) == "Le fichier est binaire, ce n’est pas du texte YAML."
