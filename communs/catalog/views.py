"""Catalogue pages: the list with search and filters, software, category and provider pages."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from communs.catalog.families import families_with_counts
from communs.catalog.filters import SoftwareFilter
from communs.catalog.forms import PubliccodeEditorForm
from communs.catalog.models import Category, Provider, Software
from communs.catalog.publiccode_mapping import dump, missing_for_export, to_publiccode
from communs.catalog.search import MAX_QUERY_LENGTH
from communs.publiccode.validator import validate

logger = logging.getLogger(__name__)


def paginate(
    request: HttpRequest, queryset: QuerySet[Software], notices: list[str]
) -> Page[Software]:
    """The requested page; a page number that makes no sense gives a notice, never an error."""
    paginator = Paginator(queryset, settings.CATALOGUE_PAGE_SIZE)
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
        if number < 1:
            raise PageNotAnInteger
        return paginator.page(number)
    except (ValueError, PageNotAnInteger):
        notices.append(
            _("The page number “%(page)s” is not valid; showing the first page.")
            % {"page": raw[:20]}
        )
        return paginator.page(1)
    except EmptyPage:
        notices.append(_("There is no page %(page)s; showing the last page.") % {"page": raw[:20]})
        return paginator.page(paginator.num_pages)


def software_list(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/software_list.html", software_list_context(request))


def software_list_context(request: HttpRequest) -> dict[str, Any]:
    """The search, its filters and the requested page (the web layer adds to the cards)."""
    filterset = SoftwareFilter(request.GET or None, queryset=Software.objects.published())
    notices: list[str] = []
    for label in filterset.rejected_fields():
        notices.append(
            _("The value given for “%(filter)s” is not known and was ignored.") % {"filter": label}
        )
    if filterset.query_was_truncated:
        notices.append(
            _("Your search was shortened to its first %(max)d characters.")
            % {"max": MAX_QUERY_LENGTH}
        )
    queryset = filterset.qs.prefetch_related("categories")
    page = paginate(request, queryset, notices)
    kept = request.GET.copy()
    kept.pop("page", None)
    return {
        "filterset": filterset,
        "page": page,
        "notices": notices,
        "query_string": kept.urlencode(),
        "active_filters": any(value for key, value in kept.items()),
    }


def category_list(request: HttpRequest) -> HttpResponse:
    families = families_with_counts(Category.objects.with_published_counts())
    return render(request, "catalog/category_list.html", {"families": families})


def provider_list(request: HttpRequest) -> HttpResponse:
    providers = Provider.objects.with_published_software_count()
    return render(request, "catalog/provider_list.html", {"providers": providers})


def provider_detail(request: HttpRequest, slug: str) -> HttpResponse:
    provider = get_object_or_404(Provider, slug=slug)
    software = provider.software.filter(status=Software.Status.PUBLISHED)
    return render(
        request, "catalog/provider_detail.html", {"provider": provider, "software_list": software}
    )


def software_publiccode(request: HttpRequest, slug: str) -> HttpResponse:
    """The entry as a publiccode.yml (current version), checked by Communs' own validator."""
    software = get_object_or_404(
        Software.objects.published().prefetch_related("categories"), slug=slug
    )
    missing = missing_for_export(software)
    text = dump(to_publiccode(software)) if not missing else ""
    if text and not validate(text).valid:
        logger.error("export of %s is not valid: %s", slug, validate(text).errors)
        missing = [_("a correction by the Communs team (the export is not valid yet)")]
    if missing:
        return render(
            request,
            "catalog/publiccode_unavailable.html",
            {"software": software, "missing": missing},
            status=404,
        )
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-publiccode.yml"'
    return response


def publiccode_editor(request: HttpRequest) -> HttpResponse:
    """Build a valid publiccode.yml with a form, check it, and download it."""
    form = PubliccodeEditorForm(request.POST if request.method == "POST" else None)
    text = ""
    if request.method == "POST" and form.is_valid():
        text = form.text
        if request.POST.get("action") == "download":
            response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="publiccode.yml"'
            return response
    return render(request, "catalog/publiccode_editor.html", {"form": form, "text": text})
