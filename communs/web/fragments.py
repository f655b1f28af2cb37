"""Rendered pages and sections kept in the fragments cache, out of date when what they show
changes.

Pages are read far more often than what they show changes. Every kept fragment follows a
generation (``catalog/listing.py``, one mechanism for all): a token in the same cache that a
write replaces, at once and again when the transaction commits, so that a fragment of an
older generation is never read again (and expires within a day). The receivers below know
which writes change which family: the catalogue's pages (home, catalogue and its searches,
comparison), the organisation list, the needs list, each organisation's page and each
software's page (for visitors who are not signed in the whole page; its outcomes section
for everyone), and the counts of a software's users by kind. The cache is shared by every
web process (files in the embedded mode, Redis in the scale mode), so a renewal reaches them
all.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from communs.catalog import listing
from communs.catalog.listing import RELEASE
from communs.catalog.models import Category, Provider, Software
from communs.evaluations.models import (
    CheckComment,
    Evaluation,
    EvaluationJob,
    evaluations_written,
)
from communs.mutualisation.models import Endorsement, Need
from communs.outcomes.models import Measurement
from communs.resources.models import Resource, Usefulness
from communs.territories.models import InseeAlias, Organisation, organisations_written
from communs.usage.models import UsageDeclaration
from communs.usage.selectors import usage_summary_key

# A software's page as visitors who are not signed in see it (web/pages.py), and its outcomes
# section (the same for everyone): kept under the family of every software's page, which a
# write of a software, a category or a provider renews (a page shows its categories and
# providers, and a renamed address must stop answering), and under the software's own
# generation, which what the page shows renews: declarations, evaluations, jobs, replies,
# outcome figures, resources and their marks, organisations that use it.
SOFTWARE_PAGES = "software-pages"


def software_family(slug: str) -> str:
    return f"software-{slug}"


def _software_variant(slug: str) -> str:
    return f"{slug}:{listing.generation(software_family(slug))}"


def cached_software_page(slug: str, build: Callable[[], str]) -> str:
    """The page (title and body) as visitors who are not signed in see it, read without a
    query until it changes."""
    return listing.cached_fragment(
        "software-page", _software_variant(slug), build, kept_by=SOFTWARE_PAGES
    )


def cached_section(section: str, slug: str, build: Callable[[], str]) -> str:
    """A section of the page that is the same for every person, built once until it changes."""
    return listing.cached_fragment(
        f"software-{section}", _software_variant(slug), build, kept_by=SOFTWARE_PAGES
    )


def forget_software(software_id: int) -> None:
    _forget_software_ids([software_id])


def _forget_software_ids(ids: list[int]) -> None:
    """The kept pages and counts of these software are out of date."""
    caches["fragments"].delete_many([usage_summary_key(software_id) for software_id in ids])
    _renew_pages(ids)


def _forget_now_and_on_commit(ids: list[int]) -> None:
    # Now, and again once committed: a reader between the two may have kept the old rows.
    _forget_software_ids(ids)
    transaction.on_commit(lambda: _forget_software_ids(ids))


def _renew_pages(ids: list[int]) -> None:
    """The kept pages of these software are out of date (their counts are not)."""
    for slug in Software.objects.filter(pk__in=ids).values_list("slug", flat=True):
        listing.renew(software_family(slug))


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
    """A job, a reply or a resource changed: its software's fragments go."""
    _forget_now_and_on_commit([instance.software_id])


