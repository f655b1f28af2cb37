"""Software bill of materials.

What it measures: whether the repository publishes a software bill of materials (an SPDX
or CycloneDX file), or generates one in its continuous integration, in the spirit of
OpenSSF Scorecard's SBOM check (which also looks at release assets, a forge feature the
engine cannot see offline).

Why it matters: an SBOM lists every component the software ships with, so that a local
government (or its provider) can tell at once whether a newly disclosed vulnerability
affects it, and check the licences of what it runs.

How to improve: generate an SBOM in CI (for example with Syft or the CycloneDX tools) and
publish it with each release, or commit it next to the code.

Scoring: 10 for an SBOM file or an SBOM generated in CI, 0 otherwise.
"""

from __future__ import annotations

import re

from communs.evaluation.facts import Facts
from communs.evaluation.files import CI, SBOM, finds, matching, own
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

GENERATORS = re.compile(
    r"\b(?:anchore/sbom-action|syft|cyclonedx[\w-]*|spdx-sbom-generator|sbom-tool"
    r"|trivy\b[^\n]*--format\s+(?:cyclonedx|spdx)|microsoft/sbom-tool|cdxgen)\b",
    re.IGNORECASE,
)

NONE = Message(
    "security.sbom.none",
    "No software bill of materials: no SPDX or CycloneDX file, and none generated in CI.",
    remediation=Remediation(
        "Generate an SBOM in CI (for example with Syft or the CycloneDX tools) and publish it "
        "with each release.",
        Effort.LOW,
    ),
)
FILES = Message(
    "security.sbom.files",
    "The repository holds a software bill of materials: {files:list}.",
)
GENERATED = Message(
    "security.sbom.generated",
    "Continuous integration generates a software bill of materials ({files:list}).",
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    files = matching(own(snapshot.paths()), SBOM)[:10]
    generated = []
    for path in matching(snapshot.paths(), CI):
        content = snapshot.read(path)
        if content is not None and finds(GENERATORS, content.text()):
            generated.append(path)
    evidence = {"sbom_files": files, "generated_in": generated[:10]}
    if files:
        return Finding.passed(FILES(files=files), evidence=evidence)
    if generated:
        return Finding.passed(GENERATED(files=generated[:10]), evidence=evidence)
    return Finding.failed(NONE(), evidence=evidence)


CHECK = Check(
    id="security.sbom",
    criterion=Criterion.SECURITY,
    title="Software bill of materials",
    weight=1,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NONE, FILES, GENERATED),
    evidence={"sbom_files": "SBOM files", "generated_in": "Generated in"},
)
