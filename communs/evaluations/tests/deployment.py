"""Processes started as the README starts them, and a browser-like HTTP session, for tests
of a deployment: `communs run`, `communs evaluation_worker`, `celery -A communs worker`."""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

BIN = Path(sys.executable).parent
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(condition: Callable[[], object], seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """A process in a session of its own, so that it can be killed with all its children."""
    handle = log.open("wb")
    return subprocess.Popen(
        command, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )


def kill_hard(process: subprocess.Popen[bytes]) -> None:
    """`kill -9` of the process and its children (a worker's pool processes)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            kill_hard(process)


def web_process(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`communs run 127.0.0.1:PORT`, as `make run` starts it; returns it once it answers."""
    port = free_port()
    process = start([str(BIN / "communs"), "run", f"127.0.0.1:{port}"], env, log)
    url = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            return process.poll() is not None

    assert wait_for(answers, 60) and process.poll() is None, log.read_text()[-3000:]
    return process, url


class Browser:
    """Cookies, CSRF tokens and redirects, as a person's browser handles them."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[int, str]:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.status, response.read().decode()

    def post(self, path: str, data: dict[str, str], *, form_page: str) -> tuple[int, str]:
        _status, page = self.get(form_page)
        token = CSRF.search(page)
        assert token, f"no CSRF token on {form_page}"
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token.group(1)}).encode()
        request = urllib.request.Request(  # noqa: S310 (the test deployment on loopback)
            self.base + path, data=body, headers={"Referer": self.base + form_page}
        )
        with self.opener.open(request, timeout=30) as response:
            return response.status, response.read().decode()

    def sign_in(self, username: str, password: str) -> None:
        status, page = self.post(
            "/accounts/login/",
            {"username": username, "password": password},
            form_page="/accounts/login/",
        )
        assert status == 200 and "/accounts/logout/" in page, page[-2000:]
