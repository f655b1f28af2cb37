"""The main pages at national scale, against a bare Django view: `make bench-web`.

For each database (SQLite, then PostgreSQL when it answers) and each scale (1: France
today, 10: ten times that), builds the synthetic data once (`communs generate`, cached in
var/bench/ and in PostgreSQL databases named communs_bench_<scale>, rebuilt only when
missing), serves it with gunicorn and two workers, as production would, then loads each
page with CLIENTS concurrent clients on loopback: RUNS bounded runs of REQUESTS requests
each. A bare view (one query, a trivial template, the same server and middleware) is loaded
the same way, one run of it before each run of a page: a page's throughput is compared with
the bare view's runs beside its own, measured in the same minutes (the bare view's row gives
the median of all its runs). Each page's first visit is shown apart: what the first visitor
after a change waits, measured once the workers have served the page (their templates,
translations and connections ready) and the kept fragments have been emptied, as a change
of what the page shows would. Prints one table: that first visit, p50, p95 and p99 of the
response time over every run, the median of the runs' requests per second, the median of
the bare view's runs beside them, and the share of the one in the other. Writes the table,
the machine, its load and the query plans (EXPLAIN) of the main queries to
var/bench/web-report.txt.

`--bench-dir` and `--postgres-prefix` measure a copy of the data (another folder, databases
named <prefix>_<scale>), `--pages` a subset of the pages (the bare view is always loaded).

Clients are threads of this process and share the machine with the server: the figures
include their cost, as the bare view's do.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.load import fetch, free_port, percentile

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
BIN = Path(sys.executable).parent
POSTGRES = os.environ.get("SCALE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/communs")
SEED = 1
# The PostgreSQL databases are named <prefix>_<scale>; --bench-dir and --postgres-prefix
# point the benchmark at a copy of the data (kept data is never modified by a run).
POSTGRES_PREFIX = "communs_bench"

# Each page's address; the names in braces come from the data (benchmarks.web_probe).
PAGES = {
    "bare view": "/bench/bare/",
    "home": "/",
    "catalogue": "/catalogue/",
    "catalogue search": "/catalogue/?q=cartographie",
    "software, most users": "/catalogue/{most_used}/",
    "software, typical": "/catalogue/{typical}/",
    "organisations ?q=saint": "/organisations/?q=saint",
    "organisation by INSEE": "/organisations/?q={insee}",
    "organisation page": "/organisations/{commune}/",
    "compare": "/compare/?s={evaluated_a}&s={evaluated_b}",
    "needs": "/needs/",
}


def environment(database: str, scale: int) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "BROKER_URL", "COMMUNS_ENV", "CACHE_"))
    }
    data_dir = BENCH_DIR / f"{database}-{scale}"
    env.update(
        COMMUNS_DATA_DIR=str(data_dir),
        EVALUATION_INTERVAL_DAYS="0",
        LOG_LEVEL="WARNING",
        BENCHMARK_VIEW="1",
        # As a production deployment would: each worker keeps its database connection.
        DATABASE_CONN_MAX_AGE="60",
    )
    if database == "postgresql":
        env["DATABASE_URL"] = POSTGRES.rsplit("/", 1)[0] + f"/{POSTGRES_PREFIX}_{scale}"
    return env


def communs(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "communs"), *args], env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def probe(env: dict[str, str], *args: str) -> str:
    """benchmarks.web_probe, run in the data's environment."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.web_probe", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def postgres_reachable() -> bool:
    try:
        import psycopg

        psycopg.connect(POSTGRES, dbname="postgres", connect_timeout=3).close()
    except Exception:  # any failure means: skip PostgreSQL, saying so
        return False
    return True


