"""What a catalogue card shows beyond the entry itself: its latest evaluation, who uses it.

Cards are composed here, in the layer above the catalogue, evaluations and usage, with a
fixed number of queries for a whole page of cards (never one per card, never in a tag).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.utils.safestring import SafeString, mark_safe

from communs.catalog.models import Software
from communs.evaluation import Criterion
from communs.evaluations.models import Evaluation
from communs.evaluations.presentation import CRITERION_LABELS, level
from communs.evaluations.templatetags.evaluations import out_of_ten
from communs.territories.models import Organisation
from communs.usage.selectors import usage_summaries

# The engine's criteria, in its order; a new criterion shows without touching this file.
CRITERIA = tuple(criterion.value for criterion in Criterion)
METER_STEPS = 4  # a score is shown as 0 to 4 filled marks: Weak, Fair, Good, Strong
MARKS = {True: '<span class="mark mark-on"></span>', False: '<span class="mark"></span>'}


@dataclass(frozen=True)
class CriterionLevel:
    id: str
    label: str
    score: float | None
    level: str
    filled: int

    @property
    def score_text(self) -> str:
        return out_of_ten(self.score)

    @property
    def marks(self) -> tuple[bool, ...]:
        return (True,) * self.filled + (False,) * (METER_STEPS - self.filled)

    @property
    def meter(self) -> SafeString:
        """The marks as HTML, built here rather than by a loop in the template of every card."""
        return mark_safe("".join(MARKS[on] for on in self.marks))  # noqa: S308 (constants)


@dataclass(frozen=True)
class CardFacts:
    criteria: tuple[CriterionLevel, ...]
    evaluated_on: datetime | None
    users: int
    users_by_kind: tuple[str, ...]


def _filled(score: float | None) -> int:
    if score is None:
        return 0
    return sum(1 for threshold in (0, 4, 6, 8) if score >= threshold)


def attach_card_facts(software_list: Sequence[Software]) -> Sequence[Software]:
    """Give each software a `card` (CardFacts); at most two queries for the whole list (the
    counts of users come from the fragments cache when they are there)."""
    ids = [software.pk for software in software_list]
    if not ids:
        return software_list
    latest: dict[int, Evaluation] = {}
    evaluations = (
        Evaluation.objects.filter(software_id__in=ids)
        .order_by("software_id", "-as_of", "-pk")
        .only("software_id", "as_of", *CRITERIA)
    )
    for candidate in evaluations:
        latest.setdefault(candidate.software_id, candidate)
    summaries = usage_summaries(ids)
    for software in software_list:
        evaluation = latest.get(software.pk)
        criteria: tuple[CriterionLevel, ...] = ()
        if evaluation is not None:
            criteria = tuple(
                CriterionLevel(
                    id=criterion.value,
                    label=str(CRITERION_LABELS[criterion]),
                    score=evaluation.score(criterion),
                    level=level(evaluation.score(criterion)),
                    filled=_filled(evaluation.score(criterion)),
                )
                for criterion in Criterion
            )
        by_kind = summaries[software.pk]["by_kind"]
        software.card = CardFacts(  # type: ignore[attr-defined]
            criteria=criteria,
            evaluated_on=evaluation.as_of if evaluation else None,
            users=sum(by_kind.values()),
            users_by_kind=tuple(
                Organisation.kind_count(kind, n) for kind, n in sorted(by_kind.items())
            ),
        )
    return software_list
