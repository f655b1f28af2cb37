from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, Q, QuerySet, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from communs.catalog.search import MAX_QUERY_LENGTH, query_terms, word_start
from communs.territories.models import InseeAlias, Organisation

PAGE_SIZE = 30


def organisations_matching(
    organisations: QuerySet[Organisation], query: str
) -> QuerySet[Organisation]:
    """By identifier, or by name: every query word starts a word of the name, accents folded.

    The exact name comes first, then names that start with the query, then the most populous.
    """
    terms = query_terms(query)
    folded = " ".join(terms)
    by_name = Q(pk__in=[]) if not terms else Q()
    for term in terms:
        by_name &= word_start("search_name", term)
    former = InseeAlias.objects.filter(code=query).values("organisation")
    return (
        organisations.filter(
            by_name
            | Q(insee_code=query)
            | Q(siren=query)
            | Q(postcodes__icontains=f'"{query}"')
            | Q(pk__in=former)
        )
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


def organisation_list(request: HttpRequest) -> HttpResponse:
    """Find an organisation by name, INSEE code, SIREN or postcode (former codes included)."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    organisations = Organisation.objects.select_related("departement")
    if query:
        organisations = organisations_matching(organisations, query)
    else:
        organisations = organisations.exclude(kind="commune").order_by("kind", "search_name")
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "territories/organisation_list.html", {"page": page, "query": query})


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.select_related("epci", "departement", "region"), pk=pk
    )
    members = organisation.member_communes.order_by("name") if organisation.kind == "epci" else []
    return render(
        request,
        "territories/organisation_detail.html",
        {"organisation": organisation, "members": members},
    )
