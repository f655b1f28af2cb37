from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.static import serve

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


def media_file(request: HttpRequest, path: str) -> HttpResponseBase:
    """An uploaded file (a logo, re-encoded when it was uploaded), in the embedded mode."""
    return serve(request, path, document_root=str(settings.MEDIA_ROOT))
