"""The embedded mode's web server: waitress, a multi-threaded WSGI server in pure Python.

Django's development server handles requests one thread each without limits and is not
meant for use; waitress serves a fixed pool of threads and queues the rest, which keeps the
process steady under many clients. Production may use the same server behind an HTTPS
proxy (``waitress-serve communs.wsgi:application``) or gunicorn.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.core.wsgi import get_wsgi_application


def split_addrport(addrport: str) -> tuple[str, int]:
    """``127.0.0.1:8000``, ``8000``, ``[::1]:8000`` → host and port."""
    host, _sep, port = addrport.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    try:
        number = int(port)
    except ValueError:
        raise CommandError(
            f"{addrport!r} is not an address and port such as 127.0.0.1:8000."
        ) from None
    if not 0 <= number <= 65535:
        raise CommandError(f"{number} is not a port number.")
    return host, number


def make_server(addrport: str, **options: Any) -> Any:
    """A waitress server for the Django application, bound but not yet serving."""
    from waitress.server import create_server

    host, port = split_addrport(addrport)
    try:
        return create_server(
            get_wsgi_application(),
            host=host,
            port=port,
            threads=settings.SERVER_THREADS,
            connection_limit=settings.SERVER_CONNECTION_LIMIT,
            max_request_body_size=settings.SERVER_MAX_REQUEST_BODY_BYTES,
            ident="Communs",  # the Server header: no version for scanners to match
            **options,
        )
    except OSError as error:  # the port is taken, or the address is not this machine's
        raise CommandError(f"Cannot listen on {addrport}: {error.strerror or error}.") from None


def serve(addrport: str) -> None:
    server = make_server(addrport)
    print(
        f"Serving on http://{server.effective_host}:{server.effective_port}/ with "
        f"{settings.SERVER_THREADS} threads (waitress); Ctrl-C to stop.",
        flush=True,
    )
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
