"""Binary artefacts.

What it measures: whether executable or compiled files (``.exe``, ``.dll``, ``.so``,
``.jar``, ``.class``, ``.pyc``, ``.apk`` …) are committed in the repository, in the spirit
of OpenSSF Scorecard's Binary-Artifacts check. The Gradle wrapper's jar is tolerated.

Why it matters: a binary cannot be reviewed; it could contain anything. What a local
government installs should be built from source that anyone can read.

How to improve: remove binaries from the repository and build them in continuous
integration, or download them from a verified source at build time.

Scoring: 10 without binaries, one point less for each binary found.
"""

from __future__ import annotations

from communs.evaluation.facts import Facts
from communs.evaluation.files import extension
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

BINARY_EXTENSIONS = frozenset(
    [
        ".exe",
        ".dll",
        ".so",
        ".dylib",
        ".jar",
        ".war",
        ".ear",
        ".class",
        ".pyc",
        ".pyo",
        ".o",
        ".obj",
        ".a",
        ".lib",
        ".bin",
        ".apk",
        ".aab",
        ".ipa",
        ".msi",
        ".deb",
        ".rpm",
        ".whl",
        ".egg",
        ".elf",
        ".com",
        ".crx",
        ".xpi",
        ".wasm",
    ]
)
TOLERATED = ("gradle/wrapper/gradle-wrapper.jar",)


NONE = Message("security.binary_artifacts.none", "No binary artefact is committed.")
FOUND = Message(
    "security.binary_artifacts.found",
    "{count} binary artefact is committed.",
    plural="{count} binary artefacts are committed.",
    count="count",
    remediation=Remediation(
        "Remove binaries from the repository and build them in continuous integration, or "
        "download them from a verified source at build time.",
        Effort.MEDIUM,
    ),
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    binaries = sorted(
        path
        for path in snapshot.paths()
        if extension(path) in BINARY_EXTENSIONS and not path.endswith(TOLERATED)
    )
    evidence = {"binaries": binaries[:20], "count": len(binaries)}
    if not binaries:
        return Finding.passed(NONE(), evidence=evidence)
    return Finding.graded(
        FOUND(count=len(binaries)),
        score=10 - len(binaries),
        evidence=evidence,
    )


CHECK = Check(
    id="security.binary_artifacts",
    criterion=Criterion.SECURITY,
    title="Binary artefacts",
    weight=2,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NONE, FOUND),
    evidence={"binaries": "Binary files", "count": "Number of binary files"},
)