def prepare(database: str, scale: int) -> str:
    """The data at this scale, generated once and kept; returns what generate printed."""
    env = environment(database, scale)
    data_dir = Path(env["COMMUNS_DATA_DIR"])
    marker = data_dir / "generated.txt"
    if not marker.exists():
        print(f"Generating {database} data at scale {scale} (once; kept in var/bench/)…")
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(parents=True)
        if database == "postgresql":
            import psycopg

            name = f"{POSTGRES_PREFIX}_{scale}"
            with psycopg.connect(POSTGRES, dbname="postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
                admin.execute(f'CREATE DATABASE "{name}"')
        communs(env, "migrate", "--no-input", "-v0")
        output = communs(env, "generate", "--scale", str(scale), "--seed", str(SEED))
        marker.write_text(output.strip().splitlines()[-1] + "\n")
    communs(env, "migrate", "--no-input", "-v0")  # new indexes apply to kept data
    probe(env, "analyse")  # the planner's statistics describe the data, not empty tables
    return marker.read_text().strip()


def serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    log = Path(env["COMMUNS_DATA_DIR"]) / "server.log"
    communs(env, "collectstatic", "--no-input", "-v0")
    # Nothing kept from an earlier run: each page's first request is a first visit.
    shutil.rmtree(Path(env["COMMUNS_DATA_DIR"]) / "cache" / "fragments", ignore_errors=True)
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "communs.wsgi:application",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    deadline = time.monotonic() + 120
    while fetch(port, "/bench/bare/")[1] is not None:
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            raise SystemExit("the server did not start: " + log.read_text()[-2000:])
        time.sleep(0.5)
    return server


def load(port: int, path: str, clients: int, requests: int) -> tuple[list[float], float, int]:
    """One bounded run: `requests` requests shared by `clients` threads."""
    durations: list[float] = []
    errors = 0
    lock = threading.Lock()
    remaining = [requests]

    def client() -> None:
        nonlocal errors
        while True:
            with lock:
                if remaining[0] == 0:
                    return
                remaining[0] -= 1
            duration, error = fetch(port, path)
            with lock:
                durations.append(duration)
                errors += error is not None

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return durations, requests / (time.perf_counter() - started), errors


def measure(database: str, scale: int, options: argparse.Namespace) -> list[dict[str, object]]:
    env = environment(database, scale)
    facts = json.loads(probe(env, "facts"))
    port = free_port()
    server = serve(env, port)
    rows = []
    bare_path = PAGES["bare view"]
    bare_rates: list[float] = []
    try:
        for name, template in PAGES.items():
            if name == "bare view" or (options.pages and name not in options.pages):
                continue
            path = template.format(**facts)
            # What the first visitor after a change waits, shown apart from the measured runs:
            # the workers warmed on the page (templates, translations, connections), then the
            # kept fragments emptied, as a change of what the page shows would.
            load(port, path, 2, 8)
            shutil.rmtree(Path(env["COMMUNS_DATA_DIR"]) / "cache" / "fragments", ignore_errors=True)
            first, _ = fetch(port, path)
            for _ in range(3):  # warm each worker's caches, outside the measure
                fetch(port, path)
            durations: list[float] = []
            rates: list[float] = []
            beside: list[float] = []
            errors = 0
            # Each run of the page follows a run of the bare view: both sides are measured in
            # the same minutes, so that a machine whose capacity moves (a shared one) moves
            # them alike; the page's ratio is to the bare view's runs beside its own.
            for _ in range(options.runs):
                beside.append(load(port, bare_path, options.clients, options.requests)[1])
                run, rate, failed = load(port, path, options.clients, options.requests)
                durations += run
                rates.append(rate)
                errors += failed
            bare_rates += beside
            rows.append(
                {
                    "database": database,
                    "scale": scale,
                    "page": name,
                    "first": first,
                    "p50": percentile(durations, 0.50),
                    "p95": percentile(durations, 0.95),
                    "p99": percentile(durations, 0.99),
                    "rate": statistics.median(rates),
                    "bare": statistics.median(beside),
                    "errors": errors,
                }
            )
        # The bare view itself: its own latencies, and the median of every run beside a page.
        first, _ = fetch(port, bare_path)
        durations, errors = [], 0
        for _ in range(options.runs):
            run, rate, failed = load(port, bare_path, options.clients, options.requests)
            durations += run
            bare_rates.append(rate)
            errors += failed
        median_bare = statistics.median(bare_rates)
        rows.insert(
            0,
            {
                "database": database,
                "scale": scale,
                "page": "bare view",
                "first": first,
                "p50": percentile(durations, 0.50),
                "p95": percentile(durations, 0.95),
                "p99": percentile(durations, 0.99),
                "rate": median_bare,
                "bare": median_bare,
                "errors": errors,
            },
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    explain = probe(env, "explain", json.dumps(facts))
    rows[0]["explain"] = explain
    rows[0]["facts"] = facts
    return rows


def table(rows: list[dict[str, object]]) -> str:
    lines = [
        "| database | scale | page | first visit ms | p50 ms | p95 ms | p99 ms | req/s "
        "| bare view beside, req/s | vs bare | errors |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        rate = float(row["rate"])  # type: ignore[arg-type]
        bare = float(row["bare"])  # type: ignore[arg-type]
        ms = {k: float(row[k]) * 1000 for k in ("first", "p50", "p95", "p99")}  # type: ignore[arg-type]
        # The bare view answers the server's start-up probes: it has no first visit.
        first = "–" if row["page"] == "bare view" else f"{ms['first']:.0f}"
        lines.append(
            f"| {row['database']} | {row['scale']}× | {row['page']} | {first} | "
            f"{ms['p50']:.0f} | {ms['p95']:.0f} | {ms['p99']:.0f} | {rate:.0f} | {bare:.0f} | "
            f"{rate / bare:.2f} | {row['errors']} |"
        )
    return "\n".join(lines)


def machine() -> str:
    load1, load5, load15 = os.getloadavg()
    return (
        f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"load average at the end {load1:.2f} {load5:.2f} {load15:.2f}"
    )


def main() -> int:
    global BENCH_DIR, POSTGRES_PREFIX
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--requests", type=int, default=100, help="per run and page")
    parser.add_argument(
        "--bench-dir", type=Path, default=BENCH_DIR, help="where the data folders are kept"
    )
    parser.add_argument("--postgres-prefix", default=POSTGRES_PREFIX)
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), help="only these pages")
    options = parser.parse_args()
    BENCH_DIR, POSTGRES_PREFIX = options.bench_dir.resolve(), options.postgres_prefix
    started = datetime.now(UTC)
    rows: list[dict[str, object]] = []
    generated: list[str] = []
    for database in options.databases:
        if database == "postgresql" and not postgres_reachable():
            print(f"PostgreSQL is not reachable at {POSTGRES}: skipped.")
            continue
        for scale in options.scales:
            generated.append(f"{database} {scale}×: {prepare(database, scale)}")
            rows += measure(database, scale, options)
    output = table(rows)
    header = (
        f"bench-web {started:%Y-%m-%d %H:%M} UTC; gunicorn, 2 workers; {options.clients} "
        f"clients, {options.runs} runs of {options.requests} requests per page, each after a run "
        f"of the bare view; {machine()}"
    )
    print(header)
    print(output)
    report = BENCH_DIR / "web-report.txt"
    with report.open("w") as out:
        out.write(header + "\n\n" + output + "\n\nData:\n" + "\n".join(generated) + "\n")
        for row in rows:
            if "explain" in row:
                out.write(f"\n=== {row['database']} {row['scale']}×, pages: {row['facts']}\n")
                out.write(str(row["explain"]))
    print(f"Report with the query plans: {report}")
    return 1 if any(row["errors"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
