import pytest

from communs.evaluation.checks.security import (
    binary_artifacts,
    dangerous_workflows,
    dependency_updates,
    lockfiles,
    policy,
    signed_tags,
    token_permissions,
)
from communs.evaluation.results import Outcome
from communs.evaluation.tests.snapshots import commit, run, snapshot, tag

FULL_POLICY = """# Security policy

Please report vulnerabilities privately to security@example.org.
We acknowledge reports within 3 days and publish an advisory once a fix is released,
following coordinated disclosure.
"""


@pytest.mark.parametrize(
    ("files", "score", "outcome"),
    [
        ({"SECURITY.md": FULL_POLICY}, 10, Outcome.PASS),
        ({".github/SECURITY.md": "Write to security@example.org"}, 7, Outcome.PARTIAL),
        (
            {"docs/SECURITY.md": "We care about security.\nReport vulnerabilities privately."},
            7,
            Outcome.PARTIAL,
        ),
        ({"SECURITY.md": "TODO"}, 4, Outcome.PARTIAL),
        ({"README.md": "x"}, 0, Outcome.FAIL),
    ],
)
def test_security_policy_variants(files, score, outcome):
    finding = run(policy.CHECK, snapshot(files))
    assert (finding.score, finding.outcome) == (score, outcome)


def test_dependency_updates_from_configuration_or_bot_commits():
    manifest = {"package.json": "{}"}
    finding = run(dependency_updates.CHECK, snapshot({**manifest, ".github/dependabot.yml": "x"}))
    assert finding.outcome is Outcome.PASS
    bot = commit(20, "29139614+renovate[bot]@users.noreply.github.com", "renovate[bot]")
    finding = run(dependency_updates.CHECK, snapshot(manifest, commits=[commit(5), bot]))
    assert finding.outcome is Outcome.PASS and finding.evidence["bot_commits_12m"] == 1
    assert run(dependency_updates.CHECK, snapshot(manifest)).outcome is Outcome.FAIL
    assert run(dependency_updates.CHECK, snapshot({"a.txt": ""})).outcome is (
        Outcome.NOT_APPLICABLE
    )


def test_lockfiles_per_ecosystem():
    both = snapshot(
        {"package.json": "{}", "package-lock.json": "{}", "Gemfile": "", "Gemfile.lock": ""}
    )
    assert run(lockfiles.CHECK, both).outcome is Outcome.PASS
    half = snapshot({"package.json": "{}", "yarn.lock": "", "composer.json": "{}"})
    finding = run(lockfiles.CHECK, half)
    assert (finding.score, finding.outcome) == (5, Outcome.PARTIAL)
    assert finding.evidence["unlocked"] == ["php"]
    assert run(lockfiles.CHECK, snapshot({"go.mod": ""})).outcome is Outcome.FAIL
    assert run(lockfiles.CHECK, snapshot({"a.txt": ""})).outcome is Outcome.NOT_APPLICABLE


def test_binary_artifacts_are_counted_but_the_gradle_wrapper_is_tolerated():
    clean = snapshot(paths=["gradle/wrapper/gradle-wrapper.jar", "src/Main.java"])
    assert run(binary_artifacts.CHECK, clean).outcome is Outcome.PASS
    dirty = snapshot(paths=["lib/tool.jar", "bin/setup.exe", "app.pyc"])
    finding = run(binary_artifacts.CHECK, dirty)
    assert (finding.score, finding.outcome) == (7, Outcome.PASS)
    assert finding.evidence["binaries"] == ["app.pyc", "bin/setup.exe", "lib/tool.jar"]
    many = snapshot(paths=[f"lib/{i}.so" for i in range(12)])
    assert run(binary_artifacts.CHECK, many).outcome is Outcome.FAIL


SAFE_WORKFLOW = """
name: tests
on: [push, pull_request]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test
"""
UNTRUSTED_CHECKOUT = """
on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: npm install && npm test
"""
SCRIPT_INJECTION = """
on:
  issues:
    types: [opened]
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - run: echo "Thanks for ${{ github.event.issue.title }}"
"""
ENV_INDIRECTION = """
on: issues
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - env:
          TITLE: ${{ github.event.issue.title }}
        run: echo "Thanks for $TITLE"
"""


