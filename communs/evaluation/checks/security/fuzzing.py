"""Fuzzing.

What it measures: whether the project fuzzes its code: ClusterFuzzLite or OSS-Fuzz build
files, fuzz targets (``fuzz/`` folders, ``*_fuzz.go``, ``fuzz_*.py``, Jazzer classes) or a
fuzzing tool named in CI, in the spirit of OpenSSF Scorecard's Fuzzing check (which also
asks OSS-Fuzz online whether the project is enrolled).

Why it matters: fuzzing feeds a program malformed input by the million and finds the
crashes and memory errors that attackers look for, especially in parsers and file formats.

How to improve: write fuzz targets for the code that reads untrusted input and run them in
CI (ClusterFuzzLite) or apply to OSS-Fuzz.

Scoring: 10 when fuzzing is found, 0 otherwise.
"""

from __future__ import annotations

import re

from communs.evaluation.facts import Facts
from communs.evaluation.files import CI, FUZZING, finds, matching, own
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

IN_CI = re.compile(
    r"clusterfuzzlite|google/oss-fuzz|\bgo test\b[^\n]*-fuzz\b|cargo[- ]fuzz|\batheris\b"
    r"|\bjazzer\b|\bafl-fuzz\b|\blibfuzzer\b",
    re.IGNORECASE,
)
NONE = Message(
    "security.fuzzing.none",
    "No fuzzing: no fuzz targets, no ClusterFuzzLite or OSS-Fuzz files, no fuzzing in CI.",
    remediation=Remediation(
        "Write fuzz targets for the code that reads untrusted input and run them in CI "
        "(ClusterFuzzLite) or apply to OSS-Fuzz.",
        Effort.HIGH,
    ),
)
FOUND = Message("security.fuzzing.found", "The project fuzzes its code: {files:list}.")


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    files = matching(own(snapshot.paths()), FUZZING)
    in_ci = []
    for path in matching(snapshot.paths(), CI):
        content = snapshot.read(path)
        if content is not None and finds(IN_CI, content.text()):
            in_ci.append(path)
    evidence = {"fuzz_files": files[:10], "fuzz_files_count": len(files), "in_ci": in_ci[:10]}
    if files or in_ci:
        return Finding.passed(FOUND(files=(files + in_ci)[:5]), evidence=evidence)
    return Finding.failed(NONE(), evidence=evidence)


CHECK = Check(
    id="security.fuzzing",
    criterion=Criterion.SECURITY,
    title="Fuzzing",
    weight=1,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NONE, FOUND),
    evidence={
        "fuzz_files": "Fuzzing files",
        "fuzz_files_count": "Fuzzing files in all",
        "in_ci": "Fuzzing in CI",
    },
)
