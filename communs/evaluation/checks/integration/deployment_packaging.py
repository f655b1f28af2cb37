"""Deployment packaging.

What it measures: whether the repository ships ways to deploy the software: a container
image definition (Dockerfile, Containerfile, Compose file), a Helm chart, a Debian package,
Ansible roles or playbooks, or other packaging (Snap, Flatpak, Nix, RPM).

Why it matters: ready-made packaging lowers the cost of installing and updating the
software, whether the local government hosts it itself or asks a provider.

How to improve: maintain an official container image or distribution packages, and
document the supported way to deploy and upgrade.

Scoring: 10 for two kinds of packaging or more, 7 for one, 0 for none.
"""

from __future__ import annotations

from communs.evaluation import files
from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

KINDS = {
    "container": files.CONTAINER,
    "Helm chart": files.HELM,
    "Debian package": files.DEBIAN,
    "Ansible": files.ANSIBLE,
    "other packaging": files.OTHER_PACKAGING,
}


NONE = Message(
    "integration.deployment_packaging.none",
    "No container, chart, package or deployment recipe was found.",
    remediation=Remediation(
        "Maintain an official container image or distribution packages, and document the "
        "supported way to deploy and upgrade.",
        Effort.MEDIUM,
    ),
)
DEPLOYABLE = Message(
    "integration.deployment_packaging.deployable",
    "Deployable with: {kinds:list}.",
    terms={"kinds": tuple(KINDS)},
    remediation=Remediation(
        "Offer a second way to deploy (for example a container image and a distribution package).",
        Effort.MEDIUM,
    ),
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    candidates = facts.presence["container"] + facts.presence["packaging"]
    found = {
        kind: hits[:5] for kind, rule in KINDS.items() if (hits := files.matching(candidates, rule))
    }
    if not found:
        return Finding.failed(NONE())
    score = 10 if len(found) >= 2 else 7
    return Finding.graded(DEPLOYABLE(kinds=list(found)), score=score, packaging=found)


CHECK = Check(
    id="integration.deployment_packaging",
    criterion=Criterion.INTEGRATION,
    title="Deployment packaging",
    weight=2,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NONE, DEPLOYABLE),
    evidence={"packaging": "Packaging"},
)
