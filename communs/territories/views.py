from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, F, IntegerField, Q, QuerySet, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communs.catalog import listing
from communs.catalog.fulltext import matching
from communs.catalog.search import MAX_QUERY_LENGTH, query_terms, word_start
from communs.french import with_prepositions
from communs.territories.forms import OrganisationFilterForm, OrganisationRequestForm
from communs.territories.models import (
    ORGANISATION_INDEX,
    InseeAlias,
    Membership,
    Organisation,
)
from communs.territories.services import (
    NotAllowed,
    membership_decide,
    membership_request,
    organisation_request,
)

PAGE_SIZE = 30


def organisations_matching(
    organisations: QuerySet[Organisation], query: str
) -> QuerySet[Organisation]:
    """By identifier, or by name: every query word starts a word of the name, accents folded.

    The exact name comes first, then names that start with the query, then the most populous.
    """
    terms = query_terms(query)
    folded = " ".join(terms)
    code = query.strip()
    table = Organisation._meta.db_table
    found = matching(
        ORGANISATION_INDEX,
        terms,
        code,
        equal=[
            (table, "id", "insee_code"),
            (table, "id", "siren"),
            (InseeAlias._meta.db_table, "organisation_id", "code"),
        ],
        using=organisations.db,
    )
    if found is None:  # a database without a full-text index
        by_name = Q(pk__in=[]) if not terms else Q()
        for term in terms:
            by_name &= word_start("search_name", term)
        found = by_name | Q(insee_code=code) | Q(siren=code)
        found |= Q(postcodes__icontains=f'"{code}"')
        found |= Q(pk__in=InseeAlias.objects.filter(code=code).values("organisation"))
    return (
        organisations.filter(found)
        .annotate(
            relevance=Case(
                When(search_name=folded, then=0),
                When(search_name__startswith=folded, then=1),
                default=2,
                output_field=IntegerField(),
            )
        )
        .order_by("relevance", F("population").desc(nulls_last=True), "search_name")
    )


# Filters' parameters: what changes the list (the cached fragment's key).
LIST_PARAMETERS = ("q", "kind", "region", "departement", "page")
# A search that finds more is refined: the count stops there, and so do the pages.
SEARCH_CAP = 1000


def organisation_list(request: HttpRequest) -> HttpResponse:
    """Find an organisation by name, INSEE code, SIREN or postcode (former codes included),
    narrowed by kind, région and département; numbered pages.

    The search, filters and results are the same for everyone: they are kept in the
    fragments cache until an organisation changes (catalog/listing.py, web/fragments.py).
    """
    results = listing.cached_fragment(
        "organisations",
        listing.parameters(request.GET, LIST_PARAMETERS),
        lambda: _organisation_results(request),
    )
    return render(
        request,
        "territories/organisation_list.html",
        {"results": mark_safe(results)},  # noqa: S308 (rendered by our template)
    )


def _organisation_results(request: HttpRequest) -> str:
    form = OrganisationFilterForm(request.GET)
    form.is_valid()  # a value that makes no sense is dropped with a notice, never an error
    notices = [
        _("The value given for “%(filter)s” is not known and was ignored.") % {"filter": label}
        for label in form.rejected()
    ]
    query = (form.value("q") or "").strip()[:MAX_QUERY_LENGTH]
    kind, region, departement = form.value("kind"), form.value("region"), form.value("departement")
    organisations = Organisation.objects.select_related("departement")
    if kind:
        organisations = organisations.filter(kind=kind)
    if region:
        organisations = organisations.filter(Q(region=region) | Q(pk=region.pk))
    if departement:
        organisations = organisations.filter(Q(departement=departement) | Q(pk=departement.pk))
    if query:
        organisations = organisations_matching(organisations, query)
    else:
        if not (kind or departement):  # 35,000 communes are found by search or département
            organisations = organisations.exclude(kind="commune")
        organisations = organisations.order_by("kind", "search_name")
    page = listing.BoundedPaginator(organisations, PAGE_SIZE, SEARCH_CAP).get_page(
        request.GET.get("page")
    )
    kept = request.GET.copy()
    kept.pop("page", None)
    territories = form.territory_choices()
    kinds: Any = form.fields["kind"]
    context = {
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2),
        "query": query,
        "form": form,
        "kind_options": listing.options(kinds.choices, form.value("kind")),
        "region_options": listing.options(territories["region"], getattr(region, "insee_code", "")),
        "departement_options": listing.options(
            territories["departement"], getattr(departement, "insee_code", "")
        ),
        "notices": notices,
        "query_string": listing.parameters(kept, LIST_PARAMETERS),
        "filtered": bool(query or kind or region or departement),
    }
    return render_to_string("territories/_organisation_results.html", context, request=request)


@login_required
@require_POST
def join(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    page_url = request.build_absolute_uri(organisation.get_absolute_url())
    outcome = membership_request(organisation=organisation, user=request.user, page_url=page_url)
    name = {"name": organisation.name}
    if outcome.code == "already-member":
        messages.info(
            request,
            with_prepositions(_("You are already a member of %(name)s.") % name, organisation),
        )
    elif outcome.code == "already-requested":
        messages.info(
            request, _("Your request to join %(name)s is already waiting for a decision.") % name
        )
    elif outcome.code == "requested-curators":
        messages.success(
            request,
            _(
                "%(name)s has no administrator on Communs yet: your request is sent to the "
                "curators, who will decide."
            )
            % name,
        )
    elif outcome.code == "requested-nobody":
        messages.warning(
            request,
            _(
                "Your request to join %(name)s is recorded, but nobody can decide on it yet: "
                "the organisation has no administrator on Communs and this site has no "
                "curator. It waits until the people who run the site name a curator."
            )
            % name,
        )
    else:
        messages.success(
            request,
            with_prepositions(
                _("Your request is sent to the administrators of %(name)s.") % name, organisation
            ),
        )
    return redirect(organisation.get_absolute_url())


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("organisation", "user"), pk=pk)
    organisation = membership.organisation
    decision = request.POST.get("decision")
    if decision not in ("approve", "refuse"):
        messages.error(request, _("Choose to approve or to refuse the request."))
        return redirect(organisation.get_absolute_url())
    try:
        membership_decide(
            membership=membership,
            approve=decision == "approve",
            by=request.user,
            page_url=request.build_absolute_uri(organisation.get_absolute_url()),
        )
    except NotAllowed as error:
        return render(request, "403.html", {"reason": str(error)}, status=403)
    person = {"person": membership.user.get_full_name() or membership.user.username}
    if decision == "approve":
        messages.success(
            request,
            with_prepositions(
                _("%(person)s is now a member of %(organisation)s.")
                % {**person, "organisation": organisation.name},
                organisation,
            ),
        )
    else:
        messages.success(
            request,
            with_prepositions(
                _("The request of %(person)s is refused.") % person, person["person"]
            ),
        )
    return redirect(_safe_next(request) or organisation.get_absolute_url())


def _safe_next(request: HttpRequest) -> str:
    """The posted page to go back to, if it is on this site."""
    target = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""


@login_required
def organisation_new(request: HttpRequest) -> HttpResponse:
    form = OrganisationRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        organisation = organisation_request(
            values=form.cleaned_data, by=request.user, absolute=request.build_absolute_uri
        )
        messages.success(
            request, _("Thank you: a curator will confirm %(name)s.") % {"name": organisation.name}
        )
        return redirect(organisation.get_absolute_url())
    return render(request, "territories/organisation_form.html", {"form": form})
