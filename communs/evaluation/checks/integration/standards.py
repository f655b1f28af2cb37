"""Detection of open standards from dependency manifests, shared by the standards checks."""

from __future__ import annotations

import re

from communs.evaluation.files import finds
from communs.evaluation.snapshot import Snapshot


def detect(
    snapshot: Snapshot, manifests: list[str], signatures: dict[str, re.Pattern[str]]
) -> dict[str, list[str]]:
    """{standard: [manifest paths that declare a library for it]}."""
    found: dict[str, list[str]] = {}
    for path in manifests:
        content = snapshot.read(path)
        if content is None:
            continue
        text = content.text()
        for standard, pattern in signatures.items():
            if finds(pattern, text):
                found.setdefault(standard, []).append(path)
    return dict(sorted(found.items()))


def library_names(*names: str) -> re.Pattern[str]:
    """A pattern matching any of the library names as a whole token in a manifest."""
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
