from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communs.catalog.models import Software
from communs.resources import selectors, uploads
from communs.resources.forms import ResourceForm, SearchForm
from communs.resources.models import Resource
from communs.resources.querysets import ResourceQuerySet
from communs.resources.services import (
    may_share,
    resource_add,
    resource_curate,
    resource_mark_useful,
)
from communs.territories.services import NotAllowed


def refused(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "403.html", {"reason": reason}, status=403)


def visible(request: HttpRequest) -> ResourceQuerySet:
    return selectors.visible_resources(request.user)


def library(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    found = Resource.objects.published().select_related("software", "author_organisation")
    if form.is_valid():
        if form.cleaned_data["q"]:
            found = found.search(form.cleaned_data["q"])
        if form.cleaned_data["kind"]:
            found = found.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["software"]:
            found = found.filter(software=form.cleaned_data["software"])
    return render(
        request,
        "resources/library.html",
        {"form": form, "resources": found.with_useful_count()[:100], "searched": form.is_bound},
    )


def download(request: HttpRequest, pk: int) -> FileResponse:
    resource = get_object_or_404(visible(request), pk=pk)
    if not resource.file:
        raise Http404(_("This resource has no file."))
    return uploads.attachment(
        resource.file.open("rb"),
        filename=resource.original_name or "document",
        content_type=resource.content_type or "application/octet-stream",
    )


@login_required
def new(request: HttpRequest, slug: str) -> HttpResponse:
    software = get_object_or_404(Software.objects.published(), slug=slug)
    if not may_share(request.user):
        return refused(request, _("Only members of an organisation may share documents."))
    form = ResourceForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        software=software,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "upload"}
        upload = form.cleaned_data.get("upload")
        try:
            resource = resource_add(
                software=software,
                values=values,
                upload=upload,
                upload_name=upload.name if upload else "",
                checked=form.checked,
                by=request.user,
            )
        except NotAllowed as error:
            return refused(request, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: the resource is in the library."))
            return redirect(resource.get_absolute_url())
    return render(request, "resources/form.html", {"form": form, "software": software})


@login_required
@require_POST
def useful(request: HttpRequest, pk: int) -> HttpResponse:
    resource = get_object_or_404(Resource.objects.published(), pk=pk)
    try:
        marked = resource_mark_useful(resource=resource, by=request.user)
    except NotAllowed as error:
        return refused(request, str(error))
    messages.success(
        request,
        _("You found this resource useful.") if marked else _("Your mark is taken back."),
    )
    return redirect(resource.get_absolute_url())


@login_required
@require_POST
def curate(request: HttpRequest, pk: int) -> HttpResponse:
    resource = get_object_or_404(Resource, pk=pk)
    try:
        resource_curate(resource=resource, action=request.POST.get("action", ""), by=request.user)
    except NotAllowed as error:
        return refused(request, str(error))
    messages.success(request, _("The resource is updated."))
    return redirect(resource.get_absolute_url())
