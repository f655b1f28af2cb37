"""The validator's English messages read back into their codes and parameters."""

from pathlib import Path

import pytest

from communs.publiccode import messages
from communs.publiccode.validator import validate, validate_file

SUITE = Path(__file__).parent / "testsuite"


def issues_of_the_reference_suite():
    for path in sorted(SUITE.rglob("*.yml")):
        result = validate_file(path)
        yield from (*result.errors, *result.warnings, *result.notices)


def test_every_message_of_the_reference_suite_reads_back_into_its_code_and_parameters():
    seen = set()
    for issue in issues_of_the_reference_suite():
        found = messages.parse(issue.message)
        assert found is not None, issue
        code, params = found
        assert code == issue.code, issue
        if code != "document":
            shown = {name: str(value) for name, value in issue.params.items()}
            assert {name: str(value) for name, value in params.items()} == {
                name: value
                for name, value in shown.items()
                if "{" + name in messages.TEMPLATES[code]
            }, issue
        assert messages.render(code, params) == issue.message
        seen.add(code)
    assert len(seen) >= 15  # the suite exercises most of the templates


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        (b"", "empty"),
        (b"name: [unclosed", "invalid_yaml"),
        (b"name:\n\t- tab", "tab"),
        (b"- a list", "not_mapping"),
        (b"\x00binary", "binary"),
    ],
)
def test_a_document_problem_is_recognised_by_its_detail(source, problem):
    (issue,) = validate(source).errors
    assert issue.code == "document"
    assert messages.parse(issue.message) == (
        "document",
        {"detail": issue.message, "problem": problem},
    )


def test_a_sentence_no_template_gives_back_is_not_read():
    assert messages.parse("something else entirely") is None
    # The shape of "invalid", but with words that name no expected value of the validator.
    assert messages.parse("name must be a dragon (found 'x')") is None
    assert messages.parse("name must be a valid URL (found 'x')") == (
        "invalid",
        {"field": "name", "expected": "url", "value": "x"},
    )
