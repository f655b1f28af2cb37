"""publiccode.yml.

What it measures: whether the repository carries a publiccode.yml file at its root, the
metadata standard that public-sector catalogues (Italy, Germany, Switzerland, the
Netherlands, Sweden, the EU) read, and whether it can be read as YAML with a
``publiccodeYmlVersion``.

Why it matters: the file tells a local government, in a standard form, what the software
does, who maintains it, under which licence and with which dependencies; catalogues
(Communs included) can list the software without retyping it.

How to improve: add a publiccode.yml at the root of the repository and keep it up to date
with each release.

Scoring: 10 for a readable file, 3 for a file that cannot be read, 0 without one.
"""

from __future__ import annotations

import yaml

from communs.evaluation.facts import Facts
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    files = [path for path in facts.presence["publiccode"] if "/" not in path]
    if not files:
        return Finding.failed("There is no publiccode.yml at the root of the repository.")
    path = files[0]
    content = snapshot.read(path)
    try:
        data = yaml.safe_load(content.text()) if content else None
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", None) or "it is not valid YAML"
        return Finding.partial(f"{path} cannot be read: {problem}.", score=3, file=path)
    if not isinstance(data, dict) or "publiccodeYmlVersion" not in data:
        return Finding.partial(f"{path} has no publiccodeYmlVersion.", score=3, file=path)
    version = str(data["publiccodeYmlVersion"])
    return Finding.passed(f"{path} is present (version {version}).", file=path, version=version)


CHECK = Check(
    id="integration.publiccode",
    criterion=Criterion.INTEGRATION,
    title="publiccode.yml",
    weight=1,
    run=run,
    documentation=__doc__ or "",
)
