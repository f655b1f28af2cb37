"""API descriptions.

What it measures: whether the repository ships machine-readable descriptions of its
interfaces: OpenAPI (or Swagger), GraphQL schemas, AsyncAPI.

Why it matters: a described API lets a local government connect the software to its other
tools (citizen portal, finance, GIS) and lets a provider build on it without reverse
engineering, which lowers lock-in.

How to improve: publish the OpenAPI description of the HTTP API in the repository (for
example ``openapi.yaml``) and keep it generated from, or tested against, the code.

Scoring: 10 with at least one description, 0 without.
"""

from __future__ import annotations

from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

NONE = Message(
    "integration.api_descriptions.none",
    "No OpenAPI, GraphQL or AsyncAPI description was found.",
    remediation=Remediation(
        "Publish the OpenAPI description of the HTTP API in the repository (for example "
        "openapi.yaml) and keep it generated from, or tested against, the code.",
        Effort.MEDIUM,
    ),
)
DESCRIBED = Message("integration.api_descriptions.described", "API described with {kinds:list}.")


def kinds(paths: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in paths:
        lowered = path.lower()
        kind = (
            "GraphQL"
            if lowered.endswith((".graphql", ".gql", ".graphqls"))
            else "AsyncAPI"
            if "asyncapi" in lowered
            else "OpenAPI"
        )
        found.setdefault(kind, []).append(path)
    return found


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    described = kinds(facts.presence["api_descriptions"])
    if not described:
        return Finding.failed(NONE())
    evidence = {kind: paths[:10] for kind, paths in sorted(described.items())}
    return Finding.passed(DESCRIBED(kinds=sorted(described)), evidence=evidence)


CHECK = Check(
    id="integration.api_descriptions",
    criterion=Criterion.INTEGRATION,
    title="API descriptions",
    weight=3,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NONE, DESCRIBED),
    evidence={"AsyncAPI": "AsyncAPI", "GraphQL": "GraphQL", "OpenAPI": "OpenAPI"},
)
