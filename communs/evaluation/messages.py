"""What checks say, as data: a stable code, parameters, an English template, a remediation.

A check declares every sentence it can say as a ``Message``. A result carries the message
and its parameters (a ``Statement``), so that the CLI prints the English sentence and the
site renders the same code and parameters in the reader's language.

Templates use ``str.format`` fields with a few format specifications of their own:

- ``{count}``: the value as is;
- ``{characters:,}``: an integer with thousands separators;
- ``{names:list}``: a list joined with ", "; ``{names:list;}`` joins with "; ".

A message whose sentence depends on a number gives a ``plural`` template and names the
parameter that chooses (``count="files"``); English uses the singular for 1 only.
"""

from __future__ import annotations

import enum
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

CODE = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$")
LIST_SPECS = {"list": ", ", "list;": "; "}


class Effort(enum.StrEnum):
    """What a remediation costs a project, in the spirit of OpenSSF Scorecard's findings."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True)
class Remediation:
    """What the project should do, in one or two English sentences, and what it costs."""

    text: str
    effort: Effort

    def as_json(self) -> dict[str, str]:
        return {"text": self.text, "effort": self.effort.value}


class TemplateFormatter(string.Formatter):
    """``str.format`` with the specifications above; the site subclasses it to localise."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in LIST_SPECS:
            return LIST_SPECS[format_spec].join(self.format_item(item) for item in value)
        if format_spec == ",":
            return self.format_number(value, grouped=True)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self.format_text(value)
        return self.format_number(value, grouped=False)

    def format_item(self, item: Any) -> str:
        return self.format_text(item)

    def format_number(self, value: float, *, grouped: bool) -> str:
        return f"{value:,}" if grouped else str(value)

    def format_text(self, value: Any) -> str:
        return str(value)


ENGLISH = TemplateFormatter()


def placeholders(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in ENGLISH.parse(template) if name}


@dataclass(frozen=True)
class Message:
    """One sentence a check can say. Calling it with parameters gives a Statement.

    ``remediation`` is required for any message that can come with a partial or failed
    result (the constructors of ``Finding`` refuse it otherwise). ``terms`` maps the
    parameters whose values are fixed English words to those words (the site translates
    them); every other parameter is data (numbers, dates, paths, names).
    """

    code: str
    text: str
    plural: str = ""
    count: str = ""
    remediation: Remediation | None = None
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not CODE.match(self.code):
            raise ValueError(f"message code {self.code!r} is not dotted snake_case")
        if bool(self.plural) != bool(self.count):
            raise ValueError(f"{self.code}: a plural template needs its count, and back")
        if self.plural and placeholders(self.plural) != placeholders(self.text):
            raise ValueError(f"{self.code}: singular and plural use different parameters")
        if self.count and self.count not in placeholders(self.text):
            raise ValueError(f"{self.code}: the count {self.count!r} is not in the template")

    @property
    def parameters(self) -> set[str]:
        return placeholders(self.text)

    def template(self, params: Mapping[str, Any]) -> str:
        """The English template these parameters call for (singular or plural)."""
        if self.count and params[self.count] != 1:
            return self.plural
        return self.text

    def __call__(self, **params: Any) -> Statement:
        missing = self.parameters - set(params)
        extra = set(params) - self.parameters
        if missing or extra:
            raise ValueError(
                f"{self.code}: parameters {sorted(params)} do not match {sorted(self.parameters)}"
            )
        return Statement(self, params)


@dataclass(frozen=True)
class Statement:
    """A message said with its parameters: what a result stores and renders."""

    message: Message
    params: Mapping[str, Any]

    @property
    def code(self) -> str:
        return self.message.code

    def english(self) -> str:
        return ENGLISH.vformat(self.message.template(self.params), (), self.params)
