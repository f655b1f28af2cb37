"""Automated tests.

What it measures: whether the repository holds automated tests, and how many test files
there are for its source files.

Why it matters: tests catch regressions before a release reaches a local government, and
make it safer for a provider to fix or extend the software on its behalf.

How to improve: add unit and integration tests next to the code and run them in
continuous integration.

Scoring: 0 without test files; otherwise 10 when test files are at least a tenth of the
source files, 7 from a twentieth, 4 below.
"""

from __future__ import annotations

from communs.evaluation.facts import Facts
from communs.evaluation.files import VENDORED, extension
from communs.evaluation.languages import EXTENSIONS
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

MARKUP = {"HTML", "CSS", "SCSS", "Less", "XML", "XSLT", "Twig"}


NO_SOURCE = Message("practices.tests.no_source", "There is no source code to test.")
ADD_TESTS = Remediation(
    "Add unit and integration tests next to the code and run them in continuous integration.",
    Effort.HIGH,
)
NONE = Message("practices.tests.none", "No automated test was found.", remediation=ADD_TESTS)
RATIO = Message(
    "practices.tests.ratio",
    "{tests} test file for {sources} source files.",
    plural="{tests} test files for {sources} source files.",
    count="tests",
    remediation=ADD_TESTS,
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    tests = set(facts.presence["tests"])
    sources = [
        path
        for path in snapshot.paths()
        if EXTENSIONS.get(extension(path), "HTML") not in MARKUP
        and path not in tests
        and not VENDORED.search(path)
    ]
    code_tests = [path for path in tests if extension(path) in EXTENSIONS]
    evidence = {
        "test_files": len(code_tests),
        "source_files": len(sources),
        "examples": sorted(code_tests)[:5],
    }
    if not sources:
        return Finding.not_applicable(NO_SOURCE(), evidence=evidence)
    if not code_tests:
        return Finding.failed(NONE(), evidence=evidence)
    ratio = len(code_tests) / len(sources)
    score = 10 if ratio >= 0.1 else 7 if ratio >= 0.05 else 4
    return Finding.graded(
        RATIO(tests=len(code_tests), sources=len(sources)),
        score=score,
        evidence=evidence,
    )


CHECK = Check(
    id="practices.tests",
    criterion=Criterion.PRACTICES,
    title="Automated tests",
    weight=3,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NO_SOURCE, NONE, RATIO),
    evidence={"test_files": "Test files", "source_files": "Source files", "examples": "Examples"},
)
