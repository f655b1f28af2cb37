"""Fragments of the software page kept in the fragments cache, dropped when they change.

A software's page is read far more often than its declarations and evaluations change: the
counts of its users by kind, and, for visitors who are not signed in (the page is then the
same for all), the rendered "who uses it" and evaluation sections, are kept until a
declaration, an evaluation, a job or a reply about that software is saved or deleted. The
cache is shared by every web process (files in the embedded mode, Redis in the scale mode),
so an invalidation reaches them all; each entry also expires after a day.

The organisation list and the needs list keep their results and filters by generation
(``catalog/listing.py``): the receivers at the end renew a family's generation when a row it
shows changes (an organisation or a former code for the first; a need, an endorsement, a
software, a category or an organisation for the second).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language

from communs.catalog import listing
from communs.catalog.listing import RELEASE
from communs.catalog.models import Category, Software
from communs.evaluations.models import CheckComment, Evaluation, EvaluationJob
from communs.mutualisation.models import Endorsement, Need
from communs.territories.models import InseeAlias, Organisation, organisations_written
from communs.usage.models import UsageDeclaration
from communs.usage.selectors import usage_summary_key

SECTIONS = ("users", "evaluation")
LANGUAGES = ("fr", "en")


def section_key(section: str, software_id: int, language: str) -> str:
    return f"software-{section}:{RELEASE}:{software_id}:{language}"


def cached_section(section: str, software_id: int, build: Callable[[], str]) -> str:
    """The section as anonymous visitors see it, built once until it changes."""
    key = section_key(section, software_id, (get_language() or "fr")[:2])
    return str(caches["fragments"].get_or_set(key, build))


def forget_software(software_id: int) -> None:
    keys = [usage_summary_key(software_id)] + [
        section_key(section, software_id, language)
        for section in SECTIONS
        for language in LANGUAGES
    ]
    caches["fragments"].delete_many(keys)


def _forget_software_ids(ids: list[int]) -> None:
    for software_id in ids:
        forget_software(software_id)


def _forget(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A declaration, evaluation, job or reply changed: its software's fragments go."""
    software_id = instance.software_id
    # Now, and again once committed: a reader between the two may have cached the old rows.
    forget_software(software_id)
    transaction.on_commit(lambda: forget_software(software_id))


def _forget_entry(sender: Any, instance: Software, **kwargs: Any) -> None:
    """The entry itself changed (its address, its name): its fragments go."""
    forget_software(instance.pk)
    transaction.on_commit(lambda: forget_software(instance.pk))


def _forget_organisation(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    """An organisation renamed or moved shows in the fragments of every software it uses."""
    ids = list(instance.usage_declarations.values_list("software_id", flat=True))
    _forget_software_ids(ids)
    transaction.on_commit(lambda: _forget_software_ids(ids))


SIGNALS = (("saved", post_save), ("deleted", post_delete))
for model in (UsageDeclaration, Evaluation, EvaluationJob, CheckComment):
    for name, signal in SIGNALS:
        receiver(signal, sender=model, dispatch_uid=f"fragments-{model.__name__}-{name}")(_forget)
receiver(post_save, sender=Software, dispatch_uid="fragments-software-saved")(_forget_entry)
receiver(post_save, sender=Organisation, dispatch_uid="fragments-organisation-saved")(
    _forget_organisation
)


# List pages' fragments (catalog/listing.py): which writes make each family out of date.
LIST_FAMILIES = {
    "organisations": (Organisation, InseeAlias),
    # A need shows its software, category, raising organisation, endorsements and the
    # population they serve; the filters list software, categories, régions, départements.
    "needs": (Need, Endorsement, Software, Category, Organisation),
}


def _list_receiver(family: str) -> Callable[..., None]:
    def renew(sender: Any, **kwargs: Any) -> None:
        listing.forget(family)

    return renew


for family, shown in LIST_FAMILIES.items():
    for written in shown:
        for name, signal in SIGNALS:
            receiver(
                signal,
                sender=written,
                weak=False,
                dispatch_uid=f"list-{family}-{written.__name__}-{name}",
            )(_list_receiver(family))


@receiver(organisations_written, dispatch_uid="list-organisations-written")
def _organisations_written(sender: Any, **kwargs: Any) -> None:
    for family, shown in LIST_FAMILIES.items():
        if Organisation in shown:
            listing.forget(family)
