from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe
from django.views.static import serve

from communs.catalog import views as catalog_views
from communs.catalog.families import families_with_counts, family_counts
from communs.catalog.models import Category, Software
from communs.evaluations import views as evaluation_views
from communs.territories.selectors import first_organisation
from communs.web.cards import attach_card_facts
from communs.web.fragments import cached_content, cached_family_counts
from communs.web.home import recently_evaluated, used_by_organisations_like

HOME_SPLIT = "<!-- the visitor's own part -->"


def _home_catalogue() -> str:
    """What the home page shows of the catalogue, the same for everyone: its size, the
    software evaluated and added last, the families."""
    published = Software.objects.published()
    evaluated = recently_evaluated()
    recent = list(
        published.order_by("-created_at", "search_name").prefetch_related("categories")[:6]
    )
    attach_card_facts([*evaluated, *recent])
    hero = render_to_string("web/_home_hero.html", {"software_count": published.count()})
    lists = render_to_string(
        "web/_home_catalogue.html",
        {
            "families": families_with_counts(
                Category.objects.holding_published(), cached_family_counts(family_counts)
            ),
            "evaluated": evaluated,
            "recent": recent,
        },
    )
    return hero + HOME_SPLIT + lists


def home(request: HttpRequest) -> HttpResponse:
    mine = first_organisation(request.user)
    peers_use = used_by_organisations_like(mine) if mine else []
    attach_card_facts(peers_use)
    parts = cached_content("home", request, _home_catalogue).split(HOME_SPLIT)
    return render(
        request,
        "web/home.html",
        {
            "hero": mark_safe(parts[0]),  # noqa: S308 (rendered HTML)
            "catalogue": mark_safe(parts[-1]),  # noqa: S308
            "my_organisation": mine,
            "peers_use": peers_use,
        },
    )


# The catalogue's list, with cards that also say how each software was
# evaluated and who uses it: composed here, above the apps that hold those facts. Its
# address is matched here first; the catalogue's URL name still reverses to it. What it
# shows is the same for every visitor: kept in the fragments cache until the catalogue changes.
def catalogue(request: HttpRequest) -> HttpResponse:
    def build() -> str:
        context = catalog_views.software_list_context(request)
        context["page"].object_list = attach_card_facts(list(context["page"].object_list))
        return render_to_string("catalog/_software_list_content.html", context)

    return render(
        request,
        "catalog/software_list.html",
        {"content": cached_content("catalogue", request, build)},
    )


# The comparison, the same for every visitor asking for the same software: kept rendered in
# the fragments cache until the catalogue changes. Matched before the evaluations' pattern.
def compare(request: HttpRequest) -> HttpResponse:
    def build() -> str:
        return render_to_string(
            "evaluations/_compare_content.html", evaluation_views.compare_context(request)
        )

    return render(
        request, "evaluations/compare.html", {"content": cached_content("compare", request, build)}
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


def media_file(request: HttpRequest, path: str) -> HttpResponseBase:
    """An uploaded file (a logo, re-encoded when it was uploaded), in the embedded mode."""
    return serve(request, path, document_root=str(settings.MEDIA_ROOT))


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    # PermissionDenied("a sentence") carries the reason; a bare one falls back to the template's.
    reason = str(exception) if isinstance(exception, PermissionDenied) and exception.args else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)


ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /accounts/
Disallow: /i18n/
"""


@require_safe
def bare(request: HttpRequest) -> HttpResponse:
    """What `make bench-web` compares every page with: one query, a trivial template, served
    by the same server and middleware. Routed only when BENCHMARK_VIEW is set."""
    return render(request, "web/bare.html", {"count": Category.objects.count()})


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    return HttpResponse(ROBOTS, content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    return redirect(static("communs/favicon.svg"), permanent=True)
