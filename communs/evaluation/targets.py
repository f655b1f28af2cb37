"""What may be evaluated: a local repository, or a repository at an https:// URL.

Pure validation, shared by the command line and the platform (which adds its own rules,
such as refusing private addresses).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit


class TargetError(Exception):
    """The target cannot be evaluated; the message tells the user what to do.

    ``code`` says why, for programs: ``unreachable`` (the host cannot be resolved or
    reached: a wrong name, or this machine is offline), ``timeout``, ``too_large``,
    ``download_failed``, or ``invalid`` for everything about the target itself.
    """

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class RepositoryUrl:
    host: str
    path: str
    normalised: str


def looks_like_url(target: str) -> bool:
    """A scheme://… address, or one of git's transport helpers (ext::, fd::): not a folder."""
    if target.startswith(("ext::", "fd::")):
        return True
    return bool(re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", target))


def parse_url(url: str) -> RepositoryUrl:
    """An https:// URL without credentials, query or fragment; anything else is refused."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme != "https" or not url.lower().startswith("https://"):
        raise TargetError(
            f"only https:// URLs can be evaluated, not {scheme or 'this'}: "
            "give an https:// address or a local folder."
        )
    if any(char.isspace() or ord(char) < 32 for char in url):
        raise TargetError("the URL contains spaces or control characters.")
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise TargetError("the URL carries credentials: remove them; only public repositories.")
    if parts.query or parts.fragment:
        raise TargetError("the URL has a query or fragment: give the repository's address.")
    host = (parts.hostname or "").lower()
    if not host:
        raise TargetError("the URL has no host.")
    path = re.sub(r"/+", "/", parts.path).rstrip("/") or "/"
    if path == "/":
        raise TargetError("the URL names a host, not a repository.")
    port = f":{parts.port}" if parts.port else ""
    return RepositoryUrl(host=host, path=path, normalised=f"https://{host}{port}{path}")


def refuse_private_host(host: str) -> None:
    """Refuse a host that is, or resolves to, a loopback, private or link-local address.

    Used before anything is fetched for a URL that someone typed, so that Communs cannot be
    turned against the network it runs in.
    """
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, 443)}
    except (socket.gaierror, UnicodeError):
        raise TargetError(f"the host {host!r} cannot be found.", code="unreachable") from None
    for address in addresses:
        ip = ipaddress.ip_address(str(address).split("%", 1)[0])
        if not ip.is_global or ip.is_multicast:
            raise TargetError(f"the host {host!r} is a private or local address: refused.")


def is_local_name(host: str) -> bool:
    """A host that is plainly local without asking DNS: an address or a local-only name."""
    name = host.strip("[]").lower().rstrip(".")
    try:
        ip = ipaddress.ip_address(name)
    except ValueError:
        return (
            name in {"localhost", "localhost.localdomain"}
            or name.endswith((".localhost", ".local", ".internal", ".lan", ".home.arpa"))
            or "." not in name
        )
    return not ip.is_global or ip.is_multicast
