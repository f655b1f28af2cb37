"""The explicit list of checks, and the method version that any change to them moves."""

from __future__ import annotations

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
    code_review,
    dangerous_workflows,
    dependency_updates,
    fix_release_time,
    fuzzing,
    known_vulnerabilities,
    lockfiles,
    policy,
    sbom,
    signed_tags,
    static_analysis,
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
    known_vulnerabilities.CHECK,
    binary_artifacts.CHECK,
    dangerous_workflows.CHECK,
    token_permissions.CHECK,
    signed_tags.CHECK,
    code_review.CHECK,
    static_analysis.CHECK,
    sbom.CHECK,
    fuzzing.CHECK,
    fix_release_time.CHECK,
    api_descriptions.CHECK,
    identity_standards.CHECK,
    domain_standards.CHECK,
    deployment_packaging.CHECK,
    localisation.CHECK,
    publiccode.CHECK,
)

BY_ID = {check.id: check for check in CHECKS}

# Every version of the method, newest last: (version, date, fingerprint, what changed).
# The fingerprint covers the checks' code and weights and the facts' code, not their
# documentation or wording; a test fails when it no longer matches, so that any change that
# may move a score moves the version.
METHOD_HISTORY: tuple[tuple[str, str, str, str], ...] = (
    ("1.0", "2026-11-28", "1efce5c88b68780f", "First method: 26 checks over four criteria."),
    (
        "1.1",
        "2026-11-29",
        "6fc02a2db1017053",
        "Dangerous workflows as Scorecard documents them: pull request checkouts and untrusted "
        "contexts in any expression form, env indirection, every occurrence counted; "
        "publiccode.yml validated by every rule of the standard (stricter: contacts, "
        "contractors' end date, iPA codes).",
    ),
    (
        "1.2",
        "2026-11-29",
        "8b6a719e5001d306",
        "Exact history: the last commit at or before as_of with its tree and tags, git's own "
        "mailmap, tags peeled to any depth, releases are version tags, bots counted apart "
        "from activity, more licence file names, date anomalies counted; five new security "
        "checks (code review, static analysis, SBOM, fuzzing, time to release security "
        "fixes): 31 checks.",
    ),
    (
        "1.3",
        "2026-11-29",
        "f95a4c9d75006380",
        "Release cadence: tags that name no version are not releases, so a repository with "
        "only such tags scores 0 and says so (it scored 2 with a reason naming no date).",
    ),
    (
        "1.4",
        "2026-11-29",
        "991bfe7bcb308369",
        "Known vulnerabilities: the versions locked by package-lock.json, yarn.lock, "
        "pnpm-lock.yaml, Gemfile.lock, poetry.lock, uv.lock, Pipfile.lock, pinned "
        "requirements, composer.lock, Cargo.lock and go.sum, matched against an OSV database "
        "given to the engine (inconclusive without one); lockfiles are read whole up to 16 MiB: "
        "32 checks.",
    ),
    (
        "1.5",
        "2026-11-29",
        "c49e9437f05125a2",
        "No score changes: re-evaluations read only new commits, and the facts count commits "
        "older than two years from per-author sums kept between evaluations.",
    ),
)
METHOD_VERSION = METHOD_HISTORY[-1][0]


# Calls whose words never decide a score: what a check says and advises.
WORDING_CALLS = frozenset({"Message", "Remediation"})
# Keywords of Check(...) that are for readers only.
WORDING_KEYWORDS = frozenset({"title", "documentation", "evidence"})


def score_deciding(source: str) -> str:
    """The part of a module's source that decides scores, as a canonical dump."""
    import ast  # only tests and tools compute the fingerprint

    class ScoreDeciding(ast.NodeTransformer):
        """A module's syntax tree without what cannot change a score.

        Docstrings, comments (never in the tree), layout, and the string constants of
        messages, remediations and titles are dropped; code, thresholds, weights and
        patterns remain.
        """

        def generic_visit(self, node: ast.AST) -> ast.AST:
            body = getattr(node, "body", None)
            if (
                isinstance(body, list)
                and body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                body[0] = ast.Pass()
            return super().generic_visit(node)

        def visit_Call(self, node: ast.Call) -> ast.AST:
            name = node.func.id if isinstance(node.func, ast.Name) else ""
            if name in WORDING_CALLS:
                return ast.Constant(value=name)
            if name == "Check":
                node.keywords = [k for k in node.keywords if k.arg not in WORDING_KEYWORDS]
            return self.generic_visit(node)

    tree = ScoreDeciding().visit(ast.parse(source))
    return ast.dump(tree, include_attributes=False)


def fingerprint() -> str:
    """A digest of everything that decides a score: check code, weights, facts and rules.

    Documentation and wording are left out, so that fixing a typo in a docstring, a message
    or a remediation does not move the method version.
    """
    import hashlib

    package = Path(__file__).resolve().parent
    sources = [
        package / name
        for name in ("facts.py", "files.py", "identities.py", "languages.py", "results.py")
    ]
    sources += sorted((package / "dependencies").rglob("*.py"))
    sources += sorted((package / "checks").rglob("*.py"))
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(score_deciding(source.read_text(encoding="utf-8")).encode())
    for check in CHECKS:
        digest.update(f"{check.id}:{check.criterion}:{check.weight}".encode())
    return digest.hexdigest()[:16]
