"""Fetching a publiccode.yml that a curator gives by URL: the catalogue's one network call."""

from __future__ import annotations

import urllib.error
import urllib.request

from communs.evaluation.targets import TargetError, parse_url, refuse_private_host
from communs.publiccode.document import MAX_BYTES

TIMEOUT_SECONDS = 10


class FetchError(Exception):
    code = "fetch_failed"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a redirect could lead to an address that was not checked


def fetch_publiccode(url: str) -> bytes:
    """The file at an https:// URL on a public host, at most MAX_BYTES, within 10 s."""
    try:
        parsed = parse_url(url)
        refuse_private_host(parsed.host)
    except TargetError as error:
        raise FetchError(str(error)) from None
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers={"User-Agent": "Communs"})  # noqa: S310
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            content: bytes = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise FetchError(f"the server answered {error.code} {error.reason}.") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise FetchError(f"the file could not be downloaded ({error}).") from None
    if len(content) > MAX_BYTES:
        raise FetchError(f"the file is larger than {MAX_BYTES // 1024} KB.")
    return content
