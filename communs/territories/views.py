from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from communs.catalog.search import MAX_QUERY_LENGTH
from communs.territories.models import InseeAlias, Organisation

PAGE_SIZE = 30


def organisation_list(request: HttpRequest) -> HttpResponse:
    """Find an organisation by name, INSEE code, SIREN or postcode (former codes included)."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    organisations = Organisation.objects.select_related("departement")
    if query:
        former = InseeAlias.objects.filter(code=query).values("organisation")
        organisations = organisations.filter(
            Q(name__icontains=query)
            | Q(insee_code=query)
            | Q(siren=query)
            | Q(postcodes__icontains=f'"{query}"')
            | Q(pk__in=former)
        ).order_by("-population", "name")
    else:
        organisations = organisations.exclude(kind="commune").order_by("kind", "name")
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
