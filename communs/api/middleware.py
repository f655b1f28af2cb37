"""What every answer under /api/ gets, and only those: a rate limit per address (and per
token for writes), CORS for reads, ETags with conditional requests, and JSON errors even
where Django answers alone (an unknown address, a method the API does not serve)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from communs.api.errors import error_response
from communs.api.models import token_digest

API_PREFIX = "/api/"
READ_METHODS = ("GET", "HEAD")


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            return self.with_cors(HttpResponse(status=204), preflight=True)
        refusal = self.rate_limited(request)
        response = refusal or self.get_response(request)
        response = self.as_json_error(response)
        if request.method in READ_METHODS and response.status_code == 200:
            response = self.conditional(request, response)
        return self.with_cors(response)

    def rate_limited(self, request: HttpRequest) -> HttpResponse | None:
        usage = get_usage(
            request, group="api", key="ip", rate=settings.API_RATE_LIMIT, increment=True
        )
        if usage and usage["should_limit"]:
            return self.too_many(
                usage, _("Too many requests from your address; wait and try again.")
            )
        bearer = request.META.get("HTTP_AUTHORIZATION", "")
        if bearer.lower().startswith("bearer "):
            # Counted by the token's digest: the cache never holds a usable token.
            digest = token_digest(bearer[7:].strip())
            usage = get_usage(
                request,
                group="api-token",
                key=lambda group, request: digest,
                rate=settings.API_TOKEN_RATE_LIMIT,
                increment=True,
            )
            if usage and usage["should_limit"]:
                return self.too_many(
                    usage, _("Too many requests with this token; wait and try again.")
                )
        return None

    def too_many(self, usage: dict[str, Any], message: str) -> HttpResponse:
        response = error_response(429, "rate_limited", message)
        response["Retry-After"] = str(max(1, int(usage["time_left"])))
        return response

    def as_json_error(self, response: HttpResponseBase) -> HttpResponseBase:
        if response.status_code not in (404, 405) or "json" in response.get("Content-Type", ""):
            return response
        if response.status_code == 404:
            json_response = error_response(
                404, "not_found", _("Nothing is published at this address.")
            )
        else:
            json_response = error_response(
                405, "method_not_allowed", _("This address does not take this method: see Allow.")
            )
            json_response["Allow"] = response.get("Allow", "GET, HEAD, OPTIONS")
        return json_response

    def conditional(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not isinstance(response, HttpResponse) or response.streaming:
            return response
        set_response_etag(response)
        patch_vary_headers(response, ["Accept-Language"])
        return (
            get_conditional_response(request, etag=response["ETag"], response=response) or response
        )

    def with_cors(self, response: HttpResponseBase, *, preflight: bool = False) -> HttpResponseBase:
        # Public data, no credentials: any site may read it from a browser.
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
        if preflight:
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, Accept, Accept-Language"
            response["Access-Control-Max-Age"] = "86400"
        return response
