"""Dangerous CI workflow patterns.

What it measures: the two patterns of OpenSSF Scorecard's Dangerous-Workflow check, in
GitHub Actions workflows, every occurrence counted. An untrusted code checkout is a
``pull_request_target`` or ``workflow_run`` workflow that checks out the pull request's
code: an ``actions/checkout`` step whose ``ref`` or ``repository`` names the head of the
pull request (its sha, branch, repository or merge commit, a ``refs/pull/…`` reference,
``github.head_ref``, the head of the ``workflow_run``), or a script that fetches it (``gh pr
checkout``, ``git fetch … pull/…``). A script injection is untrusted text (the titles and
bodies of issues, pull requests, discussions, comments and reviews, commit messages and
authors, page names, head branch names — the list of GitHub's security hardening guide and
Scorecard) inside ``${{ }}`` in a ``run`` script or an ``actions/github-script`` script.
Both are found in every spelling the expression language allows: dots or brackets, indices
or ``*``, any letter case, inside ``format()``, ``join()`` or ``toJSON()`` of an object
holding such text, or through an ``env`` variable expanded with ``${{ env.X }}``. Passing
the value through an environment variable read by the shell (``"$TITLE"``) is the
documented safe form and is not flagged.

Where this goes beyond Scorecard's implementation, it follows the documented rule: a
``toJSON()`` of any object that holds untrusted text (``github.event.pull_request``, not
only ``github`` and ``github.event``) and ``${{ env.X }}`` holding untrusted text are
injections too; checkouts of the pull request's base (``base.sha``) are not flagged.

Why it matters: such a workflow lets anyone who opens a pull request or an issue steal
publishing credentials and push a compromised release, which the local government would
then install.

How to improve: never check out the pull request's head in a privileged workflow; pass
untrusted values through environment variables (``env: TITLE: ${{ … }}`` then
``"$TITLE"``) instead of expanding them in scripts.

Scoring: 10 without dangerous pattern, 0 with one; not applicable without GitHub
workflows.
"""

from __future__ import annotations

import re
from typing import Any

from communs.evaluation.checks.security.workflows import Workflow, workflows
from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

# Scorecard: "a `pull_request_target` or `workflow_run` workflow trigger".
PRIVILEGED_TRIGGERS = {"pull_request_target", "workflow_run"}

# Untrusted contexts (GitHub's security hardening guide, "Understanding the risk of script
# injections", and Scorecard's list); "*" stands for any one segment (an index or "*"),
# "**" for any number of segments.
UNTRUSTED_TEXT = tuple(
    tuple(path.split("."))
    for path in (
        "github.event.issue.title",
        "github.event.issue.body",
        "github.event.pull_request.title",
        "github.event.pull_request.body",
        "github.event.pull_request.head.ref",
        "github.event.pull_request.head.label",
        "github.event.pull_request.head.repo.default_branch",
        "github.event.discussion.title",
        "github.event.discussion.body",
        "github.event.comment.body",
        "github.event.review.body",
        "github.event.review_comment.body",
        "github.event.pages.*.page_name",
        "github.event.commits.*.message",
        "github.event.commits.*.author.email",
        "github.event.commits.*.author.name",
        "github.event.head_commit.message",
        "github.event.head_commit.author.email",
        "github.event.head_commit.author.name",
        "github.event.**.blocked_user.name",
        "github.event.**.blocked_user.email",
        "github.event.workflow_run.head_branch",
        "github.event.workflow_run.head_commit.message",
        "github.event.workflow_run.head_commit.author.email",
        "github.event.workflow_run.head_commit.author.name",
        "github.event.workflow_run.pull_requests.*.head.ref",
        "github.head_ref",
    )
)
# The pull request's code: a path starting with one of these names it.
PULL_REQUEST_CODE = tuple(
    tuple(path.split("."))
    for path in (
        "github.event.pull_request.head",
        "github.event.pull_request.merge_commit_sha",
        "github.head_ref",
        "github.event.workflow_run.head_sha",
        "github.event.workflow_run.head_branch",
        "github.event.workflow_run.head_commit",
        "github.event.workflow_run.head_repository",
        "github.event.workflow_run.pull_requests.*.head",
    )
)
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)
STRING_LITERAL = re.compile(r"'(?:[^']|'')*'")
PROPERTY_PATH = re.compile(r"[a-z_][a-z0-9_-]*(?:\.(?:[a-z_][a-z0-9_-]*|\*))*")
# Functions that turn a whole object into text (its untrusted fields included).
SERIALISING = re.compile(r"\b(?:tojson|join|format)\s*\(")
PULL_REF = re.compile(r"(?:^|[^a-z])(?:refs/)?pull/")
RUN_CHECKOUT = re.compile(
    r"\bgh\s+pr\s+checkout\b|\bgit\s+(?:fetch|pull|checkout|switch|clone|reset|worktree)\b"
)