def _forget_shown(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A declaration or an evaluation changed: its software's fragments go, and the catalogue's
    pages, whose cards count users and show the latest evaluation."""
    _forget_all_now_and_on_commit([instance.software_id])


def _forget_ranked(sender: Any, instance: Evaluation, **kwargs: Any) -> None:
    """An evaluation changed: the page of every evaluated software of its categories ranks
    itself among them (``evaluations.presentation.ranks``)."""
    peers = Evaluation.objects.filter(
        software__categories__in=Category.objects.filter(software=instance.software_id)
    ).exclude(software=instance.software_id)
    ids = list(peers.values_list("software_id", flat=True).distinct())
    _renew_pages(ids)
    transaction.on_commit(lambda: _renew_pages(ids))


def _forget_entry(sender: Any, instance: Software, **kwargs: Any) -> None:
    """The entry itself changed (its address, its name, its categories): every software's
    kept page goes (a renamed address must stop answering), and the catalogue's pages."""
    _forget_all_now_and_on_commit([instance.pk], entries=True)
    listing.forget(SOFTWARE_PAGES)


def _forget_listed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A category or a provider changed (its name, its software), or a software's categories:
    the catalogue's pages go, the families' counts, and the software pages that show them."""
    _forget_entries()
    transaction.on_commit(_forget_entries)
    listing.forget(SOFTWARE_PAGES)


def _forget_organisation(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    """An organisation renamed or moved shows in the pages of every software it uses or
    shared a resource about, and its kind in the counts of the catalogue's cards."""
    used = instance.usage_declarations.values_list("software_id", flat=True)
    shared = Resource.objects.filter(author_organisation=instance).values_list(
        "software_id", flat=True
    )
    ids = sorted(set(used).union(shared))
    if ids:
        _forget_all_now_and_on_commit(ids)


def _forget_organisation_deleted(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    """An organisation about to be deleted: its declarations go with it (their receivers
    renew their software's pages), but its resources stay, unsigned, by an UPDATE that sends
    no signal: the pages of the software it shared a resource about are renewed here."""
    ids = list(
        Resource.objects.filter(author_organisation=instance).values_list("software_id", flat=True)
    )
    if ids:
        _forget_all_now_and_on_commit(ids)


@receiver(evaluations_written, dispatch_uid="fragments-evaluations-written")
def _evaluations_written(sender: Any, software_ids: list[int], **kwargs: Any) -> None:
    """Jobs or replies changed by an UPDATE (a job's status, replies hidden in bulk)."""
    _forget_now_and_on_commit(software_ids)


def _forget_marked(sender: Any, instance: Usefulness, **kwargs: Any) -> None:
    """A resource's useful marks are counted on its software's page."""
    found = Resource.objects.filter(pk=instance.resource_id)
    _forget_now_and_on_commit(list(found.values_list("software_id", flat=True)))


def _forget_measured(sender: Any, instance: Measurement, **kwargs: Any) -> None:
    """An outcome figure changed: the outcomes section of its software's page goes."""
    found = UsageDeclaration.objects.filter(pk=instance.declaration_id)
    _forget_now_and_on_commit(list(found.values_list("software_id", flat=True)))


SIGNALS = (("saved", post_save), ("deleted", post_delete))
RECEIVERS: tuple[tuple[tuple[type[Any], ...], Callable[..., None]], ...] = (
    ((EvaluationJob, CheckComment, Resource), _forget),
    ((UsageDeclaration, Evaluation), _forget_shown),
    ((Software,), _forget_entry),
    ((Category, Provider), _forget_listed),
    ((Measurement,), _forget_measured),
    ((Usefulness,), _forget_marked),
    ((Evaluation,), _forget_ranked),
)
for models, forget in RECEIVERS:
    for model in models:
        for name, signal in SIGNALS:
            uid = f"fragments-{model.__name__}-{forget.__name__}-{name}"
            receiver(signal, sender=model, dispatch_uid=uid)(forget)
for through in (Software.categories.through, Provider.software.through):
    receiver(m2m_changed, sender=through, dispatch_uid=f"fragments-{through.__name__}")(
        _forget_listed
    )

receiver(post_save, sender=Organisation, dispatch_uid="fragments-organisation-saved")(
    _forget_organisation
)
receiver(pre_delete, sender=Organisation, dispatch_uid="fragments-organisation-deleted")(
    _forget_organisation_deleted
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
    listing.forget(SOFTWARE_PAGES)  # their users' names, places and kinds
    for family, shown in LIST_FAMILIES.items():
        if Organisation in shown:
            listing.forget(family)
