from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from communs.catalog.models import Category, Software


def home(request: HttpRequest) -> HttpResponse:
    published = Software.objects.published()
    return render(
        request,
        "web/home.html",
        {
            "software_count": published.count(),
            "categories": sorted(Category.objects.with_published_counts(), key=str),
            "recent": published.order_by("-created_at", "name")[:6],
        },
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


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
def robots_txt(request: HttpRequest) -> HttpResponse:
    return HttpResponse(ROBOTS, content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    return redirect(static("communs/favicon.svg"), permanent=True)
