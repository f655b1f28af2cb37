"""Time a fresh clone's first `make run`: from the command to the home page answering.

    python -m benchmarks.first_run [--keep] [--port PORT] [--territories]

Clones this checkout's HEAD into a temporary folder, runs `make run` on a free port,
polls the home page, prints the seconds it took and the console's step lines, then stops
the server. Registries (PyPI, npm) must answer; a warm pip cache makes it faster.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 900
# The console lines shown with the second they appeared at: the steps and their summaries.
STEP_LINES = ("[", "Packages installed", "Demo catalogue", "Communs is ready")
TERRITORIES_DONE = ("[3/4] Territories", "[3/4] Territories not loaded")


def _read(process: subprocess.Popen[str], started: float, into: list[tuple[float, str]]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        into.append((time.monotonic() - started, line))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
            return bool(response.status == 200)
    except OSError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the clone and its log")
    parser.add_argument("--port", type=int, help="serve on this port (default: a free one)")
    parser.add_argument(
        "--territories",
        action="store_true",
        help="after the home page answers, wait for the background territories import",
    )
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="communs-first-run-"))
    clone = folder / "communs"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    port = options.port or free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "DATABASE_URL"}}
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=clone,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        start_new_session=True,
        env=env,
    )
    # Each console line with the second it appeared at: where the time goes.
    console: list[tuple[float, str]] = []
    reader = threading.Thread(target=_read, args=(process, started, console), daemon=True)
    reader.start()
    try:
        while not answers(url):
            if process.poll() is not None or time.monotonic() - started > TIMEOUT:
                print(f"make run stopped or timed out; see {folder / 'console.log'}")
                return 1
            time.sleep(0.5)
        elapsed = time.monotonic() - started
        # make run imports the territories in the background: wait for its line as well.
        while options.territories and not any(
            line.startswith(TERRITORIES_DONE) for _at, line in list(console)
        ):
            if process.poll() is not None or time.monotonic() - started > TIMEOUT:
                break
            time.sleep(0.5)
    finally:
        # make run may have ended already (a failed step): its log is kept all the same.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        reader.join(timeout=5)
        (folder / "console.log").write_text(
            "".join(f"{at:6.1f} {line}" for at, line in console), encoding="utf-8"
        )
    for at, line in console:
        if line.startswith(STEP_LINES):
            print(f"{at:6.1f} s  {line}", end="")
    print(f"First `make run` of a fresh clone: the home page answered after {elapsed:.0f} s.")
    if options.keep:
        print(f"Clone and console log kept in {folder}")
    else:
        subprocess.run(["rm", "-rf", str(folder)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
