from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from communs.accounts.throttling import CONTACT_LIMITS, rate_limited, too_many_requests
from communs.catalog.models import Software
from communs.french import with_prepositions
from communs.territories.models import Membership, Organisation
from communs.territories.selectors import user_memberships
from communs.territories.services import NotAllowed
from communs.usage import markdown, selectors
from communs.usage.forms import (
    AnswerForm,
    ContactForm,
    ExperienceForm,
    UsageDeclarationForm,
)
from communs.usage.models import Answer, Experience, UsageDeclaration
from communs.usage.services import (
    ContactLimitReached,
    answer_create,
    answering_organisations,
    contact_referent,
    declaration_save,
    experience_create,
    experience_update,
    experience_withdraw,
)


def safe_next(request: HttpRequest) -> str:
    """The page to go back to (?next= or a posted next), if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""


def back(request: HttpRequest, slug: str) -> HttpResponse:
    """Back where the person came from (their space, say), else the software's experiences."""
    return redirect(safe_next(request) or reverse("usage:experiences", kwargs={"slug": slug}))


def refused(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "403.html", {"reason": reason}, status=403)


@login_required
def declare(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    software = get_object_or_404(Software.objects.published(), slug=slug)
    if not organisation.is_member(request.user):
        return refused(
            request,
            with_prepositions(
                _("Only members of %(name)s may declare in its name.")
                % {"name": organisation.name},
                organisation,
            ),
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
        status=400 if request.method == "POST" else 200,
    )


def declare_choose(request: HttpRequest, pk: int) -> HttpResponse:
    """The declaration form of the software chosen in the organisation page's list."""
    slug = request.GET.get("software", "")
    if not Software.objects.published().filter(slug=slug).exists():
        messages.error(request, _("Choose a software of the catalogue."))
        return redirect("organisation", pk=pk)
    return redirect("usage:declare", pk=pk, slug=slug)


@login_required
def experience_new(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    software = get_object_or_404(Software.objects.published(), slug=slug)
    if not organisation.is_member(request.user):
        return refused(
            request,
            with_prepositions(
                _("Only members of %(name)s may write in its name.") % {"name": organisation.name},
                organisation,
            ),
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


@login_required
def experience_edit(request: HttpRequest, pk: int) -> HttpResponse:
    experience = get_object_or_404(
        Experience.objects.select_related("organisation", "software"), pk=pk
    )
    if not experience.can_be_edited_by(request.user):
        return refused(request, _("Only the author of this experience may change it."))
    form = ExperienceForm(request.POST if request.method == "POST" else None, instance=experience)
    if request.method == "POST" and form.is_valid():
        experience_update(experience=experience, values=form.cleaned_data, by=request.user)
        messages.success(request, _("Your experience is updated."))
        return back(request, experience.software.slug)
    return render(
        request,
        "usage/experience_form.html",
        {
            "form": form,
            "organisation": experience.organisation,
            "software": experience.software,
            "experience": experience,
            "next": safe_next(request),
        },
    )


@login_required
def experience_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask to confirm, then delete: the author takes the experience back."""
    experience = get_object_or_404(Experience.objects.select_related("software"), pk=pk)
    if not experience.can_be_edited_by(request.user):
        return refused(request, _("Only the author of this experience may withdraw it."))
    if request.method == "POST":
        experience_withdraw(experience=experience, by=request.user)
        messages.success(request, _("“%(title)s” is withdrawn.") % {"title": experience.title})
        return back(request, experience.software.slug)
    return render(
        request,
        "usage/experience_withdraw.html",
        {"experience": experience, "next": safe_next(request)},
    )


def experiences(request: HttpRequest, slug: str) -> HttpResponse:
    """A software's success stories and difficulties, searchable by text and version."""
    software = get_object_or_404(Software.objects.published(), slug=slug)
    found = (
        software.experiences.filter(moderation="published")
        .select_related("organisation")
        .prefetch_related(published_answers())
    )
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


def published_answers() -> Prefetch:  # type: ignore[type-arg]
    return Prefetch(
        "answers",
        queryset=Answer.objects.filter(moderation=Answer.Moderation.PUBLISHED).select_related(
            "organisation"
        ),
        to_attr="published_answers",
    )


def experience_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One experience; under a difficulty, its answers and the form to answer it."""
    experience = get_object_or_404(
        Experience.objects.select_related("organisation", "software").prefetch_related(
            published_answers()
        ),
        pk=pk,
        moderation=Experience.Moderation.PUBLISHED,
        software__status=Software.Status.PUBLISHED,
    )
    is_difficulty = experience.kind == Experience.Kind.DIFFICULTY
    organisations = answering_organisations(request.user) if is_difficulty else []
    form = None
    if organisations:
        form = AnswerForm(
            request.POST if request.method == "POST" else None, organisations=organisations
        )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form is None:
            return refused(
                request,
                _("Only members of an organisation confirmed on Communs may answer a difficulty."),
            )
        if form.is_valid():
            try:
                answer = answer_create(
                    experience=experience,
                    organisation=form.cleaned_data["organisation"],
                    body=form.cleaned_data["body"],
                    by=request.user,
                )
            except NotAllowed as error:
                return refused(request, str(error))
            messages.success(
                request,
                _("Thank you: your answer is published; %(name)s will be told.")
                % {"name": experience.organisation.name},
            )
            return redirect(answer.get_absolute_url())
    answers = [
        (answer, markdown.render(answer.body))
        for answer in experience.published_answers  # type: ignore[attr-defined]
    ]
    return render(
        request,
        "usage/experience.html",
        {
            "experience": experience,
            "html": markdown.render(experience.body),
            "answers": answers,
            "is_difficulty": is_difficulty,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


def software_users(request: HttpRequest, slug: str) -> HttpResponse:
    """Every organisation that uses a software, by name, numbered pages."""
    software = get_object_or_404(Software.objects.published(), slug=slug)
    page = selectors.software_users_page(software, request.GET.get("page"))
    return render(
        request,
        "usage/software_users.html",
        {
            "software": software,
            "page": page,
            "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2),
        },
    )


@login_required
@rate_limited(group="contact", limits=CONTACT_LIMITS)
def contact(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_object_or_404(
        UsageDeclaration.objects.select_related("organisation", "software", "referent"), pk=pk
    )
    if declaration.referent_id == request.user.pk:
        return refused(
            request, _("You are the referent of this declaration: you cannot write to yourself.")
        )
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            contact_referent(
                declaration=declaration,
                sender=request.user,
                body=form.cleaned_data["body"],
                reply_to=getattr(request.user, "email", ""),
                sender_organisations=[
                    m.organisation.name
                    for m in user_memberships(request.user)
                    if m.status == Membership.Status.APPROVED
                ],
                declaration_url=request.build_absolute_uri(declaration.software.get_absolute_url()),
            )
        except ContactLimitReached as error:
            return too_many_requests(request, retry_after=error.retry_after, reason=str(error))
        except NotAllowed as error:
            return refused(request, str(error))
        messages.success(request, _("Your message is sent."))
        return redirect(declaration.software.get_absolute_url())
    return render(request, "usage/contact.html", {"form": form, "declaration": declaration})
