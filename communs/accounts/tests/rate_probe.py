"""One POST through a rate-limited view, in a process of its own (run by test_shared_cache).

Prints the status code. Processes share counters only when CACHE_URL names a shared cache.
"""

from __future__ import annotations

import sys

import django

django.setup()

from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from communs.accounts.throttling import Limit, rate_limited  # noqa: E402


def accepted(request: HttpRequest) -> HttpResponse:
    return HttpResponse("accepted")


if __name__ == "__main__":
    group = sys.argv[1]
    view = rate_limited(group=group, limits=(Limit("ip", "3/h"),))(accepted)
    request = RequestFactory().post("/probe/", REMOTE_ADDR="192.0.2.44")
    print(view(request).status_code)
