"""The explicit list of checks, and the method version that any change to them moves."""

from __future__ import annotations

import hashlib
from pathlib import Path

from communs.evaluation.checks.community import (
    absence_factor,
    active_contributors,
    longevity,
    organisational_diversity,
    recent_activity,
    release_cadence,
)
from communs.evaluation.checks.integration import (
    api_descriptions,
    deployment_packaging,
    domain_standards,
    identity_standards,
    localisation,
    publiccode,
)
from communs.evaluation.checks.practices import (
    changelog,
    code_style,
    continuous_integration,
    contribution_guide,
    documentation,
    licence,
    tests,
)
from communs.evaluation.checks.security import (
    binary_artifacts,
    dangerous_workflows,
    dependency_updates,
    lockfiles,
    policy,
    signed_tags,
    token_permissions,
)
from communs.evaluation.results import Check

CHECKS: tuple[Check, ...] = (
    recent_activity.CHECK,
    active_contributors.CHECK,
    absence_factor.CHECK,
    organisational_diversity.CHECK,
    release_cadence.CHECK,
    longevity.CHECK,
    documentation.CHECK,
    tests.CHECK,
    continuous_integration.CHECK,
    contribution_guide.CHECK,
    code_style.CHECK,
    licence.CHECK,
    changelog.CHECK,
    policy.CHECK,
    dependency_updates.CHECK,
    lockfiles.CHECK,
    binary_artifacts.CHECK,
    dangerous_workflows.CHECK,
    token_permissions.CHECK,
    signed_tags.CHECK,
    api_descriptions.CHECK,
    identity_standards.CHECK,
    domain_standards.CHECK,
    deployment_packaging.CHECK,
    localisation.CHECK,
    publiccode.CHECK,
)

BY_ID = {check.id: check for check in CHECKS}

# Every version of the method, newest last: (version, date, fingerprint, what changed).
# The fingerprint covers the checks' code and weights and the facts' code; a test fails
# when it no longer matches, so that any change to the method moves the version.
METHOD_HISTORY: tuple[tuple[str, str, str, str], ...] = (
    ("1.0", "2026-11-28", "f8c31dac571d31b6", "First method: 26 checks over four criteria."),
    (
        "1.1",
        "2026-11-29",
        "598a43565a1b373a",
        "Exact history: the last commit at or before as_of with its tree and tags, git's own "
        "mailmap, tags peeled to any depth, releases are version tags, bots counted apart "
        "from activity, more licence file names, date anomalies counted.",
    ),
)
METHOD_VERSION = METHOD_HISTORY[-1][0]


def fingerprint() -> str:
    """A digest of everything that decides a score: check code, weights, facts and rules."""
    package = Path(__file__).resolve().parent
    sources = [
        package / name
        for name in ("facts.py", "files.py", "identities.py", "languages.py", "results.py")
    ]
    sources += sorted((package / "checks").rglob("*.py"))
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    for check in CHECKS:
        digest.update(f"{check.id}:{check.criterion}:{check.weight}".encode())
    return digest.hexdigest()[:16]
