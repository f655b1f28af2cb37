"""The fixed English words that checks write inside their evidence, by check.

Evidence is data (numbers, paths, names, dates), but a few checks describe what they found
with words of their own: a kind of packaging (``"Helm chart"``), why a change counts as
reviewed (``"merged request"``), a workflow's token status (``"restricted"``), the
pattern of a dangerous workflow and the field names of its findings. Those words are
listed here so that the site translates each one where it appears, as a value, a list
item or a mapping key, and `make messages` offers them for translation. Everything else
in evidence is shown as written.

This module is read by the site only; it decides no score, and the method fingerprint
(registry.py) leaves it out.
"""

from __future__ import annotations

from collections.abc import Mapping

from communs.evaluation.checks.integration import deployment_packaging, domain_standards

# facts.organisation_label: people writing from personal or free mail, not named.
INDIVIDUALS = "(individual contributors)"

EVIDENCE_TERMS: Mapping[str, tuple[str, ...]] = {
    "community.organisational_diversity": (INDIVIDUALS,),
    "security.code_review": ("trailer", "merged request", "merged on the forge", "request number"),
    "security.token_permissions": ("write-all", "restricted", "restricted per job", "unrestricted"),
    "security.dangerous_workflows": (
        "untrusted checkout",
        "script injection",
        # The keys of each finding.
        "file",
        "job",
        "step",
        "pattern",
        "detail",
    ),
    "integration.deployment_packaging": tuple(deployment_packaging.KINDS),
    "integration.domain_standards": tuple(domain_standards.SIGNATURES),
}


def evidence_terms(check_id: str) -> tuple[str, ...]:
    return EVIDENCE_TERMS.get(check_id, ())
