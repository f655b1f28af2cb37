"""Time a fresh clone's first `make run`: from the command to the home page answering.

    python -m benchmarks.first_run [--keep]

Clones this checkout's HEAD into a temporary folder, runs `make run` on a free port,
polls the home page, prints the seconds it took and the console's step lines, then stops
the server. Registries (PyPI, npm) must answer; a warm pip cache makes it faster.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 900


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
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="communs-first-run-"))
    clone = folder / "communs"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = (folder / "console.log").open("w")
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "DATABASE_URL"}}
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=clone,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env=env,
    )
    try:
        while not answers(url):
            if process.poll() is not None or time.monotonic() - started > TIMEOUT:
                print(f"make run stopped or timed out; see {folder / 'console.log'}")
                return 1
            time.sleep(0.5)
        elapsed = time.monotonic() - started
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
    console = (folder / "console.log").read_text(errors="replace").splitlines()
    print("\n".join(line for line in console if line.startswith(("[", "Demo catalogue"))))
    print(f"First `make run` of a fresh clone: the home page answered after {elapsed:.0f} s.")
    if options.keep:
        print(f"Clone and console log kept in {folder}")
    else:
        subprocess.run(["rm", "-rf", str(folder)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
