"""The report's work on HEAD's tree, done while git reads the history, changes nothing:
the checks declared ``tree_only`` read nothing else, and the report is the same."""

from __future__ import annotations

import ast
import importlib
import inspect
from dataclasses import fields
from pathlib import Path
from types import ModuleType

import pytest

from communs.evaluation import evaluate
from communs.evaluation.facts import Facts, TreeFacts, tree_facts
from communs.evaluation.git import read_snapshot
from communs.evaluation.messages import Message
from communs.evaluation.registry import CHECKS
from communs.evaluation.report import build_report, tree_work
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import NotKnownYet, Snapshot, TreeSnapshot
from communs.evaluation.tests.conftest import AS_OF

OSV = Path(__file__).parent / "osv"
# What the tree snapshot and the facts of the tree do not know (with the functions of the
# facts that read the history): a module that names none of them cannot read it.
KNOWN_EARLY = TreeSnapshot(
    target="", head=None, as_of=AS_OF, commits=(), tags=(), tree=()
).with_advisories(None)
UNKNOWN_EARLY = ({field.name for field in fields(Snapshot)} | {"commits_total"}) - type(
    KNOWN_EARLY
).READABLE
UNKNOWN_EARLY |= {field.name for field in fields(Facts)} - TreeFacts.READABLE
UNKNOWN_EARLY |= {"merges_by_people", "compute_facts"}


def names_used(module: ModuleType, seen: set[str] | None = None) -> set[str]:
    """Every name and attribute a check's module uses, with the helpers it imports from the
    checks and the dependencies packages."""
    seen = set() if seen is None else seen
    seen.add(module.__name__)
    used: set[str] = set()
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if isinstance(node, ast.Attribute):
            used.add(node.attr)
        elif isinstance(node, ast.Name):
            used.add(node.id)
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith(
                ("communs.evaluation.checks", "communs.evaluation.dependencies")
            )
            and node.module not in seen
        ):
            used |= names_used(importlib.import_module(node.module), seen)
    return used


def test_a_check_is_declared_tree_only_exactly_when_its_code_names_nothing_else():
    for check in CHECKS:
        unknown = names_used(importlib.import_module(check.run.__module__)) & UNKNOWN_EARLY
        assert check.tree_only == (not unknown), (check.id, sorted(unknown))
    assert sum(check.tree_only for check in CHECKS) == 21


def lying(reads):
    """A check declared tree_only whose run reads ``reads(snapshot, facts)``."""
    said = Message("test.liar.ok", "Fine.")

    def run(snapshot, facts):
        reads(snapshot, facts)
        return Finding.passed(said())

    return Check(
        "test.liar", Criterion.SECURITY, "Liar", 1, run, "doc", messages=(said,), tree_only=True
    )


@pytest.mark.parametrize(
    "reads",
    [
        lambda snapshot, facts: snapshot.commits,
        lambda snapshot, facts: snapshot.commits_total,
        lambda snapshot, facts: snapshot.tags,
        lambda snapshot, facts: facts.commits_12m,
        lambda snapshot, facts: facts.anomalies,
    ],
)
def test_a_check_declared_tree_only_that_reads_the_history_stops_the_evaluation(repo, reads):
    repo.commit("2026-05-01T08:00:00Z", files={"README.md": "# Projet\n"})
    with pytest.raises(NotKnownYet):
        evaluate(repo.path, as_of=AS_OF, checks=[lying(reads)])


def test_the_advisories_are_unknown_on_the_tree_until_they_are_given(repo):
    repo.commit("2026-05-01T08:00:00Z", files={"README.md": "# Projet\n"})
    seen = []
    read_snapshot(repo.path, target="t", as_of=AS_OF, meanwhile=seen.append)
    with pytest.raises(NotKnownYet):
        seen[0].advisories  # noqa: B018
    assert seen[0].with_advisories(None).advisories is None
    with pytest.raises(NotKnownYet):
        seen[0].with_advisories(None).earlier  # noqa: B018


def history(repo):
    """A repository whose report reads every part of a snapshot."""
    workflow = (
        "on: pull_request_target\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n        with:\n"
        "          ref: ${{ github.event.pull_request.head.sha }}\n"
    )
    repo.commit(
        "2024-01-01T08:00:00Z",
        email="ana@example.org",
        files={
            "README.md": "# Projet\n",
            "LICENSE": "MIT License\n",
            "Gemfile": "gem 'rails'\n",
            "Gemfile.lock": "GEM\n  specs:\n    rails (7.0.0)\n",
            ".github/workflows/ci.yml": workflow,
        },
    )
    repo.tag("v1.0.0", when="2024-01-02T08:00:00Z")
    repo.commit(
        "2026-04-01T08:00:00Z",
        email="bo@example.com",
        message="Fix CVE-2026-12345",
        files={"test/app_test.rb": "x\n", "app.rb": "x\n"},
    )
    repo.tag("v1.0.1", when="2026-04-02T08:00:00Z")


@pytest.mark.parametrize("osv_dir", [None, OSV])
def test_the_report_is_the_same_with_the_tree_worked_out_while_git_reads(repo, osv_dir):
    history(repo)
    snapshot = read_snapshot(repo.path, target=str(repo.path.resolve()), as_of=AS_OF)
    if osv_dir is not None:
        from communs.evaluation.dependencies import with_advisories

        snapshot = with_advisories(snapshot, osv_dir)
    alone = build_report(snapshot).as_json()
    assert evaluate(repo.path, as_of=AS_OF, osv_dir=osv_dir).as_json() == alone
    chosen = [c for c in CHECKS if c.id in {"security.dangerous_workflows", "community.longevity"}]
    subset = evaluate(repo.path, as_of=AS_OF, checks=chosen, osv_dir=osv_dir).as_json()
    assert subset == build_report(snapshot, chosen).as_json()
    assert [c["id"] for c in subset["checks"]] == [
        "community.longevity",
        "security.dangerous_workflows",
    ]


def test_the_facts_of_the_tree_know_only_the_tree(repo):
    history(repo)
    snapshot = read_snapshot(repo.path, target="t", as_of=AS_OF)
    facts = tree_facts(snapshot)
    assert facts.files_head == len(snapshot.tree) == 7
    with pytest.raises(NotKnownYet):
        facts.authors_total  # noqa: B018


def test_work_on_one_tree_is_refused_with_the_snapshot_of_another(repo):
    history(repo)
    before = read_snapshot(repo.path, target="t", as_of=AS_OF.replace(year=2025))
    after = read_snapshot(repo.path, target="t", as_of=AS_OF)
    seen = []
    read_snapshot(repo.path, target="t", as_of=AS_OF.replace(year=2025), meanwhile=seen.append)
    done = tree_work(seen[0].with_advisories(None))
    assert build_report(before, done=done).as_json() == build_report(before).as_json()
    with pytest.raises(ValueError, match="another"):
        build_report(after, done=done)
