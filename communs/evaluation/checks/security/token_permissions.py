"""CI token permissions.

What it measures: whether GitHub Actions workflows restrict the permissions of their
automatic token with a top-level ``permissions:`` block that grants no write access
(or, failing that, one on every job), as OpenSSF Scorecard's Token-Permissions check does.

Why it matters: by default the token can often write to the repository. If a step or an
action is compromised, a restricted token limits what the attacker can change in the code
that local governments install.

How to improve: add ``permissions: contents: read`` at the top of each workflow and grant
write permissions only to the jobs that need them.

Scoring: 10 times the share of workflows whose token is restricted; 0 when a workflow
grants ``write-all``; not applicable without GitHub workflows.
"""

from __future__ import annotations

from typing import Any

from communs.evaluation.checks.security.workflows import Workflow, workflows
from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

RESTRICT = Remediation(
    "Add permissions: contents: read at the top of each workflow and grant write permissions "
    "only to the jobs that need them.",
    Effort.LOW,
)
NO_WORKFLOW = Message(
    "security.token_permissions.no_workflow", "There is no GitHub Actions workflow."
)
WRITE_ALL = Message(
    "security.token_permissions.write_all",
    "{file} grants its token write-all.",
    remediation=RESTRICT,
)
UNREADABLE = Message(
    "security.token_permissions.unreadable",
    "No workflow could be read.",
    remediation=Remediation("Fix the workflows' YAML so that GitHub can run them.", Effort.LOW),
)
RESTRICTED = Message(
    "security.token_permissions.restricted",
    "{restricted} of {workflows} workflows restricts its token.",
    plural="{restricted} of {workflows} workflows restrict their token.",
    count="restricted",
    remediation=RESTRICT,
)


def _read_only(permissions: Any) -> bool:
    if permissions in ("read-all", {}, "none"):
        return True
    if isinstance(permissions, dict):
        return all(str(value) in {"read", "none"} for value in permissions.values())
    return False


def _writes_all(permissions: Any) -> bool:
    return isinstance(permissions, str) and permissions == "write-all"


def status(workflow: Workflow) -> str:
    top = workflow.data.get("permissions")
    jobs = workflow.jobs()
    if _writes_all(top) or any(_writes_all(job.get("permissions")) for job in jobs.values()):
        return "write-all"
    if top is not None and _read_only(top):
        return "restricted"
    if top is None and jobs and all("permissions" in job for job in jobs.values()):
        return "restricted per job"
    return "unrestricted"


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    parsed, broken = workflows(snapshot)
    if not parsed and not broken:
        return Finding.not_applicable(NO_WORKFLOW())
    statuses = {workflow.path: status(workflow) for workflow in parsed}
    evidence = {"workflows": statuses, "unreadable": broken}
    if "write-all" in statuses.values():
        culprit = next(path for path, value in statuses.items() if value == "write-all")
        return Finding.failed(WRITE_ALL(file=culprit), evidence=evidence)
    if not parsed:
        return Finding.inconclusive(UNREADABLE(), evidence=evidence)
    restricted = [path for path, value in statuses.items() if value != "unrestricted"]
    score = round(10 * len(restricted) / len(parsed))
    return Finding.graded(
        RESTRICTED(restricted=len(restricted), workflows=len(parsed)),
        score=score,
        evidence=evidence,
    )


CHECK = Check(
    id="security.token_permissions",
    criterion=Criterion.SECURITY,
    title="CI token permissions",
    weight=2,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NO_WORKFLOW, WRITE_ALL, UNREADABLE, RESTRICTED),
    evidence={"workflows": "Workflows", "unreadable": "Unreadable workflows"},
)
