"""Dangerous CI workflow patterns.

What it measures: two patterns in GitHub Actions workflows that let an outsider run code
with the repository's secrets, as OpenSSF Scorecard's Dangerous-Workflow check does:
a ``pull_request_target`` or ``workflow_run`` workflow that checks out the untrusted code
of a pull request, and untrusted text (an issue title, a pull request body, a branch
name …) expanded with ``${{ }}`` inside a ``run:`` script or a github-script.

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

PRIVILEGED_TRIGGERS = {"pull_request_target", "workflow_run"}
UNTRUSTED_REF = re.compile(
    r"github\.event\.pull_request\.head|github\.head_ref|github\.event\.workflow_run\.head"
    r"|refs/pull/",
)
UNTRUSTED_EXPRESSION = re.compile(
    r"\$\{\{[^}]*(?:github\.event\.(?:issue\.(?:title|body)|pull_request\.(?:title|body"
    r"|head\.ref|head\.label|head\.repo\.default_branch)|comment\.body|review\.body"
    r"|review_comment\.body|pages\.[^}]*\.page_name|commits\.[^}]*\.(?:message|author\.(?:email"
    r"|name))|head_commit\.(?:message|author\.(?:email|name))|workflow_run\.(?:head_branch"
    r"|head_commit\.(?:message|author\.(?:email|name)))|discussion\.(?:title|body))"
    r"|github\.head_ref)[^}]*\}\}",
)


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
    "{count} dangerous pattern(s), first an untrusted checkout in {file} (job {job}).",
    remediation=FIX_WORKFLOWS,
)
SCRIPT_INJECTION = Message(
    "security.dangerous_workflows.script_injection",
    "{count} dangerous pattern(s), first a script injection in {file} (job {job}).",
    remediation=FIX_WORKFLOWS,
)
FIRST_PATTERN = {"untrusted checkout": UNTRUSTED_CHECKOUT, "script injection": SCRIPT_INJECTION}
SAFE = Message(
    "security.dangerous_workflows.safe",
    "No dangerous pattern in {workflows} workflow.",
    plural="No dangerous pattern in {workflows} workflows.",
    count="workflows",
)


def _untrusted_checkouts(workflow: Workflow) -> list[dict[str, Any]]:
    if not workflow.triggers & PRIVILEGED_TRIGGERS:
        return []
    found = []
    for job, index, step in workflow.steps():
        uses = str(step.get("uses", ""))
        ref = (
            str((step.get("with") or {}).get("ref", ""))
            if isinstance(step.get("with"), dict)
            else ""
        )
        if uses.startswith("actions/checkout") and UNTRUSTED_REF.search(ref):
            found.append(
                {
                    "file": workflow.path,
                    "job": job,
                    "step": index,
                    "pattern": "untrusted checkout",
                    "detail": ref,
                }
            )
    return found


def _script_injections(workflow: Workflow) -> list[dict[str, Any]]:
    found = []
    for job, index, step in workflow.steps():
        scripts = [str(step.get("run", ""))]
        if str(step.get("uses", "")).startswith("actions/github-script") and isinstance(
            step.get("with"), dict
        ):
            scripts.append(str(step["with"].get("script", "")))
        for script in scripts:
            match = UNTRUSTED_EXPRESSION.search(script)
            if match:
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


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    parsed, broken = workflows(snapshot)
    if not parsed and not broken:
        return Finding.not_applicable(NO_WORKFLOW())
    dangers = [d for w in parsed for d in (*_untrusted_checkouts(w), *_script_injections(w))]
    evidence = {"workflows": [w.path for w in parsed], "unreadable": broken, "findings": dangers}
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
    documentation=__doc__ or "",
    messages=(NO_WORKFLOW, UNTRUSTED_CHECKOUT, SCRIPT_INJECTION, SAFE),
    evidence={
        "workflows": "Workflows",
        "unreadable": "Unreadable workflows",
        "findings": "Dangerous patterns",
    },
)
