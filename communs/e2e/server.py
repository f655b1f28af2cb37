"""The real Communs server, started as the README starts it, for the browser tests.

`communs migrate`, `communs load_demo`, a small extract of the official territories (the
territories tests' own) and `communs run` on a free port, in a subprocess with its own data
folder. Emails are written one file per message (EMAIL_FILE_PATH) so that a test can follow
the links they carry; the server's SQLite database is read with sqlite3 to check what a
step stored.
"""

from __future__ import annotations

import email
import email.policy
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

CHECKOUT = Path(__file__).resolve().parents[2]
TERRITORIES_EXTRACT = CHECKOUT / "communs" / "territories" / "tests" / "data"
# `python -m communs` run in the checkout, rather than the environment's `communs` script:
# the script imports the package its environment installed, which is another checkout's
# when the tests run from a git worktree with the main checkout's environment.
COMMUNS = [sys.executable, "-m", "communs"]
CURATOR = ("claire.curator", "claire@example.org", "curator-Secret-2026")
# Django's file backend ends each message with a line of 79 dashes.
MESSAGE_SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Mail:
    to: list[str]
    subject: str
    body: str
    reply_to: str

    def link(self, pattern: str = r"https?://\S+") -> str:
        found = re.search(pattern, self.body)
        assert found, f"no link matching {pattern!r} in the email {self.subject!r}:\n{self.body}"
        return found.group(0)


class Mailbox:
    """The emails the server wrote, in the order it wrote them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def all(self) -> list[Mail]:
        mails = []
        for path in sorted(self.folder.glob("*.log"), key=lambda p: (p.stat().st_mtime, p.name)):
            for raw in path.read_bytes().split(MESSAGE_SEPARATOR):
                if raw.strip():
                    mails.append(self._parse(raw.strip() + b"\n"))
        return mails

    def to(self, address: str) -> list[Mail]:
        return [mail for mail in self.all() if address in mail.to]

    def wait_for(self, address: str, count: int, timeout: float = 10.0) -> list[Mail]:
        """The emails to `address`, once there are at least `count` of them."""
        deadline = time.monotonic() + timeout
        while True:
            mails = self.to(address)
            if len(mails) >= count or time.monotonic() > deadline:
                assert len(mails) >= count, f"{len(mails)} emails to {address}, {count} awaited"
                return mails
            time.sleep(0.1)

    @staticmethod
    def _parse(raw: bytes) -> Mail:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        body = message.get_body(preferencelist=("plain",))
        return Mail(
            to=[address.strip() for address in str(message.get("To", "")).split(",")],
            subject=str(message.get("Subject", "")),
            body=body.get_content() if body is not None else "",
            reply_to=str(message.get("Reply-To", "")),
        )


class CommunsServer:
    """One Communs server with its own data folder, stopped when the tests are done."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.mailbox = Mailbox(data_dir / "mail")
        self.log_path = data_dir / "server.log"
        self.env = {
            **os.environ,
            "COMMUNS_ENV": "embedded",
            "COMMUNS_DATA_DIR": str(data_dir),
            "EMAIL_FILE_PATH": str(data_dir / "mail"),
            "EVALUATION_CACHE_DIR": str(data_dir / "repositories"),
            "EVALUATION_INTERVAL_DAYS": "0",  # only the jobs a test asks for
            "ALERTS_EVERY_SECONDS": "0",
            "OPENDATA_EXPORT_HOUR": "-1",
            # The engine tests' small OSV database (invented records), read only.
            "COMMUNS_OSV_DIR": str(CHECKOUT / "communs" / "evaluation" / "tests" / "osv"),
            "LANGUAGE_CODE": "fr",
            # No tile server is reached: the map asks the server itself, which answers 404.
            "MAP_TILES_URL": f"{self.base_url}/static/no-tiles/{{z}}/{{x}}/{{y}}.png",
            "PYTHONUNBUFFERED": "1",
        }
        for name in ("DATABASE_URL", "BROKER_URL", "EMAIL_HOST", "DJANGO_SETTINGS_MODULE"):
            self.env.pop(name, None)
        self.process: subprocess.Popen[bytes] | None = None

    def communs(self, *args: str, **env: str) -> str:
        """Run a `communs` command against this server's data, as an operator would."""
        done = subprocess.run(
            [*COMMUNS, *args],
            env={**self.env, **env},
            cwd=CHECKOUT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, f"communs {' '.join(args)} failed:\n{done.stderr}"
        return done.stdout

    def prepare(self) -> None:
        self.communs("migrate", "--no-input")
        self.communs("load_demo")
        self.communs("territories", "import", "--source", str(TERRITORIES_EXTRACT))
        username, address, password = CURATOR
        self.communs(
            "createsuperuser",
            "--no-input",
            "--username",
            username,
            "--email",
            address,
            DJANGO_SUPERUSER_PASSWORD=password,
        )
        seeded = self.communs(
            "shell",
            "-c",
            "import communs; print('package:', communs.__file__)\n"
            "from communs.e2e.seed import seed; seed()",
        )
        package = Path(seeded.split("package: ", 1)[1].splitlines()[0])
        assert package.is_relative_to(CHECKOUT), f"the server runs {package}, not {CHECKOUT}"

    def start(self, timeout: float = 60.0) -> None:
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [*COMMUNS, "run", f"127.0.0.1:{self.port}"],
            env=self.env,
            cwd=CHECKOUT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.base_url + "/", timeout=2):  # noqa: S310
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"communs run did not answer:\n{self.log_path.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def url(self, path: str) -> str:
        return self.base_url + path

    @contextmanager
    def db(self) -> Iterator[sqlite3.Connection]:
        """The server's own database, read-only, as the page just left it."""
        uri = f"file:{self.data_dir / 'communs.sqlite3'}?mode=ro"
        connection = sqlite3.connect(uri, uri=True, timeout=10)
        connection.row_factory = sqlite3.Row
        try:
            yield connection
        finally:
            connection.close()

    def one(self, sql: str, *params: Any) -> sqlite3.Row | None:
        with self.db() as connection:
            row: sqlite3.Row | None = connection.execute(sql, params).fetchone()
            return row

    def rows(self, sql: str, *params: Any) -> list[sqlite3.Row]:
        with self.db() as connection:
            return list(connection.execute(sql, params).fetchall())
