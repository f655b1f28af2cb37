"""Agreement with the reference parser's own test suite (see testsuite/README.md).

Targets: the same verdict (valid, valid with warnings, invalid) for at least 95% of the
cases that need no network, and the same set of error keys for at least 90% of the invalid
ones. The figures are printed at the end of the test run.
"""

import json
from pathlib import Path

from communs.publiccode.validator import validate_file

SUITE = Path(__file__).resolve().parent / "testsuite"


def verdict(result) -> str:
    if result.errors:
        return "invalid"
    return "valid_with_warnings" if result.warnings else "valid"


def test_the_validator_agrees_with_the_reference_parser(record_property):
    cases = [
        c
        for c in json.loads((SUITE / "expected.json").read_text())["cases"]
        if not c["needs_network"]
    ]
    same_verdict = same_keys = invalid = 0
    disagreements = []
    for case in cases:
        result = validate_file(SUITE / case["file"].removeprefix("testdata/"))
        if verdict(result) == case["verdict"]:
            same_verdict += 1
        else:
            disagreements.append(case["file"])
        if case["verdict"] == "invalid":
            invalid += 1
            expected = {e["key"] for e in case["errors"] if e["type"] == "error"}
            same_keys += expected == {issue.key for issue in result.errors}
    verdict_share, keys_share = same_verdict / len(cases), same_keys / invalid
    record_property(
        "publiccode_reference_suite",
        f"same verdict {same_verdict}/{len(cases)} ({verdict_share:.1%}); "
        f"same error keys {same_keys}/{invalid} invalid cases ({keys_share:.1%})",
    )
    assert len(cases) == 111
    assert verdict_share >= 0.95, disagreements
    assert keys_share >= 0.90


def test_every_issue_of_the_suite_has_a_message_code_and_a_rule_of_the_standard():
    from communs.publiccode import messages, spec

    for path in SUITE.rglob("*.yml"):
        result = validate_file(path)
        for issue in (*result.errors, *result.warnings, *result.notices):
            assert issue.code in messages.TEMPLATES, (path, issue)
            assert issue.message
            assert issue.code == "document" or issue.rule in spec.BY_ID, (path, issue)
