"""Fetching a publiccode.yml that a curator gives by URL: the catalogue's one network call."""

from __future__ import annotations

import http.client
import socket
import ssl

from communs.evaluation.targets import TargetError, parse_url, resolve_public
from communs.publiccode.document import MAX_BYTES

TIMEOUT_SECONDS = 10


class FetchError(Exception):
    code = "fetch_failed"


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a host name at an address already checked: TLS verifies the name (SNI and
    certificate) while the socket goes to the address, so a second DNS answer is never used.
    """

    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def fetch_publiccode(url: str) -> bytes:
    """The file at an https:// URL on a public host, at most MAX_BYTES, within 10 s.

    No redirects are followed: a redirect could lead to an address that was not checked.
    """
    try:
        parsed = parse_url(url)
        address = resolve_public(parsed.host, parsed.port)
    except TargetError as error:
        raise FetchError(str(error)) from None
    connection = PinnedHTTPSConnection(
        parsed.host, parsed.port, address=address, timeout=TIMEOUT_SECONDS
    )
    try:
        connection.request("GET", parsed.path, headers={"User-Agent": "Communs"})
        response = connection.getresponse()
        if response.status != 200:
            raise FetchError(f"the server answered {response.status} {response.reason}.")
        content = response.read(MAX_BYTES + 1)
    except (http.client.HTTPException, OSError) as error:
        raise FetchError(f"the file could not be downloaded ({error}).") from None
    finally:
        connection.close()
    if len(content) > MAX_BYTES:
        raise FetchError(f"the file is larger than {MAX_BYTES // 1024} KB.")
    return content