def _normalise(expression: str) -> str:
    """An expression with one spelling per path: lower case, dots, ``*`` for indices.

    Property names are case-insensitive in GitHub's expression language, and
    ``a['b']``, ``a["b"]``, ``a[0]`` and ``a[*]`` are other spellings of ``a.b`` and
    ``a.*``.
    """
    text = expression.lower()
    text = re.sub(r"\[\s*'([^']*)'\s*\]", r".\1", text)
    text = re.sub(r'\[\s*"([^"]*)"\s*\]', r".\1", text)
    text = re.sub(r"\[\s*(?:\d+|\*)\s*\]", ".*", text)
    return re.sub(r"\s*\.\s*", ".", text)


def _paths(expression: str) -> list[tuple[str, ...]]:
    code = STRING_LITERAL.sub("''", _normalise(expression))
    return [tuple(match.group(0).split(".")) for match in PROPERTY_PATH.finditer(code)]


def _prefix(path: tuple[str, ...], pattern: tuple[str, ...]) -> str:
    """How ``path`` relates to ``pattern``: "within" when the path starts with the
    pattern (it names untrusted data or part of it), "holds" when the path is an object
    containing such data (a strict prefix of it), "" otherwise."""
    if not pattern:
        return "within"
    if not path:
        return "holds"
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        for skip in range(len(path)):
            found = _prefix(path[skip:], rest)
            if found:
                return found
        return ""
    if head in ("*", path[0]):
        return _prefix(path[1:], rest)
    return ""


