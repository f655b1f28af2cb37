"""Pages of shared projects (organisations co-developing one codebase) and of public
funding schemes."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communs.mutualisation import selectors, services
from communs.mutualisation.errors import PoolingError
from communs.mutualisation.forms import (
    FundingSchemeForm,
    GovernanceForm,
    ProjectForm,
    ProjectJoinForm,
)
from communs.mutualisation.models import FundingScheme, ProjectMember, SharedProject


def _refused(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "403.html", {"reason": reason}, status=403)


def project_list(request: HttpRequest) -> HttpResponse:
    projects = SharedProject.objects.select_related("software").prefetch_related(
        "members__organisation"
    )
    may_start = request.user.is_authenticated and bool(selectors.member_organisations(request.user))
    return render(
        request,
        "mutualisation/project_list.html",
        {"projects": projects, "may_start": may_start},
    )


@login_required
def project_new(request: HttpRequest) -> HttpResponse:
    organisations = selectors.member_organisations(request.user)
    if not organisations:
        return _refused(request, _("Only members of an organisation start a shared project."))
    form = ProjectForm(
        request.POST if request.method == "POST" else None, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "organisation"}
        try:
            project = services.project_create(
                values=values, organisation=form.cleaned_data["organisation"], by=request.user
            )
        except PoolingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The shared project is created; your organisation leads it.")
            )
            return redirect(project.get_absolute_url())
    return render(
        request,
        "mutualisation/project_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _project_page(
    request: HttpRequest, project: SharedProject, *, status: int = 200, **forms: forms.BaseForm
) -> HttpResponse:
    organisations = selectors.member_organisations(request.user)
    money = selectors.project_money(project)
    leads = project.is_led_by(request.user)
    context = {
        "project": project,
        "members": project.members.select_related("organisation"),
        "roadmap": selectors.project_roadmap(project),
        "contributors": selectors.project_contributors(project),
        "money": money,
        "pooled_total": sum((row.pooled for row in money), start=0),
        "alone_total": sum((row.alone for row in money), start=0),
        "join_form": ProjectJoinForm(organisations=organisations) if organisations else None,
        "governance_form": GovernanceForm(initial={"governance": project.governance})
        if leads
        else None,
    }
    context.update(forms)
    return render(request, "mutualisation/project_detail.html", context, status=status)


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(SharedProject.objects.select_related("software"), pk=pk)
    return _project_page(request, project)


@login_required
@require_POST
def project_join(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(SharedProject, pk=pk)
    form = ProjectJoinForm(request.POST, organisations=selectors.member_organisations(request.user))
    if form.is_valid():
        try:
            member = services.project_join(
                project=project,
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except PoolingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s takes part as: %(role)s.")
                % {"name": member.organisation.name, "role": ProjectMember.Role(member.role).label},
            )
            return redirect(project.get_absolute_url())
    return _project_page(request, project, status=400, join_form=form)


@login_required
@require_POST
def project_governance(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(SharedProject, pk=pk)
    form = GovernanceForm(request.POST)
    if not project.is_led_by(request.user):
        return _refused(request, _("Only members of a leading organisation edit the governance."))
    if not form.is_valid():
        return _project_page(request, project, status=400, governance_form=form)
    services.project_governance_update(
        project=project, governance=form.cleaned_data["governance"], by=request.user
    )
    messages.success(request, _("The governance notes are saved."))
    return redirect(project.get_absolute_url())


def funding_schemes(request: HttpRequest) -> HttpResponse:
    """Public funding schemes, for everyone; curators record new ones on the same page."""
    form = None
    if request.user.is_staff:
        form = FundingSchemeForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            services.funding_scheme_record(values=dict(form.cleaned_data), by=request.user)
            messages.success(request, _("The funding scheme is recorded."))
            return redirect("mutualisation:funding_schemes")
    elif request.method == "POST":
        return _refused(request, _("Only curators record funding schemes."))
    schemes = FundingScheme.objects.prefetch_related("territories")
    return render(
        request,
        "mutualisation/funding_schemes.html",
        {"schemes": schemes, "form": form},
        status=400 if form is not None and form.errors else 200,
    )
