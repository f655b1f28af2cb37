from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communs.accounts.throttling import CONTACT_LIMITS, rate_limited, too_many_requests
from communs.catalog.models import Software
from communs.territories.models import Membership, Organisation
from communs.usage import markdown
from communs.usage.forms import (
    ContactForm,
    ExperienceForm,
    OrganisationRequestForm,
    UsageDeclarationForm,
)
from communs.usage.models import UsageDeclaration
from communs.usage.services import (
    ContactLimitReached,
    NotAllowed,
    contact_referent,
    declaration_save,
    experience_create,
    membership_decide,
    membership_request,
    organisation_request,
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
        request.POST if request.method == "POST" else None, instance=existing, user=request.user
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


@login_required
def experience_new(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    software = get_object_or_404(Software.objects.published(), slug=slug)
    if not organisation.is_member(request.user):
        return refused(
            request,
            _("Only members of %(name)s may write in its name.") % {"name": organisation.name},
        )
    form = ExperienceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        experience_create(
            organisation=organisation, software=software, values=form.cleaned_data, by=request.user
        )
        messages.success(request, _("Thank you: your experience is published."))
        return redirect("usage:experiences", slug=software.slug)
    return render(
        request,
        "usage/experience_form.html",
        {"form": form, "organisation": organisation, "software": software},
    )


def experiences(request: HttpRequest, slug: str) -> HttpResponse:
    """A software's success stories and difficulties, searchable by text and version."""
    software = get_object_or_404(Software.objects.published(), slug=slug)
    found = software.experiences.filter(moderation="published").select_related("organisation")
    query = request.GET.get("q", "").strip()[:200]
    version = request.GET.get("version", "").strip()[:50]
    kind = request.GET.get("kind", "")
    if query:
        found = found.filter(
            Q(title__icontains=query) | Q(body__icontains=query) | Q(workaround__icontains=query)
        )
    if version:
        found = found.filter(version__istartswith=version)
    if kind in ("testimonial", "difficulty"):
        found = found.filter(kind=kind)
    items = [(experience, markdown.render(experience.body)) for experience in found[:100]]
    return render(
        request,
        "usage/experiences.html",
        {"software": software, "items": items, "query": query, "version": version, "kind": kind},
    )


@login_required
@rate_limited(group="contact", limits=CONTACT_LIMITS)
def contact(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_object_or_404(
        UsageDeclaration.objects.select_related("organisation", "software", "referent"), pk=pk
    )
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            contact_referent(
                declaration=declaration,
                sender=request.user,
                body=form.cleaned_data["body"],
                reply_to=getattr(request.user, "email", ""),
            )
        except ContactLimitReached as error:
            return too_many_requests(request, retry_after=error.retry_after, reason=str(error))
        except NotAllowed as error:
            return refused(request, str(error))
        messages.success(request, _("Your message is sent."))
        return redirect(declaration.software.get_absolute_url())
    return render(request, "usage/contact.html", {"form": form, "declaration": declaration})


@login_required
def organisation_new(request: HttpRequest) -> HttpResponse:
    form = OrganisationRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        organisation = organisation_request(values=form.cleaned_data, by=request.user)
        messages.success(
            request, _("Thank you: a curator will confirm %(name)s.") % {"name": organisation.name}
        )
        return redirect(organisation.get_absolute_url())
    return render(request, "usage/organisation_form.html", {"form": form})
