from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communs.catalog.search import MAX_QUERY_LENGTH
from communs.territories.forms import OrganisationRequestForm
from communs.territories.models import InseeAlias, Membership, Organisation
from communs.territories.services import (
    NotAllowed,
    membership_decide,
    membership_request,
    organisation_request,
)

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


@login_required
@require_POST
def join(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    page_url = request.build_absolute_uri(organisation.get_absolute_url())
    outcome = membership_request(organisation=organisation, user=request.user, page_url=page_url)
    name = {"name": organisation.name}
    if outcome.code == "already-member":
        messages.info(request, _("You are already a member of %(name)s.") % name)
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
    else:
        messages.success(
            request, _("Your request is sent to the administrators of %(name)s.") % name
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
        messages.success(request, _("%(person)s is now a member.") % person)
    else:
        messages.success(request, _("The request of %(person)s is refused.") % person)
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
