"""The evaluation engine on a large real repository, against the floor and PyDriller.

Set COMMUNS_BENCH_REPOSITORY to a local clone of at least 15,000 commits, for example
openstreetmap/openstreetmap-website. The script prints:

- the floor: `git log --format=%H%x00%aE%x00%ct HEAD` plus `git ls-tree -r HEAD`, the least
  any tool must do to read the same history and tree;
- a full evaluation (every fact and check), in-process, median of several runs;
- PyDriller walking the same commits and reading the same fields, without diff stats;
- the peak memory of a fresh process that runs one full evaluation.

Targets: evaluation at most 3 times the floor, at least 10 times faster than PyDriller,
peak memory under 200 MB.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

RUNS = 5
AS_OF = datetime(2026, 11, 1, tzinfo=UTC)


def timed(action: Callable[[], object], runs: int = RUNS) -> float:
    durations = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations)


def floor(repository: Path) -> None:
    for args in (["log", "--format=%H%x00%aE%x00%ct", "HEAD"], ["ls-tree", "-r", "HEAD"]):
        subprocess.run(["git", "-C", str(repository), *args], capture_output=True, check=True)


def full_evaluation(repository: Path) -> None:
    from communs.evaluation import evaluate

    evaluate(repository, as_of=AS_OF)


def pydriller_walk(repository: Path) -> int:
    from pydriller import Repository

    count = 0
    for commit in Repository(str(repository)).traverse_commits():
        _ = (commit.hash, commit.author.email, commit.committer_date)
        count += 1
    return count


def peak_memory_mb(repository: Path) -> float:
    code = (
        "from datetime import UTC, datetime; from communs.evaluation import evaluate; "
        f"evaluate({str(repository)!r}, as_of=datetime(2026, 11, 1, tzinfo=UTC))"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-c", code], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(before, after) / 1024  # ru_maxrss is in KiB on Linux


def main() -> int:
    raw = os.environ.get("COMMUNS_BENCH_REPOSITORY", "")
    if not raw:
        print(
            "Set COMMUNS_BENCH_REPOSITORY to a local clone of at least 15,000 commits, e.g.\n"
            "  git clone https://github.com/openstreetmap/openstreetmap-website\n"
            "  COMMUNS_BENCH_REPOSITORY=$PWD/openstreetmap-website make bench",
            file=sys.stderr,
        )
        return 2
    repository = Path(raw).expanduser().resolve()
    commits = subprocess.run(
        ["git", "-C", str(repository), "rev-list", "--count", "HEAD"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    print(f"Repository: {repository.name}, {int(commits):,} commits")
    full_evaluation(repository)  # warm the file system cache and imports
    floor_s = timed(lambda: floor(repository))
    evaluation_s = timed(lambda: full_evaluation(repository))
    started = time.perf_counter()
    walked = pydriller_walk(repository)
    pydriller_s = time.perf_counter() - started
    memory = peak_memory_mb(repository)
    print(f"floor (git log + git ls-tree), median of {RUNS}: {floor_s:.3f} s")
    print(f"full evaluation, median of {RUNS}:              {evaluation_s:.3f} s")
    print(f"PyDriller walk of {walked:,} commits, one run:   {pydriller_s:.3f} s")
    print(f"evaluation / floor:     {evaluation_s / floor_s:.2f}x  (target: at most 3x)")
    print(f"PyDriller / evaluation: {pydriller_s / evaluation_s:.1f}x  (target: at least 10x)")
    print(f"peak memory of one evaluation process: {memory:.0f} MB  (target: under 200 MB)")
    return 0
