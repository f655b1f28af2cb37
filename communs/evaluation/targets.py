"""What may be evaluated: a local repository, or a repository at an https:// URL.

Pure validation, shared by the command line and the platform (which adds its own rules,
such as refusing private addresses).
"""

from __future__ import annotations

import ipaddress
import re
from typing import NamedTuple
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


class RepositoryUrl(NamedTuple):  # not a dataclass: ``communs evaluate`` starts git sooner
    host: str
    path: str
    normalised: str
    port: int = 443


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
    netloc = f"[{host}]" if ":" in host else host  # an IPv6 literal keeps its brackets
    return RepositoryUrl(
        host=host, path=path, normalised=f"https://{netloc}{port}{path}", port=parts.port or 443
    )


# IPv6 prefixes that carry an IPv4 address inside them: a private IPv4 address written in
# one of these forms reaches the same private host (through a NAT64 gateway or a 6to4 relay).
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052, the well-known prefix
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215, for local use only
_SIX_TO_FOUR = ipaddress.ip_network("2002::/16")  # RFC 3056


def is_public_address(address: str) -> bool:
    """A global unicast address, including when it is an IPv4 address in IPv6 clothing."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if not ip.is_global or ip.is_multicast:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        embedded: ipaddress.IPv4Address | None = ip.ipv4_mapped
        if ip in _NAT64_LOCAL:
            return False
        if ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        elif ip in _SIX_TO_FOUR:
            embedded = ip.sixtofour
        if embedded is not None:
            return is_public_address(str(embedded))
    return True


def resolve_public(host: str, port: int = 443) -> str:
    """The address to connect to for a host, checked to be public; refused otherwise.

    Resolved once: callers connect to this address (never to the name again), so a DNS
    answer that changes between the check and the connection (DNS rebinding) cannot lead to
    a private host. Every address the name resolves to must be public.
    """
    import socket  # URLs only: a local repository never needs it

    try:
        infos = socket.getaddrinfo(host.strip("[]"), port)
    except (socket.gaierror, UnicodeError):
        raise TargetError(f"the host {host!r} cannot be found.", code="unreachable") from None
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise TargetError(f"the host {host!r} cannot be found.", code="unreachable")
    for address in addresses:
        if not is_public_address(address):
            raise TargetError(f"the host {host!r} is a private or local address: refused.")
    return addresses[0].split("%", 1)[0]


def refuse_private_host(host: str) -> None:
    """Refuse a host that is, or resolves to, a loopback, private or link-local address.

    A check only: to connect, use the address resolve_public returns.
    """
    resolve_public(host)


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
    return not is_public_address(str(ip))
