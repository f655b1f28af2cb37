"""Fragments of the software page kept in the fragments cache, dropped when they change.

A software's page is read far more often than its declarations and evaluations change: the
counts of its users by kind, and, for visitors who are not signed in (the page is then the
same for all), the rendered "who uses it" and evaluation sections, are kept until a
declaration, an evaluation, a job or a reply about that software is saved or deleted. The
cache is shared by every web process (files in the embedded mode, Redis in the scale mode),
so an invalidation reaches them all; each entry also expires after a day.

The catalogue's pages (home, catalogue and its searches, comparison), the organisation list
and the needs list keep their content by generation (``catalog/listing.py``, one mechanism
for all): the receivers below renew a family's generation when a row it shows changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from communs.catalog import listing
from communs.catalog.listing import RELEASE
from communs.catalog.models import Category, Provider, Software
from communs.evaluations.models import CheckComment, Evaluation, EvaluationJob
from communs.mutualisation.models import Endorsement, Need
from communs.outcomes.models import Measurement
from communs.territories.models import InseeAlias, Organisation, organisations_written
from communs.usage.models import UsageDeclaration
from communs.usage.selectors import usage_summary_key

SECTIONS = ("users", "evaluation", "outcomes")
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


# The catalogue's pages (home, catalogue and its searches, comparison) show many software at
# once: their content is kept under the "catalogue" family's generation (catalog/listing.py),
# which any change of what they show replaces, making every kept page unreachable at once
# (the files expire with their day).
CATALOGUE = "catalogue"


def forget_catalogue() -> None:
    listing.renew(CATALOGUE)


# How many software each family holds: an aggregate over every software's categories, which
# declarations and evaluations do not change; kept until a software or a category changes.
FAMILY_COUNTS_KEY = f"family-counts:{RELEASE}"


def cached_family_counts(count: Callable[[], dict[str, int]]) -> dict[str, int]:
    counts = caches["fragments"].get_or_set(FAMILY_COUNTS_KEY, count)
    return dict(counts) if counts is not None else count()


def _forget_entries() -> None:
    caches["fragments"].delete(FAMILY_COUNTS_KEY)
    forget_catalogue()


def cached_content(page: str, request: HttpRequest, build: Callable[[], str]) -> SafeString:
    """A page's content (rendered HTML) as it is for every visitor asking for the same
    address in the same language, built once until the catalogue changes. Keyed by the
    release, the catalogue's generation, the language and every parameter of the query."""
    asked = sorted((name, value) for name, values in request.GET.lists() for value in values)
    html = listing.cached_fragment(f"page-{page}", json.dumps(asked), build, kept_by=CATALOGUE)
    return mark_safe(html)  # noqa: S308 (rendered HTML)


def _forget_all_now_and_on_commit(software_ids: list[int], entries: bool = False) -> None:
    # Now, and again once committed: a reader between the two may have cached the old rows.
    def forget() -> None:
        _forget_software_ids(software_ids)
        (_forget_entries if entries else forget_catalogue)()

    forget()
    transaction.on_commit(forget)


def _forget(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A job or a reply changed: its software's fragments go."""
    software_id = instance.software_id
    forget_software(software_id)
    transaction.on_commit(lambda: forget_software(software_id))


def _forget_shown(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A declaration or an evaluation changed: its software's fragments go, and the catalogue's
    pages, whose cards count users and show the latest evaluation."""
    _forget_all_now_and_on_commit([instance.software_id])


def _forget_entry(sender: Any, instance: Software, **kwargs: Any) -> None:
    """The entry itself changed (its address, its name, its categories): its fragments go,
    and the catalogue's pages."""
    _forget_all_now_and_on_commit([instance.pk], entries=True)


def _forget_listed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A category or a provider changed (its name, its software), or a software's categories:
    the catalogue's pages go, and the families' counts."""
    _forget_entries()
    transaction.on_commit(_forget_entries)


def _forget_organisation(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    """An organisation renamed or moved shows in the fragments of every software it uses,
    and its kind in the counts of the catalogue's cards."""
    ids = list(instance.usage_declarations.values_list("software_id", flat=True))
    if ids:
        _forget_all_now_and_on_commit(ids)


def _forget_measured(sender: Any, instance: Measurement, **kwargs: Any) -> None:
    """An outcome figure changed: the outcomes section of its software's page goes."""
    found = UsageDeclaration.objects.filter(pk=instance.declaration_id)
    _forget_software_ids(list(found.values_list("software_id", flat=True)))
    transaction.on_commit(
        lambda: _forget_software_ids(list(found.values_list("software_id", flat=True)))
    )


SIGNALS = (("saved", post_save), ("deleted", post_delete))
RECEIVERS: tuple[tuple[tuple[type[Any], ...], Callable[..., None]], ...] = (
    ((EvaluationJob, CheckComment), _forget),
    ((UsageDeclaration, Evaluation), _forget_shown),
    ((Software,), _forget_entry),
    ((Category, Provider), _forget_listed),
    ((Measurement,), _forget_measured),
)
for models, forget in RECEIVERS:
    for model in models:
        for name, signal in SIGNALS:
            uid = f"fragments-{model.__name__}-{name}"
            receiver(signal, sender=model, dispatch_uid=uid)(forget)
for through in (Software.categories.through, Provider.software.through):
    receiver(m2m_changed, sender=through, dispatch_uid=f"fragments-{through.__name__}")(
        _forget_listed
    )
receiver(post_save, sender=Organisation, dispatch_uid="fragments-organisation-saved")(
    _forget_organisation
)


# An organisation's page as visitors who are not signed in see it (web/pages.py): kept under
# the family of every organisation's page, which a write of an organisation (its name, its
# parents', its member communes'), of a software (its name and address in a stack) or of a
# provider (a declaration's contractor) renews, and under the organisation's own generation,
# which its declarations renew.
ORGANISATION_PAGES = "organisation-pages"


def organisation_family(organisation_id: int) -> str:
    return f"organisation-{organisation_id}"


def cached_organisation_page(organisation_id: int, build: Callable[[], str]) -> str:
    variant = f"{organisation_id}:{listing.generation(organisation_family(organisation_id))}"
    return listing.cached_fragment("organisation-page", variant, build, kept_by=ORGANISATION_PAGES)


def _forget_stack(sender: Any, instance: UsageDeclaration, **kwargs: Any) -> None:
    """A declaration changed: its organisation's page shows it."""
    listing.forget(organisation_family(instance.organisation_id))


for name, signal in SIGNALS:
    receiver(signal, sender=UsageDeclaration, dispatch_uid=f"organisation-page-{name}")(
        _forget_stack
    )


# List pages' fragments (catalog/listing.py): which writes make each family out of date.
LIST_FAMILIES = {
    "organisations": (Organisation, InseeAlias),
    # A need shows its software, category, raising organisation, endorsements and the
    # population they serve; the filters list software, categories, régions, départements.
    "needs": (Need, Endorsement, Software, Category, Organisation),
    ORGANISATION_PAGES: (Organisation, Software, Provider),
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
    forget_catalogue()  # the catalogue's cards count users by kind of organisation
    for family, shown in LIST_FAMILIES.items():
        if Organisation in shown:
            listing.forget(family)
