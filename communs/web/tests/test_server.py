"""`communs run` serves with waitress, a multi-threaded WSGI server, not Django's dev server."""

import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management.base import CommandError

from communs.catalog.tests.factories import SoftwareFactory
from communs.web.server import make_server, split_addrport


@pytest.fixture
def server(transactional_db):
    running, stop = make_server("127.0.0.1:0"), threading.Event()

    def serve_until_stopped() -> None:
        while not stop.is_set():
            running.asyncore.loop(timeout=0.1, map=running._map, count=1)

    thread = threading.Thread(target=serve_until_stopped, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{running.effective_port}"
    stop.set()
    thread.join(timeout=10)
    running.close()


def get(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (http on loopback)
        return response.status, response.headers["Server"], response.read().decode()


def test_the_embedded_server_answers_many_clients_at_once(server):
    software = SoftwareFactory(slug="outil", name="Outil")
    urls = [f"{server}/", f"{server}{software.get_absolute_url()}"] * 15
    with ThreadPoolExecutor(max_workers=30) as pool:
        answers = list(pool.map(get, urls))
    assert {status for status, _server, _body in answers} == {200}
    assert {name for _status, name, _body in answers} == {"Communs"}  # not WSGIServer/0.2
    assert all("Outil" in body for _status, _server, body in answers[1::2])


@pytest.mark.parametrize(
    ("addrport", "expected"),
    [
        ("127.0.0.1:8105", ("127.0.0.1", 8105)),
        ("8000", ("127.0.0.1", 8000)),
        ("[::1]:80", ("::1", 80)),
    ],
)
def test_an_address_and_port_are_read_like_runserver_reads_them(addrport, expected):
    assert split_addrport(addrport) == expected


def test_a_malformed_address_is_a_usage_error():
    with pytest.raises(CommandError):
        split_addrport("localhost:http")


def test_a_port_already_taken_is_a_usage_error_not_a_traceback(server):
    port = int(server.rsplit(":", 1)[1])
    with pytest.raises(CommandError, match="Cannot listen on"):
        make_server(f"127.0.0.1:{port}")


def test_a_request_body_over_the_limit_is_refused_by_the_server(server, settings):
    import http.client

    host, port = server.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    # Announced, not sent: the server answers from the headers, before reading any of it.
    connection.putrequest("POST", "/admin/catalog/software/add/")
    connection.putheader("Content-Length", str(settings.SERVER_MAX_REQUEST_BODY_BYTES + 1))
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 413
    connection.close()
