from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communs.catalog.models import Software
from communs.territories.models import Membership, Organisation
from communs.usage.forms import UsageDeclarationForm
from communs.usage.models import UsageDeclaration
from communs.usage.services import (
    NotAllowed,
    declaration_save,
    membership_decide,
    membership_request,
)


def refused(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "403.html", {"reason": reason}, status=403)


@login_required
def declare(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    software = get_object_or_404(Software.objects.published(), slug=slug)
    if not organisation.is_member(request.user):
        return refused(
            request,
            _("Only members of %(name)s may declare in its name.") % {"name": organisation.name},
        )
    existing = UsageDeclaration.objects.filter(organisation=organisation, software=software).first()
    form = UsageDeclarationForm(
        request.POST if request.method == "POST" else None, instance=existing
    )
    if request.method == "POST" and form.is_valid():
        try:
            declaration_save(
                organisation=organisation,
                software=software,
                values=form.cleaned_data,
                by=request.user,
            )
        except NotAllowed as error:
            return refused(request, str(error))
        messages.success(request, _("The declaration is saved."))
        return redirect(organisation.get_absolute_url())
    history = existing.history.select_related("history_user")[:20] if existing else []
    return render(
        request,
        "usage/declare.html",
        {"form": form, "organisation": organisation, "software": software, "history": history},
    )


def declare_choose(request: HttpRequest, pk: int) -> HttpResponse:
    """The declaration form of the software chosen in the organisation page's list."""
    slug = request.GET.get("software", "")
    if not Software.objects.published().filter(slug=slug).exists():
        messages.error(request, _("Choose a software of the catalogue."))
        return redirect("territories:organisation", pk=pk)
    return redirect("usage:declare", pk=pk, slug=slug)


@login_required
@require_POST
def join(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    membership_request(organisation=organisation, user=request.user)
    messages.success(
        request,
        _("Your request is sent to the administrators of %(name)s.") % {"name": organisation.name},
    )
    return redirect(organisation.get_absolute_url())


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("organisation"), pk=pk)
    try:
        membership_decide(
            membership=membership,
            approve=request.POST.get("decision") == "approve",
            by=request.user,
        )
    except NotAllowed as error:
        return refused(request, str(error))
    return redirect(membership.organisation.get_absolute_url())