def _matches(path: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Whether ``path`` starts with ``pattern``."""
    return _prefix(path, pattern) == "within"


def _holds(path: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Whether ``path`` is an object that contains what ``pattern`` names."""
    return len(path) >= 1 and _prefix(path, pattern) == "holds"


class _Environment:
    """The ``env`` values visible to a step: workflow, then job, then step."""

    def __init__(self, *levels: object) -> None:
        self.values: dict[str, str] = {}
        for level in levels:
            if isinstance(level, dict):
                self.values.update((str(k).lower(), str(v)) for k, v in level.items())

    def value(self, path: tuple[str, ...]) -> str | None:
        if len(path) >= 2 and path[0] == "env":
            return self.values.get(path[1])
        return None


def _untrusted_text(expression: str, env: _Environment, depth: int = 0) -> bool:
    """Whether the expression's value may carry text an outsider wrote."""
    serialised = bool(SERIALISING.search(_normalise(expression)))
    for path in _paths(expression):
        if any(_matches(path, pattern) for pattern in UNTRUSTED_TEXT):
            return True
        if serialised and any(_holds(path, pattern) for pattern in UNTRUSTED_TEXT):
            return True  # toJSON(github.event.issue), join(github.event.commits.*.message) …
        held = env.value(path)
        if (
            held is not None
            and depth < 5
            and any(_untrusted_text(inner, env, depth + 1) for inner in EXPRESSION.findall(held))
        ):
            return True
    return False


def _pull_request_code(text: str, env: _Environment, depth: int = 0) -> bool:
    """Whether a ref (or repository) names the pull request's code."""
    if PULL_REF.search(text.lower()):
        return True  # refs/pull/<number>/merge, refs/pull/<number>/head
    for expression in EXPRESSION.findall(text):
        if PULL_REF.search(_normalise(expression)):
            return True  # format('refs/pull/{0}/merge', github.event.number)
        for path in _paths(expression):
            if any(_matches(path, pattern) for pattern in PULL_REQUEST_CODE):
                return True
            if len(path) >= 3 and any(_holds(path, pattern) for pattern in PULL_REQUEST_CODE):
                return True  # the whole github.event.workflow_run (or pull_request) object
            held = env.value(path)
            if held is not None and depth < 5 and _pull_request_code(held, env, depth + 1):
                return True
    return False


def _step_environment(workflow: Workflow, job: str, step: dict[str, Any]) -> _Environment:
    job_data = workflow.jobs().get(job, {})
    return _Environment(workflow.data.get("env"), job_data.get("env"), step.get("env"))


def _uses(step: dict[str, Any], action: str) -> bool:
    return str(step.get("uses", "")).strip().lower().startswith(action)


def _untrusted_checkouts(workflow: Workflow) -> list[dict[str, Any]]:
    if not workflow.triggers & PRIVILEGED_TRIGGERS:
        return []
    found = []
    for job, index, step in workflow.steps():
        env = _step_environment(workflow, job, step)
        details: list[str] = []
        given = step.get("with")
        inputs: dict[str, Any] = given if isinstance(given, dict) else {}
        if _uses(step, "actions/checkout"):
            for name in ("ref", "repository"):
                value = str(inputs.get(name, "") or "")
                if value and _pull_request_code(value, env):
                    details.append(value)
        script = str(step.get("run", "") or "")
        for line in script.splitlines():
            if RUN_CHECKOUT.search(line) and (
                "gh pr checkout" in " ".join(line.split()) or _pull_request_code(line, env)
            ):
                details.append(line.strip())
        if details:  # one occurrence per step that checks out the pull request's code
            found.append(
                {
                    "file": workflow.path,
                    "job": job,
                    "step": index,
                    "pattern": "untrusted checkout",
                    "detail": "; ".join(details),
                }
            )
    return found


def _script_injections(workflow: Workflow) -> list[dict[str, Any]]:
    found = []
    for job, index, step in workflow.steps():
        env = _step_environment(workflow, job, step)
        scripts = [str(step.get("run", "") or "")]
        inputs = step.get("with")
        if _uses(step, "actions/github-script") and isinstance(inputs, dict):
            scripts.append(str(inputs.get("script", "") or ""))
        for script in scripts:
            for match in EXPRESSION.finditer(script):
                if _untrusted_text(match.group(1), env):
                    found.append(
                        {
                            "file": workflow.path,
                            "job": job,
                            "step": index,
                            "pattern": "script injection",
                            "detail": match.group(0),
                        }
                    )
    return found


NO_WORKFLOW = Message(
    "security.dangerous_workflows.no_workflow", "There is no GitHub Actions workflow."
)
FIX_WORKFLOWS = Remediation(
    "Never check out the pull request's head in a privileged workflow; pass untrusted values "
    "through environment variables instead of expanding them in scripts.",
    Effort.MEDIUM,
)
UNTRUSTED_CHECKOUT = Message(
    "security.dangerous_workflows.untrusted_checkout",
    "{count} dangerous pattern: an untrusted checkout in {file} (job {job}).",
    plural="{count} dangerous patterns, first an untrusted checkout in {file} (job {job}).",
    count="count",
    remediation=FIX_WORKFLOWS,
)
SCRIPT_INJECTION = Message(
    "security.dangerous_workflows.script_injection",
    "{count} dangerous pattern: a script injection in {file} (job {job}).",
    plural="{count} dangerous patterns, first a script injection in {file} (job {job}).",
    count="count",
    remediation=FIX_WORKFLOWS,
)
FIRST_PATTERN = {"untrusted checkout": UNTRUSTED_CHECKOUT, "script injection": SCRIPT_INJECTION}
SAFE = Message(
    "security.dangerous_workflows.safe",
    "No dangerous pattern in {workflows} workflow.",
    plural="No dangerous pattern in {workflows} workflows.",
    count="workflows",
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    parsed, broken = workflows(snapshot)
    if not parsed and not broken:
        return Finding.not_applicable(NO_WORKFLOW())
    dangers = [d for w in parsed for d in (*_untrusted_checkouts(w), *_script_injections(w))]
    evidence = {
        "workflows": [w.path for w in parsed],
        "unreadable": broken,
        "findings": dangers,
        "counts": {
            pattern: sum(d["pattern"] == pattern for d in dangers)
            for pattern in ("untrusted checkout", "script injection")
        },
    }
    if dangers:
        first = dangers[0]
        message = FIRST_PATTERN[first["pattern"]]
        return Finding.failed(
            message(count=len(dangers), file=first["file"], job=first["job"]), evidence=evidence
        )
    return Finding.passed(SAFE(workflows=len(parsed)), evidence=evidence)


CHECK = Check(
    id="security.dangerous_workflows",
    criterion=Criterion.SECURITY,
    title="Dangerous CI workflow patterns",
    weight=3,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NO_WORKFLOW, UNTRUSTED_CHECKOUT, SCRIPT_INJECTION, SAFE),
    evidence={
        "workflows": "Workflows",
        "unreadable": "Unreadable workflows",
        "findings": "Dangerous patterns",
        "counts": "Occurrences of each pattern",
    },
)
