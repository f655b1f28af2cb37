"""The dangerous-workflow check against one workflow per pattern and variant.

Each workflow in workflows/dangerous/ was written from OpenSSF Scorecard's documentation of
Dangerous-Workflow and GitHub's security hardening guide it cites; its first lines say what
it shows and how many occurrences of each pattern it holds (``# expect: …``).
"""

import re
from pathlib import Path

import pytest

from communs.evaluation.checks.security import dangerous_workflows
from communs.evaluation.results import Outcome
from communs.evaluation.tests.snapshots import run, snapshot

FOLDER = Path(__file__).parent / "workflows" / "dangerous"
EXPECT = re.compile(r"# expect: untrusted checkout (\d+), script injection (\d+)")
WORKFLOWS = sorted(FOLDER.glob("*.yml"))


def test_there_is_a_workflow_for_each_pattern_and_safe_form():
    names = [path.stem for path in WORKFLOWS]
    assert sum(name.startswith("checkout-") for name in names) >= 15
    assert sum(name.startswith("injection-") for name in names) >= 14
    assert sum(name.startswith("safe-") for name in names) >= 6


@pytest.mark.parametrize("path", WORKFLOWS, ids=[path.stem for path in WORKFLOWS])
def test_each_workflow_has_the_occurrences_its_header_states(path):
    text = path.read_text()
    match = EXPECT.search(text)
    assert match, f"{path.name} has no '# expect:' line"
    checkouts, injections = int(match.group(1)), int(match.group(2))
    finding = run(dangerous_workflows.CHECK, snapshot({f".github/workflows/{path.name}": text}))
    assert finding.evidence["unreadable"] == []
    counts = finding.evidence["counts"]
    assert (counts["untrusted checkout"], counts["script injection"]) == (checkouts, injections)
    if checkouts or injections:
        assert (finding.score, finding.outcome) == (0, Outcome.FAIL)
        assert len(finding.evidence["findings"]) == checkouts + injections
    else:
        assert finding.outcome is Outcome.PASS


def test_occurrences_are_counted_across_every_workflow():
    files = {
        f".github/workflows/{path.name}": path.read_text()
        for path in WORKFLOWS
        if path.stem.startswith(("checkout-every", "injection-every"))
    }
    finding = run(dangerous_workflows.CHECK, snapshot(files))
    assert finding.evidence["counts"] == {"untrusted checkout": 2, "script injection": 3}
