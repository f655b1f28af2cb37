"""A bounded load test of the embedded mode on loopback: `make bench-load`.

Serves a fresh demo installation with `communs run` (waitress, SQLite, the in-process
worker) in a temporary data folder, then 50 concurrent clients each fetch the 7 main pages
4 times: 1,400 requests in all, each with a 30 s timeout. Prints, per page, the number of
requests, errors, and the median (p50) and 95th percentile (p95) of the response time.
Exits 1 when any request fails or answers anything but 200.

Clients run in this process (threads) and the server in another; both share the machine,
so the figures include the clients' own cost. `--clients N` changes the number of clients;
`--server runserver` serves with Django's development server instead, for comparison.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CLIENTS = 50
ROUNDS = 4
PAGES = {
    "home": "/",
    "catalogue": "/catalogue/",
    "search": "/catalogue/?q=carto",
    "software": "/catalogue/openstreetmap/",
    "organisations": "/organisations/",
    "methodology": "/methodology/",
    "compare": "/compare/?s=openstreetmap&s=umap",
}
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(port: int, path: str) -> tuple[float, str | None]:
    """One request on a new connection, as a browser without keep-alive makes it."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept-Language": "fr"})
        response = connection.getresponse()
        response.read()
        error = None if response.status == 200 else f"HTTP {response.status}"
    except (OSError, http.client.HTTPException) as exc:
        error = type(exc).__name__
    finally:
        connection.close()
    return time.perf_counter() - started, error


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run_clients(port: int) -> dict[str, list[tuple[float, str | None]]]:
    results: dict[str, list[tuple[float, str | None]]] = {name: [] for name in PAGES}
    lock, start = threading.Lock(), threading.Barrier(CLIENTS)

    def client(index: int) -> None:
        start.wait()
        names = list(PAGES)
        for round_ in range(ROUNDS):
            for offset in range(len(names)):
                name = names[(index + round_ + offset) % len(names)]
                outcome = fetch(port, PAGES[name])
                with lock:
                    results[name].append(outcome)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def serve(data_dir: Path, port: int, server_kind: str) -> subprocess.Popen[bytes]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "BROKER_URL", "COMMUNS_ENV"))
    }
    env.update(COMMUNS_DATA_DIR=str(data_dir), EVALUATION_INTERVAL_DAYS="0", LOG_LEVEL="WARNING")
    communs = str(BIN / "communs")
    for command in (["migrate", "--no-input", "-v0"], ["load_demo"]):
        subprocess.run([communs, *command], env=env, check=True, stdout=subprocess.DEVNULL)
    command = (
        ["runserver", "--noreload", f"127.0.0.1:{port}"]
        if server_kind == "runserver"
        else ["run", f"127.0.0.1:{port}"]
    )
    server = subprocess.Popen(
        [communs, *command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(data_dir / "server.log").open("wb"),
    )
    deadline = time.monotonic() + 60
    while fetch(port, "/")[1] is not None:
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            raise SystemExit("the server did not start: " + (data_dir / "server.log").read_text())
        time.sleep(0.5)
    return server


def main() -> int:
    global CLIENTS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--server", choices=["waitress", "runserver"], default="waitress")
    options = parser.parse_args()
    CLIENTS = options.clients
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="communs-load-") as folder:
        server = serve(Path(folder), port, options.server)
        try:
            for path in PAGES.values():  # warm the caches once, outside the measure
                fetch(port, path)
            started = time.perf_counter()
            results = run_clients(port)
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
    total = sum(len(outcomes) for outcomes in results.values())
    errors = sum(1 for outcomes in results.values() for _t, error in outcomes if error)
    print(
        f"{options.server}: {CLIENTS} concurrent clients, {total} requests "
        f"in {elapsed:.1f} s, {errors} errors"
    )
    print(f"{'page':<14} {'requests':>8} {'errors':>6} {'p50 (s)':>8} {'p95 (s)':>8}")
    for name, outcomes in results.items():
        times = [duration for duration, _error in outcomes]
        failed = [error for _duration, error in outcomes if error]
        print(
            f"{name:<14} {len(outcomes):>8} {len(failed):>6} "
            f"{statistics.median(times):>8.2f} {percentile(times, 0.95):>8.2f}"
        )
        if failed:
            print(f"  {name} errors: {sorted(set(failed))}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
