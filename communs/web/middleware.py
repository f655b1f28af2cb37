"""French first: the site speaks French unless the visitor chose English with the switch."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation


class LanguageMiddleware:
    """Like Django's LocaleMiddleware, without guessing from the browser's Accept-Language.

    A government agent's browser is often set to English by its vendor; the choice made with
    the language switch (a cookie) is the only thing that moves the site away from French.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


# Refusals that views answer with a bare body (HttpResponseForbidden("..."), the empty 405
# of require_POST, a plain 400) are given the site's layout, keeping their status and text.
REFUSALS = {400: "400.html", 403: "403.html", 405: "405.html"}


class RefusalPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        template = REFUSALS.get(response.status_code)
        if template is None or response.streaming:
            return response
        content_type = response.headers.get("Content-Type", "")
        if not content_type.startswith(("text/html", "text/plain")) or b"<body" in response.content:
            return response
        reason = response.content.decode(response.charset or "utf-8", errors="replace").strip()
        page = render(request, template, {"reason": reason[:500]}, status=response.status_code)
        for header in ("Allow", "Retry-After"):
            if header in response.headers:
                page.headers[header] = response.headers[header]
        return page
