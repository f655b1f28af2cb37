"""The publiccode.yml import connects to the address it checked, never to a second DNS
answer (DNS rebinding), and refuses private addresses written in IPv6 forms."""

import socket

import pytest
from django.urls import reverse

from communs.catalog import remote
from communs.catalog.models import Software

URL = reverse("admin:catalog_software_import_publiccode")


class RebindingResolver:
    """Answers a public address to the first question and loopback to any later one."""

    def __init__(self) -> None:
        self.asked = 0

    def __call__(self, host, port, *args, **kwargs):
        self.asked += 1
        address = "93.184.216.34" if self.asked == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]


@pytest.fixture
def connections(monkeypatch):
    """Where the import opens its sockets; the network itself is never reached."""
    opened: list[tuple[str, int]] = []

    def create_connection(address, *args, **kwargs):
        opened.append(address)
        raise ConnectionRefusedError("no network in tests")

    monkeypatch.setattr(remote.socket, "create_connection", create_connection)
    return opened


def test_the_import_connects_to_the_address_it_checked(admin_client, monkeypatch, connections):
    resolver = RebindingResolver()
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    response = admin_client.post(URL, {"url": "https://forge.example.org/outil/publiccode.yml"})
    assert response.status_code == 200
    assert "could not be downloaded" in response.content.decode()
    assert resolver.asked == 1
    assert connections == [("93.184.216.34", 443)]
    assert not Software.objects.exists()


@pytest.mark.parametrize("address", ["64:ff9b::7f00:1", "2002:a01:203::1", "::ffff:10.0.0.1"])
def test_private_addresses_in_ipv6_forms_are_refused(
    admin_client, monkeypatch, connections, address
):
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, port, *a, **k: [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port))],
    )
    response = admin_client.post(URL, {"url": "https://forge.example.org/publiccode.yml"})
    assert "private or local address" in response.content.decode()
    assert connections == []


def test_a_public_ipv6_literal_is_fetched_at_that_address(admin_client, connections):
    url = "https://[2a00:1450:4007:80e::200e]/outil/publiccode.yml"
    response = admin_client.post(URL, {"url": url})
    assert "could not be downloaded" in response.content.decode()
    assert connections == [("2a00:1450:4007:80e::200e", 443)]
