"""Rate limits on what can be abused: sign-in, sign-up, password reset and contact.

Sign-in failures are counted by django-axes (in the database, for every login form, the
admin's included); the other forms by django-ratelimit (in the cache, see ``CACHE_URL``).
Every refusal is the same page: status 429, a plain message and a ``Retry-After`` header.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

View = Callable[..., HttpResponseBase]


def client_address(request: HttpRequest) -> str:
    """The visitor's address: the connection's, or the one the trusted proxies recorded.

    Each proxy appends the address it received the request from to X-Forwarded-For, so with
    N trusted proxies the visitor's address is the N-th from the end; anything before it may
    have been written by the visitor and is ignored.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies > 0 and len(forwarded) >= proxies:
        return str(forwarded[-proxies])
    # An empty address (a Unix socket) counts as one unknown address, never as no limit.
    return str(request.META.get("REMOTE_ADDR") or "0.0.0.0")  # noqa: S104 (not a binding)


def signin_account(request: HttpRequest | None, credentials: Any = None) -> str:
    """The identifier django-axes counts sign-in failures under (``AXES_USERNAME_CALLABLE``):
    the account's username whichever of its username or email address was typed, on every
    sign-in form (the admin's too), so that alternating them gives no more attempts."""
    from communs.accounts.signin import account_typed  # signin's form imports Django's auth

    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = getattr(request, "POST", {}).get("username")
    return account_typed(str(typed or ""))


def posted_email(_group: str, request: HttpRequest) -> str:
    """The account a sign-up or reset form is about, whatever its case."""
    return request.POST.get("email", "").strip().lower()


def signed_in_account(_group: str, request: HttpRequest) -> str:
    return str(getattr(request.user, "pk", "") or "")


@dataclass(frozen=True)
class Limit:
    """At most ``rate`` (django-ratelimit's "5/h") POSTs for each value of ``key``."""

    key: str | Callable[[str, HttpRequest], str]
    rate: str


# Per address (a town hall's agents share one) and per account (an address or a person).
SIGNUP_LIMITS = (Limit("ip", "20/h"), Limit(posted_email, "3/h"))
PASSWORD_RESET_LIMITS = (Limit("ip", "20/h"), Limit(posted_email, "3/h"))
CONTACT_LIMITS = (Limit("ip", "20/h"), Limit(signed_in_account, "10/h"))


def rate_limited(*, group: str, limits: tuple[Limit, ...]) -> Callable[[View], View]:
    """Refuse a view's POSTs past any of its limits; every POST counts, refused ones too."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method == "POST":
                waits = [
                    usage["time_left"]
                    for limit in limits
                    if (
                        usage := get_usage(
                            request, group=group, key=limit.key, rate=limit.rate, increment=True
                        )
                    )
                    and usage["should_limit"]
                ]
                if waits:
                    return too_many_requests(request, retry_after=max(waits))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def too_many_requests(
    request: HttpRequest, *, retry_after: float, reason: str | None = None
) -> HttpResponse:
    """The one answer to abuse: 429, what happened, and when to try again."""
    seconds = max(1, math.ceil(retry_after))
    minutes = math.ceil(seconds / 60)
    wait = ngettext(
        "Try again in %(count)d minute.", "Try again in %(count)d minutes.", minutes
    ) % {"count": minutes}
    if minutes > 90:
        hours = math.ceil(seconds / 3600)
        wait = ngettext("Try again in %(count)d hour.", "Try again in %(count)d hours.", hours) % {
            "count": hours
        }
    response = render(
        request,
        "accounts/too_many_requests.html",
        {"reason": reason or _("Too many attempts in a short time."), "wait": wait},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


def signin_locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """django-axes' lockout answer (``AXES_LOCKOUT_CALLABLE``)."""
    return too_many_requests(
        request,
        retry_after=settings.AXES_COOLOFF_TIME.total_seconds(),
        reason=_(
            "Too many failed sign-in attempts for this account or from your address. "
            "If you forgot your password, you can reset it."
        ),
    )
