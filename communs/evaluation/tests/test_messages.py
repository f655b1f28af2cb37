"""Findings as data: every check result has a declared code, parameters and English text."""

import re
from pathlib import Path

import pytest

from communs.evaluation.messages import Effort, Message, Remediation, placeholders
from communs.evaluation.registry import CHECKS
from communs.evaluation.results import ENGINE_MESSAGES

ALL = [message for check in CHECKS for message in check.messages]


def test_a_message_renders_its_english_template_with_its_parameters():
    message = Message("x.y.readme", "README of {characters:,} characters in {names:list}.")
    said = message(characters=12334, names=["README.md", "docs/"])
    assert said.english() == "README of 12,334 characters in README.md, docs/."
    assert said.code == "x.y.readme"


def test_a_message_with_a_plural_says_one_in_the_singular_only():
    message = Message("x.y.files", "{files} file.", plural="{files} files.", count="files")
    assert message(files=1).english() == "1 file."
    assert message(files=0).english() == "0 files."
    assert message(files=2).english() == "2 files."


def test_a_list_can_be_joined_with_semicolons():
    message = Message("x.y.uses", "Uses {standards:list;}.")
    assert message(standards=["a (b, c)", "d"]).english() == "Uses a (b, c); d."


def test_missing_or_extra_parameters_are_refused():
    message = Message("x.y.count", "{count} things.")
    with pytest.raises(ValueError, match="do not match"):
        message()
    with pytest.raises(ValueError, match="do not match"):
        message(count=1, other=2)


def test_a_code_must_be_dotted_snake_case():
    with pytest.raises(ValueError, match="snake_case"):
        Message("Community.Recent", "x")
    with pytest.raises(ValueError, match="plural"):
        Message("x.y.z", "{n} x", plural="{n} xs")


def test_every_code_is_unique_and_under_its_checks_id():
    codes = [message.code for message in ALL] + [m.code for m in ENGINE_MESSAGES]
    assert len(codes) == len(set(codes))
    for check in CHECKS:
        assert check.messages, check.id
        for message in check.messages:
            assert message.code.startswith(check.id + "."), message.code


def test_every_remediation_is_one_or_two_plain_sentences_with_an_effort():
    remediations = [m.remediation for m in ALL if m.remediation is not None]
    assert len(remediations) > 26
    for remediation in remediations:
        assert isinstance(remediation, Remediation)
        assert remediation.effort in set(Effort)
        assert remediation.text.endswith(".") and 1 <= remediation.text.count(". ") + 1 <= 2


def test_terms_name_parameters_of_their_message_with_their_words():
    with_terms = [message for message in ALL if message.terms]
    assert with_terms
    for message in with_terms:
        assert set(message.terms) <= placeholders(message.text), message.code
        assert all(words for words in message.terms.values()), message.code


def test_every_check_labels_its_evidence():
    for check in CHECKS:
        for key, label in check.evidence.items():
            assert key and label and label[0].isupper(), (check.id, key)


def test_the_readme_lists_every_message_code_of_every_check():
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    listed = {
        match["check"]: re.findall(r"`([a-z_]+)`", match["codes"])
        for match in re.finditer(r"^  \| `(?P<check>[a-z_.]+)` \| (?P<codes>.+) \|$", readme, re.M)
    }
    declared = {
        check.id: [message.code.removeprefix(check.id + ".") for message in check.messages]
        for check in CHECKS
    }
    assert listed == declared
