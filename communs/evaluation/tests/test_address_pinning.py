"""Names are resolved once and the connection goes to the checked address (DNS rebinding),
and private addresses are refused in every form, IPv4 inside IPv6 included.

The resolver is mocked; git's connections go to a listener on loopback, never further.
"""

import socket
import subprocess
import threading

import pytest

from communs.evaluation import git as engine_git
from communs.evaluation.targets import (
    TargetError,
    is_local_name,
    is_public_address,
    parse_url,
    resolve_public,
)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "169.254.169.254",
        "::1",
        "fd00::1",
        "fe80::1",
        "::ffff:127.0.0.1",  # IPv4-mapped
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a01:203",  # NAT64 of 10.1.2.3
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "64:ff9b:1::5db8:d822",  # NAT64 prefix for local use (RFC 8215)
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2002:c0a8:10a::1",  # 6to4 of 192.168.1.10
    ],
)
def test_private_addresses_are_not_public_in_any_form(address):
    assert is_public_address(address) is False


@pytest.mark.parametrize(
    "address",
    ["93.184.216.34", "2a00:1450:4007:80e::200e", "64:ff9b::5db8:d822", "2002:5db8:d822::1"],
)
def test_public_addresses_are_public_also_through_nat64_and_6to4(address):
    assert is_public_address(address) is True


def test_a_public_ipv6_literal_is_accepted_and_keeps_its_brackets():
    parsed = parse_url("https://[2a00:1450:4007:80e::200e]:8443/commune/app")
    assert parsed.host == "2a00:1450:4007:80e::200e" and parsed.port == 8443
    assert parsed.normalised == "https://[2a00:1450:4007:80e::200e]:8443/commune/app"
    assert is_local_name(parsed.host) is False
    assert resolve_public(parsed.host, parsed.port) == "2a00:1450:4007:80e::200e"


def test_a_nat64_form_of_loopback_is_a_local_name():
    assert is_local_name("[64:ff9b::7f00:1]") is True


class Resolver:
    """A DNS that answers a public address first and loopback afterwards (rebinding)."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []

    def __call__(self, host, port, *args, **kwargs):
        self.asked.append(host)
        address = self.answers[min(len(self.asked), len(self.answers)) - 1]
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]


def test_a_name_that_resolves_to_any_private_address_is_refused(monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", Resolver("64:ff9b::a01:203"))
    with pytest.raises(TargetError, match="private or local"):
        resolve_public("forge.example.org")


@pytest.fixture
def listener():
    """A TCP listener on loopback that records the connections git makes to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(20)
    accepted: list[str] = []

    def accept() -> None:
        try:
            connection, peer = server.accept()
            accepted.append(peer[0])
            connection.close()
        except OSError:
            pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    server.close()
    thread.join(timeout=5)


def test_git_clones_from_the_address_it_is_given_without_resolving_the_name(listener, tmp_path):
    port, accepted = listener
    # A name that no resolver knows: git can only reach the listener through the pin.
    url = f"https://forge.example.invalid:{port}/commune/app"
    with pytest.raises(TargetError, match="could not download"):
        engine_git.open_url(url, tmp_path / "cache", timeout=20, address="127.0.0.1")
    assert accepted == ["127.0.0.1"]
    assert not list((tmp_path / "cache").iterdir())  # nothing half-cloned is left


def test_a_fetch_pins_the_address_in_the_clone_for_later_downloads(listener, tmp_path):
    port, accepted = listener
    url = f"https://forge.example.invalid:{port}/commune/app"
    folder = engine_git.cache_folder(url, tmp_path / "cache")
    subprocess.run(["git", "init", "--quiet", "--bare", str(folder)], check=True)
    subprocess.run(["git", "-C", str(folder), "remote", "add", "origin", url], check=True)
    with pytest.raises(TargetError):
        engine_git.open_url(url, tmp_path / "cache", timeout=20, address="127.0.0.1")
    assert accepted == ["127.0.0.1"]
    pins = subprocess.run(
        ["git", "-C", str(folder), "config", "--get-all", "http.curloptResolve"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    # Blobs fetched on demand while the snapshot is read go to the same address.
    assert pins == [f"forge.example.invalid:{port}:127.0.0.1"]
