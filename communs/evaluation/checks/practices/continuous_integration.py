"""Continuous integration.

What it measures: whether the repository configures a continuous integration service
(GitHub Actions, GitLab CI, Woodpecker, Jenkins …) and whether that configuration runs
tests.

Why it matters: continuous integration runs the tests on every change, so that what is
released has been checked, whoever contributed it.

How to improve: add a pipeline that installs the project and runs its tests on every
merge request.

Scoring: 10 when a pipeline runs tests, 6 when pipelines exist but none visibly runs
tests, 0 without any.
"""

from __future__ import annotations

import re

from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

RUNS_TESTS = re.compile(
    r"\b(?:test|tests|pytest|phpunit|rspec|jest|vitest|mocha|ctest|tox|nox|cargo test"
    r"|go test|mvn (?:verify|test)|gradle\w* (?:test|check)|make check)\b",
    re.IGNORECASE,
)


NONE = Message(
    "practices.continuous_integration.none",
    "No continuous integration configuration was found.",
    remediation=Remediation(
        "Add a pipeline that installs the project and runs its tests on every merge request.",
        Effort.MEDIUM,
    ),
)
RUNNING_TESTS = Message(
    "practices.continuous_integration.running_tests",
    "{pipelines} pipeline file, {testing} running tests.",
    plural="{pipelines} pipeline files, {testing} running tests.",
    count="pipelines",
)
NOT_RUNNING_TESTS = Message(
    "practices.continuous_integration.not_running_tests",
    "{pipelines} pipeline file, none visibly running tests.",
    plural="{pipelines} pipeline files, none visibly running tests.",
    count="pipelines",
    remediation=Remediation(
        "Make the pipeline run the project's tests on every merge request.", Effort.LOW
    ),
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    configs = facts.presence["ci"]
    if not configs:
        return Finding.failed(NONE())
    testing = [
        path
        for path in configs
        if (content := snapshot.read(path)) and RUNS_TESTS.search(content.text())
    ]
    if testing:
        return Finding.passed(
            RUNNING_TESTS(pipelines=len(configs), testing=len(testing)),
            pipelines=configs,
            running_tests=testing,
        )
    return Finding.partial(NOT_RUNNING_TESTS(pipelines=len(configs)), score=6, pipelines=configs)


CHECK = Check(
    id="practices.continuous_integration",
    criterion=Criterion.PRACTICES,
    title="Continuous integration",
    weight=3,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NONE, RUNNING_TESTS, NOT_RUNNING_TESTS),
    evidence={"pipelines": "Pipelines", "running_tests": "Pipelines running tests"},
)
