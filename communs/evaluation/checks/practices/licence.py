"""Licence.

What it measures: whether the repository has a licence file, whether the licence is
identified (an SPDX identifier in a manifest or file header, or a recognised licence
text), whether it is free (recognised by both the FSF and the OSI), and whether French
administrations may use it for their own code (article D323-2-1 of the CRPA).

Why it matters: the licence is what allows a local government to use, study, modify and
share the software; public buyers must check it before any procurement. Code published by
a French administration must use a licence from the CRPA list.

How to improve: add a LICENSE file with the full text, declare its SPDX identifier in the
package manifest (``"license": "AGPL-3.0-or-later"``) or in file headers
(``SPDX-License-Identifier:``), and prefer a licence from the CRPA list. A licence text
alone does not say whether "or any later version" applies: declare it.

Scoring: 4 for a licence file, 2 when the licence is identified, 2 when it is free, 2 when
it is in the CRPA list.
"""

from __future__ import annotations

import json
import re

from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot
from communs.licences import InvalidLicenceExpression, licence_facts

# (SPDX id, phrases that must all appear), most specific first.
TEXTS = (
    ("AGPL-3.0-only", ("GNU AFFERO GENERAL PUBLIC LICENSE", "Version 3")),
    ("LGPL-3.0-only", ("GNU LESSER GENERAL PUBLIC LICENSE", "Version 3")),
    ("LGPL-2.1-only", ("GNU LESSER GENERAL PUBLIC LICENSE", "Version 2.1")),
    ("GPL-3.0-only", ("GNU GENERAL PUBLIC LICENSE", "Version 3")),
    ("GPL-2.0-only", ("GNU GENERAL PUBLIC LICENSE", "Version 2")),
    ("Apache-2.0", ("Apache License", "Version 2.0")),
    ("MPL-2.0", ("Mozilla Public License", "2.0")),
    ("EUPL-1.2", ("European Union Public Licence", "1.2")),
    ("EUPL-1.1", ("European Union Public Licence", "1.1")),
    ("CECILL-B", ("CeCILL-B",)),
    ("CECILL-C", ("CeCILL-C",)),
    ("CECILL-2.1", ("CeCILL", "2.1")),
    ("EPL-2.0", ("Eclipse Public License", "2.0")),
    ("BSD-3-Clause", ("Redistribution and use in source and binary forms", "Neither the name")),
    ("BSD-2-Clause", ("Redistribution and use in source and binary forms",)),
    ("MIT", ("Permission is hereby granted, free of charge",)),
    ("ISC", ("Permission to use, copy, modify, and/or distribute this software for any",)),
    ("Unlicense", ("This is free and unencumbered software released into the public domain",)),
    ("WTFPL", ("DO WHAT THE FUCK YOU WANT TO PUBLIC LICENSE",)),
    ("etalab-2.0", ("LICENCE OUVERTE",)),
)
SPDX_HEADER = re.compile(r"SPDX-License-Identifier:\s*([^\n*]+?)\s*(?:\*/|-->|$)", re.MULTILINE)
MANIFEST_FIELD = re.compile(
    r"""^\s*(?:s\.|spec\.)?licen[cs]es?\s*[=:]\s*\[?\s*["']([^"'\]]+)["']""", re.MULTILINE
)


UNRECOGNISED = Message(
    "practices.licence.unrecognised",
    "A licence file whose licence was not recognised.",
    remediation=Remediation(
        "Declare the licence's SPDX identifier in the package manifest or in file headers "
        "(SPDX-License-Identifier:).",
        Effort.LOW,
    ),
)
NONE = Message(
    "practices.licence.none",
    "No licence file and no declared licence: nobody may legally reuse the code.",
    remediation=Remediation(
        "Add a LICENSE file with the full text of a free licence, preferably one from the CRPA "
        "list, and declare its SPDX identifier in the package manifest.",
        Effort.MEDIUM,
    ),
)
ADD_FILE = "Add a LICENSE file with the full text of the licence."
CHOOSE_FREE = "recognised as free by both the FSF and the OSI"
CHOOSE_CRPA = "from the CRPA list, which French administrations must use for their own code"


