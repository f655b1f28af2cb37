"""Documentation.

What it measures: whether the README has substance (length and sections), whether a
documentation folder exists, and whether documentation is available in French.

Why it matters: agents who install, configure and use the software need documentation in
their language; a provider's quote depends on it too.

How to improve: write a README that says what the software does, how to install it and
where to get help; keep a ``docs/`` folder; translate the essentials into French (for
example ``README.fr.md`` or ``docs/fr/``).

Scoring: up to 5 for the README (5 from 2,000 characters with at least three sections, 3
from 500 characters, 1 below), 3 for a documentation folder, 2 for French.
"""

from __future__ import annotations

import re

from communs.evaluation.facts import Facts
from communs.evaluation.files import FRENCH_TRANSLATION, matching
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

FRENCH_WORDS = re.compile(r"\b(?:le|la|les|des|est|pour|une|avec|dans|sur|vous|logiciel)\b")
ENGLISH_WORDS = re.compile(r"\b(?:the|and|is|for|with|to|of|you|this|software)\b")
HEADING = re.compile(r"^(?:#{1,6} |=+ |\S.*\n[=-]{3,}$)", re.MULTILINE)


NO_README = Message(
    "practices.documentation.no_readme",
    "There is no README.",
    remediation=Remediation(
        "Write a README that says what the software does, how to install it and where to get "
        "help; keep a docs/ folder and translate the essentials into French.",
        Effort.MEDIUM,
    ),
)
ADD_DOCS = Remediation("Keep a documentation folder (docs/) next to the README.", Effort.MEDIUM)
TRANSLATE = Remediation(
    "Translate the essentials into French, for example in README.fr.md or docs/fr/.",
    Effort.MEDIUM,
)
BOTH_MISSING = Remediation(
    "Keep a documentation folder (docs/) and translate the essentials into French.",
    Effort.MEDIUM,
)
README = "README of {characters:,} characters and {sections} section"


def _message(name: str, rest: str, remediation: Remediation) -> Message:
    return Message(
        f"practices.documentation.{name}",
        f"{README}; {rest}.",
        plural=f"{README}s; {rest}.",
        count="sections",
        remediation=remediation,
    )


# (has a documentation folder, has French) -> what the check says.
SAYINGS = {
    (True, True): _message(
        "folder_and_french",
        "a documentation folder; French available",
        Remediation("Write a longer README, in sections.", Effort.LOW),
    ),
    (True, False): _message(
        "folder_no_french", "a documentation folder; nothing in French", TRANSLATE
    ),
    (False, True): _message(
        "french_no_folder", "no documentation folder; French available", ADD_DOCS
    ),
    (False, False): _message("neither", "no documentation folder; nothing in French", BOTH_MISSING),
}


def is_french(text: str) -> bool:
    lowered = text.lower()
    french = len(FRENCH_WORDS.findall(lowered))
    return french >= 10 and french > len(ENGLISH_WORDS.findall(lowered))


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    readmes = facts.presence["readme"]
    # The main README is the plainest name (README.md before README.fr.md).
    root_readmes = sorted((path for path in readmes if "/" not in path), key=lambda p: (len(p), p))
    main = snapshot.read(root_readmes[0]) if root_readmes else None
    text = main.text() if main else ""
    sections = len(HEADING.findall(text))
    readme_points = 0
    if readmes:
        readme_points = 5 if len(text) >= 2000 and sections >= 3 else 3 if len(text) >= 500 else 1
    docs_points = 3 if facts.presence["docs_folder"] else 0
    french_files = [p for p in readmes if re.search(r"[._-]fr\b", p, re.I)]
    documents = [p for p in snapshot.paths() if p.startswith(("doc/", "docs/", "documentation/"))]
    french_files += matching(documents, FRENCH_TRANSLATION)[:5]
    french = bool(french_files) or any(
        is_french(content.text()) for path, content in snapshot.files.items() if path in readmes
    )
    evidence = {
        "readme": readmes,
        "readme_characters": len(text),
        "readme_sections": sections,
        "docs_folder": facts.presence["docs_folder"],
        "french": french_files or french,
    }
    score = readme_points + docs_points + (2 if french else 0)
    if not readmes:
        return Finding.failed(NO_README(), score=score, evidence=evidence)
    message = SAYINGS[bool(docs_points), french]
    return Finding.graded(
        message(characters=len(text), sections=sections), score=score, evidence=evidence
    )


CHECK = Check(
    id="practices.documentation",
    criterion=Criterion.PRACTICES,
    title="Documentation",
    weight=2,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NO_README, *SAYINGS.values()),
    evidence={
        "readme": "README",
        "readme_characters": "README characters",
        "readme_sections": "README sections",
        "docs_folder": "Documentation folder",
        "french": "French",
    },
)
