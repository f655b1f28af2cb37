"""A check's evidence in the reader's language.

Keys get the labels checks declare; numbers and dates take the language's formats; the
fixed words checks write in their evidence (``communs.evaluation.vocabulary``) are
translated wherever they appear; lists and mappings read as text rather than JSON; the
publiccode.yml validator's issues are said in the reader's language (``issues.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext

from communs.evaluation import BY_ID
from communs.evaluation.vocabulary import evidence_terms
from communs.evaluations.issues import publiccode_issue
from communs.evaluations.wording import LOCAL

EVIDENCE_LIMIT = 300
# Evidence lists of publiccode.yml issues, each "key: English message".
ISSUE_LISTS = {("integration.publiccode", "errors"), ("integration.publiccode", "warnings")}


@dataclass(frozen=True)
class EvidenceItem:
    label: str
    text: str
    english: bool = False


class EvidenceText:
    """Renders one check's evidence values, translating its declared terms."""

    def __init__(self, check_id: str) -> None:
        self.terms = set(evidence_terms(check_id))

    def value(self, value: Any, *, nested: bool = False) -> str:
        if isinstance(value, bool):
            return gettext("yes") if value else gettext("no")
        if isinstance(value, int | float):
            return str(number_format(value))
        if isinstance(value, str):
            return gettext(value) if value in self.terms else LOCAL.format_text(value)
        if isinstance(value, Mapping):
            pairs = [
                gettext("%(name)s: %(value)s")
                % {"name": self.value(key), "value": self.value(item, nested=True)}
                for key, item in value.items()
            ]
            return (", " if nested else "; ").join(pairs)
        if isinstance(value, list | tuple):
            items = [self.value(item, nested=True) for item in value]
            joiner = "; " if any(isinstance(item, Mapping) for item in value) else ", "
            return joiner.join(items)
        return str(value)


def _shortened(text: str) -> str:
    return text if len(text) <= EVIDENCE_LIMIT else text[: EVIDENCE_LIMIT - 1] + "…"


def evidence_items(check_id: str, evidence: Mapping[str, Any]) -> list[EvidenceItem]:
    """Evidence as labelled texts in the active language, shortened; templates escape."""
    check = BY_ID.get(check_id)
    labels = check.evidence if check is not None else {}
    render = EvidenceText(check_id)
    items = []
    for key, value in evidence.items():
        if value in (None, "", [], {}):
            continue
        label = labels.get(key)
        name = gettext(label) if label else str(key).replace("_", " ")
        if (check_id, key) in ISSUE_LISTS and isinstance(value, list):
            told = [publiccode_issue(str(item)) for item in value]
            text = "; ".join(item.text for item in told)
            english = any(item.english for item in told)
        else:
            text, english = render.value(value), False
        items.append(EvidenceItem(name, _shortened(text), english))
    return items
