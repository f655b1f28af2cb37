"""The text report writes its numbers one way, in its header as in the checks' reasons."""

from typing import Any

from communs.evaluation.render import as_text


class Stored:
    """A report as stored: the renderer reads only its JSON."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def as_json(self) -> dict[str, Any]:
        return self.data


def test_the_header_writes_numbers_as_the_reasons_do():
    check = {
        "id": "community.activity",
        "score": 10,
        "outcome": "pass",
        "reason": "1023 commits in the last 12 months.",
        "evidence": {},
    }
    report = Stored(
        {
            "target": "https://example.org/big.git",
            "head": "0" * 40,
            "as_of": "2026-06-30T23:59:59Z",
            "method_version": "1",
            "facts": {
                "commits_total": 18994,
                "authors_total": 1204,
                "active_authors_12m": 57,
                "files_head": 10432,
            },
            "checks": [check],
            "criteria": [{"id": "community", "score": 10, "checks": [{"id": check["id"]}]}],
        }
    )
    text = as_text(report)
    assert "  18994 commits, 1204 authors, 57 active in 12 months, 10432 files\n" in text
    assert "1023 commits in the last 12 months." in text
