"""Localisation readiness.

What it measures: whether the software is translatable (gettext catalogues, locale files,
XLIFF, Android or Rails locale files) and whether a French translation exists.

Why it matters: agents and residents must be able to use the software in French, and in
the regional or foreign languages a territory needs; a translatable interface can be
translated by the community or a provider.

How to improve: extract interface strings into translation files and welcome translators
(for example on Weblate).

Scoring: 6 for translation files, 4 more for French.
"""

from __future__ import annotations

from communs.evaluation.facts import Facts
from communs.evaluation.files import FRENCH_TRANSLATION
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

NONE = Message(
    "integration.localisation.none",
    "No translation file was found.",
    remediation=Remediation(
        "Extract interface strings into translation files and welcome translators (for example "
        "on Weblate).",
        Effort.HIGH,
    ),
)
WITH_FRENCH = Message(
    "integration.localisation.with_french",
    "{files} translation file, French included.",
    plural="{files} translation files, French included.",
    count="files",
)
WITHOUT_FRENCH = Message(
    "integration.localisation.without_french",
    "{files} translation file, none in French.",
    plural="{files} translation files, none in French.",
    count="files",
    remediation=Remediation(
        "Add a French translation, or invite French-speaking users to contribute one.",
        Effort.MEDIUM,
    ),
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    translations = facts.presence["translations"]
    if not translations:
        return Finding.failed(NONE())
    french = [path for path in translations if FRENCH_TRANSLATION.search(path)]
    evidence = {
        "translation_files": len(translations),
        "french": french[:5],
        "examples": translations[:5],
    }
    if french:
        return Finding.passed(WITH_FRENCH(files=len(translations)), evidence=evidence)
    return Finding.partial(WITHOUT_FRENCH(files=len(translations)), score=6, evidence=evidence)


CHECK = Check(
    id="integration.localisation",
    criterion=Criterion.INTEGRATION,
    title="Localisation readiness",
    weight=2,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NONE, WITH_FRENCH, WITHOUT_FRENCH),
    evidence={
        "translation_files": "Translation files",
        "french": "French",
        "examples": "Examples",
    },
)
