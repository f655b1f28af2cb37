"""Results rendered from their code and parameters, in French and in English."""

import pytest
from django.utils import translation

from communs.evaluation.checks.community import recent_activity
from communs.evaluation.checks.integration import deployment_packaging
from communs.evaluation.checks.practices import documentation
from communs.evaluation.messages import Effort, Remediation
from communs.evaluations.evidence import EvidenceItem, evidence_items
from communs.evaluations.templatetags.evaluations import out_of_ten
from communs.evaluations.wording import (
    MESSAGES,
    advise,
    catalogue,
    possible_results,
    say,
)

# Words that are the same in both languages.
SAME_IN_FRENCH = {
    "README",
    "Ansible",
    "AsyncAPI",
    "GraphQL",
    "OpenAPI",
    "Configuration",
    "Contacts",
    "Standards",
    "Workflows",
    "Version",
}


def test_a_message_speaks_french_with_plurals_numbers_and_dates():
    with translation.override("fr"):
        assert say(recent_activity.COMMITS_IN_WINDOW.code, {"commits": 1353}, "").text == (
            "1\xa0353 commits ces 12 derniers mois."
        )
        assert say(recent_activity.COMMITS_IN_WINDOW.code, {"commits": 1}, "").text == (
            "1 commit ces 12 derniers mois."
        )
        said = say(
            recent_activity.NONE_IN_WINDOW.code, {"last_commit_at": "2025-03-04T10:00:00Z"}, ""
        )
        assert said.text == "Aucun commit ces 12 derniers mois ; le dernier date du 4 mars 2025."
        readme = say(
            documentation.SAYINGS[True, False].code, {"characters": 12334, "sections": 1}, ""
        )
        assert readme.text.startswith("README de 12\xa0334 caractères et 1 section ;")
        packaging = say(deployment_packaging.DEPLOYABLE.code, {"kinds": ["container"]}, "")
        assert packaging.text == "Déployable avec : conteneur."
        assert out_of_ten(6.9) == "6,9/10" and out_of_ten(7.0) == "7/10"


def test_the_same_code_speaks_english_as_the_cli_does():
    with translation.override("en"):
        params = {"characters": 12334, "sections": 32}
        code = documentation.SAYINGS[True, False].code
        english = documentation.SAYINGS[True, False](**params).english()
        assert say(code, params, "").text == english
        assert english.startswith("README of 12,334 characters and 32 sections;")
        assert out_of_ten(6.9) == "6.9/10"


def test_an_unknown_code_falls_back_to_the_stored_english_marked_as_such():
    said = say("community.gone.away", {}, "Something in English.")
    assert said.english and said.text == "Something in English."
    legacy = say("engine.legacy", {"text": "Old text."}, "Old text.")
    assert legacy.english


def test_the_remediation_is_the_current_one_translated_with_its_effort():
    stored = Remediation("Old advice.", Effort.LOW)
    with translation.override("fr"):
        advice = advise(recent_activity.NO_COMMIT.code, stored)
        assert advice is not None and advice.text.startswith("Intégrer régulièrement")
        assert advice.effort == "effort moyen"
        assert advise(recent_activity.NO_COMMIT.code, None) is None
        unknown = advise("community.gone.away", stored)
        assert unknown is not None and unknown.english and unknown.text == "Old advice."


def test_evidence_keys_have_labels_in_both_languages():
    evidence = {"commits_12m": 1353, "last_commit_at": "2026-10-30T08:00:00Z"}
    with translation.override("fr"):
        assert evidence_items("community.recent_activity", evidence) == [
            EvidenceItem("Commits sur 12 mois", "1353"),
            EvidenceItem("Dernier commit", "30 octobre 2026"),
        ]
    with translation.override("en"):
        assert evidence_items("community.recent_activity", evidence)[0] == EvidenceItem(
            "Commits in 12 months", "1353"
        )


@pytest.mark.parametrize("kind", ["message", "remediation", "evidence", "term"])
def test_every_string_results_can_show_has_its_french(kind):
    from django.utils.translation import gettext, ngettext

    missing = []
    with translation.override("fr"):
        for found_kind, text in catalogue():
            if found_kind != kind or text in SAME_IN_FRENCH:
                continue
            message = next((m for m in MESSAGES.values() if m.text == text and m.plural), None)
            if message is not None:
                translated = ngettext(text, message.plural, 2)
                same = translated in (text, message.plural)
            else:
                same = gettext(text) == text
            if same:
                missing.append(text)
    assert missing == []


def test_the_methodology_lists_a_checks_results_with_blanks_for_parameters():
    with translation.override("fr"):
        results = possible_results(recent_activity.CHECK)
    assert [r.code for r in results] == [m.code for m in recent_activity.CHECK.messages]
    assert results[2].text == "… commits ces 12 derniers mois."
    assert results[2].effort == "effort moyen"
