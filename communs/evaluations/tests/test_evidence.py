"""Evidence, publiccode.yml issues and the engine's own defects in the reader's language."""

import pytest
from django.utils import translation

from communs.evaluations.evidence import EvidenceItem, evidence_items
from communs.evaluations.issues import publiccode_issue
from communs.evaluations.tests.factories import check, evaluation
from communs.evaluations.wording import say

pytestmark = pytest.mark.django_db
ALL = {"community": 7.5, "practices": 8.2, "security": 3.0, "integration": None}
# What the shipped Grist report stores, as `communs evaluate` prints it.
GRIST_WARNINGS = [
    "publiccodeYmlVersion: version 0.2 is not the latest: the file is read as 0.7; consider "
    'updating it (or write "0")',
    "it: lowercase country codes are deprecated: write 'IT'",
]


def test_stored_publiccode_warnings_are_said_in_french():
    with translation.override("fr"):
        (item,) = [
            item for item in evidence_items("integration.publiccode", {"warnings": GRIST_WARNINGS})
        ]
    assert item == EvidenceItem(
        "Avertissements",
        "publiccodeYmlVersion : La version 0.2 n’est pas la plus récente : le fichier est lu en "
        "version 0.7 ; pensez à le mettre à jour.; it : Les codes de pays en minuscules sont "
        "obsolètes : écrivez « IT ».",
    )


def test_a_publiccode_error_in_a_reason_is_said_in_french_and_its_key_once():
    english = "publiccode.yml has 2 errors, first: name: name is required"
    params = {"file": "publiccode.yml", "count": 2, "error": "name: name is required"}
    with translation.override("fr"):
        said = say("integration.publiccode.errors", params, english)
    assert not said.english
    assert said.text == "publiccode.yml contient 2 erreurs, la première : name est obligatoire."
    with translation.override("en"):
        assert say("integration.publiccode.errors", params, english).text == (
            "publiccode.yml has 2 errors, first: name is required."
        )


def test_an_issue_that_cannot_be_read_back_stays_in_english_and_says_so():
    told = publiccode_issue("name: something the validator never says")
    assert told.english and told.text == "name: something the validator never says"
    with translation.override("fr"):
        item = evidence_items("integration.publiccode", {"errors": [told.text]})[0]
    assert item.english


def test_words_checks_write_in_evidence_are_translated_where_they_appear():
    evidence = {
        "counts": {"untrusted checkout": 0, "script injection": 1},
        "findings": [
            {"file": "ci.yml", "job": "build", "step": 2, "pattern": "script injection"},
        ],
    }
    with translation.override("fr"):
        counts, findings = evidence_items("security.dangerous_workflows", evidence)
    assert counts.text == "récupération de code non fiable : 0; injection dans un script : 1"
    assert findings.text == (
        "fichier : ci.yml, tâche : build, étape : 2, motif : injection dans un script"
    )
    with translation.override("fr"):
        (shares,) = evidence_items(
            "community.organisational_diversity",
            {"top_organisations_percent": {"(individual contributors)": 80.7, "larlet.fr": 11.3}},
        )
    assert shares.text == "(contributeurs individuels) : 80,7; larlet.fr : 11,3"
    with translation.override("en"):
        (counts, _findings) = evidence_items("security.dangerous_workflows", evidence)
    assert counts.text == "untrusted checkout: 0; script injection: 1"


def test_a_word_is_translated_only_in_the_check_that_declares_it():
    with translation.override("fr"):
        (item,) = evidence_items("practices.documentation", {"readme": "file"})
    assert item.text == "file"


def test_a_check_that_failed_inside_the_engine_is_told_in_french_and_its_detail_kept_for_curators(
    client, software, maintainer, curator
):
    error = "The check failed: KeyError: 'permissions'"
    evaluation(software, ALL, checks=[check("security.token_permissions", None, "error", error)])
    client.cookies["django_language"] = "fr"
    for visitor in (None, maintainer):
        if visitor:
            client.force_login(visitor)
        html = client.get("/catalogue/outil/").content.decode()
        assert "Le contrôle n’a pas pu aboutir à cause d’une erreur de Communs" in html
        assert "KeyError" not in html and "permissions&#x27;" not in html
    client.force_login(curator)
    html = client.get("/catalogue/outil/").content.decode()
    assert "Le contrôle n’a pas pu aboutir" in html
    assert "Détail technique (pour les modérateurs)" in html
    assert '<code lang="en">The check failed: KeyError: &#x27;permissions&#x27;</code>' in html