def test_dangerous_workflow_patterns_are_found():
    for workflow, pattern in (
        (UNTRUSTED_CHECKOUT, "untrusted checkout"),
        (SCRIPT_INJECTION, "script injection"),
    ):
        finding = run(dangerous_workflows.CHECK, snapshot({".github/workflows/x.yml": workflow}))
        assert (finding.score, finding.outcome) == (0, Outcome.FAIL)
        assert finding.evidence["findings"][0]["pattern"] == pattern
        assert finding.evidence["findings"][0]["file"] == ".github/workflows/x.yml"


def test_safe_workflows_pass_including_untrusted_text_passed_through_the_environment():
    snap = snapshot(
        {".github/workflows/a.yml": SAFE_WORKFLOW, ".github/workflows/b.yaml": ENV_INDIRECTION}
    )
    finding = run(dangerous_workflows.CHECK, snap)
    assert finding.outcome is Outcome.PASS


def test_workflow_checks_do_not_apply_without_github_workflows():
    snap = snapshot({".gitlab-ci.yml": "test: {script: make}"})
    assert run(dangerous_workflows.CHECK, snap).outcome is Outcome.NOT_APPLICABLE
    assert run(token_permissions.CHECK, snap).outcome is Outcome.NOT_APPLICABLE


def test_an_unreadable_workflow_is_reported_not_fatal():
    snap = snapshot({".github/workflows/bad.yml": "on: [push\njobs: {"})
    finding = run(dangerous_workflows.CHECK, snap)
    assert finding.evidence["unreadable"] == [".github/workflows/bad.yml"]
    assert run(token_permissions.CHECK, snap).outcome is Outcome.INCONCLUSIVE


def test_token_permissions_share_of_restricted_workflows():
    snap = snapshot(
        {".github/workflows/a.yml": SAFE_WORKFLOW, ".github/workflows/b.yml": SCRIPT_INJECTION}
    )
    finding = run(token_permissions.CHECK, snap)
    assert (finding.score, finding.outcome) == (5, Outcome.PARTIAL)
    assert finding.evidence["workflows"] == {
        ".github/workflows/a.yml": "restricted",
        ".github/workflows/b.yml": "unrestricted",
    }
    only_safe = snapshot({".github/workflows/a.yml": SAFE_WORKFLOW})
    assert run(token_permissions.CHECK, only_safe).outcome is Outcome.PASS
    write_all = SAFE_WORKFLOW.replace("permissions:\n  contents: read", "permissions: write-all")
    finding = run(token_permissions.CHECK, snapshot({".github/workflows/a.yml": write_all}))
    assert (finding.score, finding.outcome) == (0, Outcome.FAIL)


def test_job_level_permissions_everywhere_count_as_restricted():
    workflow = SCRIPT_INJECTION.replace(
        "runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    permissions: {}"
    )
    finding = run(token_permissions.CHECK, snapshot({".github/workflows/a.yml": workflow}))
    assert finding.evidence["workflows"][".github/workflows/a.yml"] == "restricted per job"


def test_signed_tags_share_and_outcomes():
    signed = [tag(f"v{i}", i, signed=True) for i in range(1, 4)]
    assert run(signed_tags.CHECK, snapshot(tags=signed)).outcome is Outcome.PASS
    mixed = [*signed, tag("v9", 0.5, annotated=False)]
    finding = run(signed_tags.CHECK, snapshot(tags=mixed))
    assert (finding.score, finding.outcome) == (8, Outcome.PASS)
    unsigned = [tag("v1", 3), tag("v2", 2)]
    assert run(signed_tags.CHECK, snapshot(tags=unsigned)).outcome is Outcome.FAIL
    assert run(signed_tags.CHECK, snapshot()).outcome is Outcome.NOT_APPLICABLE


def test_a_few_binaries_give_a_partial_score():
    finding = run(binary_artifacts.CHECK, snapshot(paths=[f"bin/tool{i}.exe" for i in range(5)]))
    assert (finding.score, finding.outcome) == (5, Outcome.PARTIAL)


def test_half_signed_tags_give_a_partial_score():
    tags = [tag(f"v{i}", 20 - i, signed=i % 2 == 0) for i in range(10)]
    finding = run(signed_tags.CHECK, snapshot(tags=tags))
    assert (finding.score, finding.outcome) == (5, Outcome.PARTIAL)
