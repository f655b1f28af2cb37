"""The publiccode.yml validator's issues, as reports store them, in the reader's language.

The publiccode.yml check stores each issue of the validator as the English sentence the
CLI prints, "key: message". The sentence is read back into the validator's code and
parameters (``communs.publiccode.messages.parse``, kept only when it renders the sentence
back exactly) and said with the catalogue's French templates
(``communs.catalog.publiccode_messages``). This serves reports stored before and after
this reading existed alike. A sentence that cannot be read back stays in English and is
marked so.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from communs.catalog.publiccode_messages import TEMPLATES
from communs.catalog.publiccode_messages import render as render_issue
from communs.publiccode.messages import parse as parse_issue
from communs.publiccode.validator import Issue


@dataclass(frozen=True)
class Told:
    """A text for the page, and whether it had to stay in English."""

    text: str
    english: bool = False


def publiccode_issue(text: str) -> Told:
    """A stored "key: message" of the validator, in the active language."""
    key, separator, message = text.partition(": ")
    found = parse_issue(message) if separator else None
    if found is None:
        return Told(text, english=True)
    code, params = found
    said = render_issue(Issue(key, code, 0, 0, params))
    if "%(field)s" in str(TEMPLATES.get(code, "")) and params.get("field") == key:
        return Told(said)  # the sentence names the key already
    return Told(gettext("%(name)s: %(value)s") % {"name": key, "value": said})