def _identified(has_file: bool, free: bool, crpa: bool) -> Message:
    name = "_".join(
        [
            "identified",
            "free" if free else "not_free",
            "crpa" if crpa else "not_crpa",
            *([] if has_file else ["no_file"]),
        ]
    )
    where = "" if has_file else " (declared, but no licence file)"
    qualities = ", ".join(
        [
            "free" if free else "not recognised as free by both the FSF and the OSI",
            "in the CRPA list" if crpa else "not in the CRPA list",
        ]
    )
    choices = [
        text for text, needed in ((CHOOSE_FREE, not free), (CHOOSE_CRPA, not crpa)) if needed
    ]
    advice = ([] if has_file else [ADD_FILE]) + (
        [f"Prefer a licence {' and '.join(choices)}."] if choices else []
    )
    effort = Effort.HIGH if not free or not crpa else Effort.LOW
    return Message(
        f"practices.licence.{name}",
        f"Licence {{spdx}}{where}: {qualities}.",
        remediation=Remediation(" ".join(advice), effort) if advice else None,
    )


IDENTIFIED = {
    (has_file, free, crpa): _identified(has_file, free, crpa)
    for has_file in (True, False)
    for free in (True, False)
    for crpa in (True, False)
}


def _declared(snapshot: Snapshot, paths: list[str]) -> dict[str, str]:
    """SPDX expressions declared in manifests, by file."""
    found = {}
    for path in paths:
        content = snapshot.read(path)
        if content is None or path.count("/") > 0:
            continue
        text = content.text()
        value = None
        if path.endswith(".json"):
            try:
                data = json.loads(text)
                raw = data.get("license") if isinstance(data, dict) else None
                value = " OR ".join(raw) if isinstance(raw, list) else raw
            except ValueError:
                value = None
        else:
            match = MANIFEST_FIELD.search(text)
            value = match.group(1) if match else None
        if isinstance(value, str) and value.strip():
            found[path] = value.strip()
    return found


def _from_text(text: str) -> str | None:
    upper = " ".join(text.split()).upper()
    for spdx_id, phrases in TEXTS:
        if all(phrase.upper() in upper for phrase in phrases):
            return spdx_id
    return None


def identify(snapshot: Snapshot, facts: Facts) -> tuple[str | None, dict[str, str]]:
    """The licence expression, and where each piece of evidence came from."""
    sources: dict[str, str] = {}
    for path, value in _declared(snapshot, facts.presence["manifests"]).items():
        sources[path] = value
    for path in facts.presence["licence"]:
        content = snapshot.read(path)
        if content is None:
            continue
        header = SPDX_HEADER.search(content.text())
        detected = header.group(1) if header else _from_text(content.text())
        if detected:
            sources[path] = detected
    for candidate in list(dict.fromkeys(sources.values())):
        try:
            licence_facts(candidate)
        except InvalidLicenceExpression:
            continue
        return candidate, sources
    return None, sources


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    files = facts.presence["licence"]
    expression, sources = identify(snapshot, facts)
    evidence: dict[str, object] = {"licence_files": files, "identified_in": sources}
    score = 4 if files else 0
    if expression is None:
        return Finding.graded(UNRECOGNISED() if files else NONE(), score=score, evidence=evidence)
    facts_of = licence_facts(expression)
    evidence.update(
        spdx=facts_of.expression, free=facts_of.is_free, crpa_listed=facts_of.crpa_listed
    )
    score += 2 + (2 if facts_of.is_free else 0) + (2 if facts_of.crpa_listed else 0)
    message = IDENTIFIED[bool(files), bool(facts_of.is_free), bool(facts_of.crpa_listed)]
    return Finding.graded(message(spdx=facts_of.expression), score=score, evidence=evidence)


CHECK = Check(
    id="practices.licence",
    criterion=Criterion.PRACTICES,
    title="Licence",
    weight=3,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(UNRECOGNISED, NONE, *IDENTIFIED.values()),
    evidence={
        "licence_files": "Licence files",
        "identified_in": "Identified in",
        "spdx": "SPDX expression",
        "free": "Free licence",
        "crpa_listed": "In the CRPA list",
    },
)
