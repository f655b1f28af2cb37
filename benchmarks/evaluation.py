"""The evaluation engine against the git floor, PyDriller and Perceval, timed the same way.

Set COMMUNS_BENCH_REPOSITORIES to one or more local clones (separated by ``:``), for
example openstreetmap/openstreetmap-website and rails/rails; the word ``synthetic`` among
them (and alone by default) stands for a complete history of 20,000 commits built here
(``benchmarks/synthetic_history.py``; fetched clones are partial, and Perceval cannot read
those). Every tool runs as a whole
process (interpreter start and imports included), with the same warm-up run and the
median of the same number of rounds (COMMUNS_BENCH_ROUNDS, default 5), in one run of this
script, which prints a Markdown table and writes it to ``var/bench/<date>.md``. Every
evaluation is as of COMMUNS_BENCH_AS_OF (default 2026-11-01, so that runs compare; a
repository younger than that needs a later date). The tools timed:

- floor: ``git log --format=%H%x00%aE%x00%ct HEAD`` then ``git ls-tree -r HEAD``, the
  least any tool must do to read the same history and tree;
- engine: ``communs evaluate REPO --format json`` (every fact and every check);
- Python's start alone (``python -c pass``, the same interpreter): what any Python tool
  pays before its first line, printed as a share of the floor;
- engine, incremental: the same command with ``--incremental-cache`` whose last evaluated
  commit is a few hundred commits behind HEAD, evaluated on that commit's day (so the
  earlier history's per-author sums also move on by a month or more, as they do once a
  month on a platform);
- the incremental history work alone (reading the cache, git on ``OLD..HEAD``, writing
  the cache), in this process, in three cases: when the sums stay (the cache was written
  in the same 30-day step), when they move on (summed in memory, only the tip written),
  and when they move on and the base is written again (as it is once it lags by more
  than ``TIP_LIMIT`` commits: forced here by a limit of 0);
- PyDriller walking every commit and reading hash, author email and committer date (no
  diffs);
- Perceval's git backend fetching every commit (it runs ``git log --raw --numstat``; it
  clones the repository first, and that clone is not timed: it is made once beforehand).
  It needs every file of the history: on a partial (blobless) clone it is not run, and the
  table says why.

Each process's peak memory (maximum resident set) and processor time (user and system,
with the git processes it ran) are measured with ``wait4``; targets are on wall time, the
processor time is printed beside it because it depends far less on other work sharing the
machine. Every tool
runs with the same environment, in which Python writes and reuses its bytecode as an
installed program does (``PYTHONDONTWRITEBYTECODE`` is removed: with it, every run would
compile the engine's sources again). The load average (``os.getloadavg``) is printed before
and after each repository: on a shared machine it says how far the figures can be trusted.
Targets: engine at most 1.5x the floor; PyDriller at least 10x and Perceval at least 50x
slower than the engine; peak memory of the engine under 100 MB.
"""

from __future__ import annotations

import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import synthetic_history

# The evaluated date: fixed, so that runs compare; a younger repository needs a later one.
AS_OF = os.environ.get("COMMUNS_BENCH_AS_OF", "2026-11-01")
INCREMENTAL_BEHIND = 300  # commits between the cached evaluation and HEAD
ENGINE = "engine: communs evaluate, whole process"
ENGINE_TARGET = 1.5  # times the git floor, at the most
SLOWER_TARGETS = {"PyDriller, no diffs": 10, "Perceval git backend": 50}  # × the engine
# "synthetic" among the repositories (alone by default): a complete history built here
# (benchmarks/synthetic_history.py), the only kind on which Perceval runs.
SYNTHETIC = "synthetic"
SYNTHETIC_COMMITS = 20_000

PYDRILLER = """
import sys
from pydriller import Repository
count = 0
for commit in Repository(sys.argv[1]).traverse_commits():
    _ = (commit.hash, commit.author.email, commit.committer_date)
    count += 1
print(count)
"""

PERCEVAL = """
import sys
from perceval.backends.core.git import Git
count = 0
for item in Git(uri=sys.argv[1], gitpath=sys.argv[2]).fetch(latest_items=False):
    count += 1
print(count)
"""


@dataclass
class Measure:
    name: str
    median_s: float
    peak_mb: float
    cpu_s: float = 0.0  # median processor time (user + system), git children included


Command = Callable[[], Sequence[Sequence[str]]]


# The same environment for every tool: bytecode written once (warm-up), then reused.
ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def run_once(commands: Sequence[Sequence[str]]) -> tuple[float, float, float]:
    """Wall time of running the commands one after the other, the largest peak RSS, and
    the processor time they used (with the children each waited for, such as git)."""
    started = time.perf_counter()
    peak_kb = 0
    cpu = 0.0
    for command in commands:
        with tempfile.TemporaryFile() as errors:
            process = subprocess.Popen(
                list(command), stdout=subprocess.DEVNULL, stderr=errors, env=ENVIRONMENT
            )
            _pid, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                errors.seek(0)
                detail = errors.read().decode(errors="replace")[-500:]
                raise SystemExit(f"{command[0]} failed: {detail}")
        peak_kb = max(peak_kb, usage.ru_maxrss)
        cpu += usage.ru_utime + usage.ru_stime
    return time.perf_counter() - started, peak_kb / 1024, cpu


def measure(name: str, commands: Sequence[Sequence[str]], rounds: int) -> Measure:
    run_once(commands)  # the same warm-up for every tool: file cache, bytecode, packs
    durations, peaks, cpus = [], [], []
    for _ in range(rounds):
        duration, peak, cpu = run_once(commands)
        durations.append(duration)
        peaks.append(peak)
        cpus.append(cpu)
    return Measure(name, statistics.median(durations), max(peaks), statistics.median(cpus))


def commit_count(repository: Path) -> int:
    out = subprocess.run(
        ["git", f"--git-dir={git_dir(repository)}", "rev-list", "--count", "HEAD"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return int(out)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} (1, 5, 15 min)"


def git_out(git_dir: str, *args: str) -> str:
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def history_read(
    repository: Path,
    cache: Path,
    restore: Callable[[], None],
    rounds: int,
    label: str,
    *,
    base_written: bool = False,
) -> Measure:
    """The history work of an incremental evaluation alone, in this process (no start-up);
    with ``base_written``, the base is written again whatever it lags by."""
    from unittest import mock

    from communs.evaluation import git
    from communs.evaluation import history_cache as histories

    opened = git.open_local(repository)
    as_of = datetime.strptime(AS_OF, "%Y-%m-%d").replace(hour=23, minute=59, second=59, tzinfo=UTC)
    head = git.evaluated_commit(opened, as_of)
    assert head is not None
    durations, cpus = [], []
    limit = 0 if base_written else histories.TIP_LIMIT
    with mock.patch.object(histories, "TIP_LIMIT", limit):
        for index in range(rounds + 1):
            restore()
            started = time.perf_counter()
            before = processor_time()
            git._commits(opened, head, cache, as_of)
            if index:  # the first round is the warm-up
                durations.append(time.perf_counter() - started)
                cpus.append(processor_time() - before)
    return Measure(label, statistics.median(durations), 0.0, statistics.median(cpus))


def processor_time() -> float:
    """User and system time of this process and of the children it waited for (git)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def snapshot_of(folder: Path) -> Callable[[], None]:
    """A function that puts the folder's files back as they are now."""
    saved = {path.name: path.read_bytes() for path in folder.iterdir()}

    def restore() -> None:
        for path in folder.iterdir():
            path.unlink()
        for name, data in saved.items():
            (folder / name).write_bytes(data)

    return restore


def seed_in_process(repository: Path, cache: Path, commit: str) -> None:
    """A cache written at ``commit`` by an evaluation as of AS_OF (the sums' step of HEAD's)."""
    from communs.evaluation import git

    as_of = datetime.strptime(AS_OF, "%Y-%m-%d").replace(hour=23, minute=59, second=59, tzinfo=UTC)
    git._commits(git.open_local(repository), commit, cache, as_of)


def display_name(repository: Path) -> str:
    """The folder's name, or its parent's for a clone kept as ``owner+name/repo``."""
    name = repository.name.removesuffix(".git")
    return repository.parent.name if name in {"repo", "repository"} else name


def git_dir(repository: Path) -> Path:
    return repository / ".git" if (repository / ".git").is_dir() else repository


def machine() -> str:
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    git = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{cpu}, {os.cpu_count()} logical CPUs (shared), {memory_gb:.0f} GB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, {git}"
    )


def perceval_available() -> bool:
    probe = subprocess.run(
        [sys.executable, "-c", "import perceval.backends.core.git"], capture_output=True
    )
    return probe.returncode == 0


def partial_clone(repository: Path) -> str:
    """Why the clone lacks files of its history (a partial, blobless clone), or ''."""
    folder = git_dir(repository)
    promised = sorted((folder / "objects" / "pack").glob("*.promisor"))
    if promised:
        return f"the clone is partial ({len(promised)} pack(s) of promised objects, files missing)"
    configured = subprocess.run(
        ["git", f"--git-dir={folder}", "config", "--get", "extensions.partialClone"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"the clone is partial (its files come from {configured})" if configured else ""


def bench_repository(repository: Path, rounds: int, work: Path) -> list[str]:
    load_before = load()
    gd = str(git_dir(repository))
    floor = [
        ["git", f"--git-dir={gd}", "log", "--format=%H%x00%aE%x00%ct", "HEAD"],
        ["git", f"--git-dir={gd}", "ls-tree", "-r", "HEAD"],
    ]
    engine = [
        [sys.executable, "-m", "communs", "evaluate", str(repository), "--format", "json",
         "--as-of", AS_OF],
    ]  # fmt: skip
    cache = work / "incremental"
    # A cache whose last evaluated commit is the one of the day of HEAD~INCREMENTAL_BEHIND.
    # A small history (a complete clone Perceval can read, say) goes back half its main line.
    behind = min(
        INCREMENTAL_BEHIND, int(git_out(gd, "rev-list", "--first-parent", "--count", "HEAD")) // 2
    )
    day = git_out(gd, "log", "-1", "--format=%cs", f"HEAD~{behind}")
    seed = [*engine[0][:-1], day, "--incremental-cache", str(cache)]
    subprocess.run(seed, stdout=subprocess.DEVNULL, check=True, env=ENVIRONMENT)
    seeded_commit = git_out(gd, "rev-list", "-1", f"--until={day}T23:59:59Z", "HEAD")
    new_commits = int(git_out(gd, "rev-list", "--count", f"{seeded_commit}..HEAD"))
    restore = snapshot_of(cache)
    same_step = work / "incremental-same-step"
    same_step.mkdir()
    seed_in_process(repository, same_step, seeded_commit)
    restore_same_step = snapshot_of(same_step)
    incremental_command = [*engine[0], "--incremental-cache", str(cache)]
    measures = [
        measure("git floor (log + ls-tree)", floor, rounds),
        measure(ENGINE, engine, rounds),
    ]
    # What any Python tool pays before its first line: the part of the engine's time that
    # no change to the engine can remove (the same interpreter and environment). No peak
    # memory: a started process's maximum resident set counts the bench's own at the fork.
    python_start = measure(
        "Python start alone (`python -c pass`)", [[sys.executable, "-c", "pass"]], rounds
    )
    # The incremental run must start from the seeded cache every round.
    durations, peaks, cpus = [], [], []
    restore()
    run_once([incremental_command])
    for _ in range(rounds):
        restore()
        duration, peak, cpu = run_once([incremental_command])
        durations.append(duration)
        peaks.append(peak)
        cpus.append(cpu)
    incremental = Measure(
        f"engine, incremental ({new_commits} new commits, sums moved on), whole process",
        statistics.median(durations),
        max(peaks),
        statistics.median(cpus),
    )
    measures.append(incremental)
    measures.append(
        history_read(
            repository,
            same_step,
            restore_same_step,
            rounds,
            f"incremental history work alone ({new_commits} new commits, sums kept)",
        )
    )
    measures.append(
        history_read(
            repository,
            cache,
            restore,
            rounds,
            f"incremental history work alone ({new_commits} new commits, sums moved on)",
        )
    )
    measures.append(
        history_read(
            repository,
            cache,
            restore,
            rounds,
            f"incremental history work alone ({new_commits} new commits, sums moved on, "
            "base written again)",
            base_written=True,
        )
    )
    # PyDriller needs a work tree (not timed): a clone without checkout, sharing objects.
    work_tree = work / "pydriller-clone"
    subprocess.run(
        ["git", "clone", "-q", "--no-checkout", "--shared", str(repository), str(work_tree)],
        check=True,
    )
    measures.append(
        measure("PyDriller, no diffs", [[sys.executable, "-c", PYDRILLER, str(work_tree)]], rounds)
    )
    perceval_note = "not installed (`pip install perceval`)"
    partial = partial_clone(repository)
    if partial:
        perceval_note = (
            f"did not run: {partial}; Perceval runs `git log --raw --numstat`, which needs "
            "every file of the history"
        )
    elif perceval_available():
        clone = work / "perceval-clone"
        subprocess.run(
            ["git", "clone", "-q", "--bare", str(repository), str(clone)],
            check=True,
        )
        try:
            measures.append(
                measure(
                    "Perceval git backend",
                    [[sys.executable, "-c", PERCEVAL, str(repository), str(clone)]],
                    rounds,
                )
            )
            perceval_note = ""
        except SystemExit as failure:
            # Perceval runs git log --numstat -C, which needs every blob of the history: it
            # cannot run on a blobless (partial) clone, for one.
            lines = [line for line in str(failure).splitlines() if "fatal:" in line]
            reason = (lines[-1] if lines else str(failure).strip().splitlines()[-1])[:160]
            perceval_note = f"did not run: {reason.replace('|', '/')}"
    floor_s = measures[0].median_s
    engine_s = measures[1].median_s
    cpu_bases = {
        ENGINE: measures[0].cpu_s,
        "PyDriller, no diffs": measures[1].cpu_s,
        "Perceval git backend": measures[1].cpu_s,
    }
    lines = [
        f"**{display_name(repository)}**, {commit_count(repository):,} commits; median of "
        f"{rounds} "
        "rounds after one warm-up, each tool as a whole process",
        "",
        f"Before: {load_before}; after: {load()}. The machine has {os.cpu_count()} logical "
        "CPUs: a load above that means other work slowed the figures down.",
        "",
        "| tool | median | processor time | peak memory | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    targets = {
        ENGINE: ("× the floor", floor_s, f"at most {ENGINE_TARGET}×"),
        **{
            name: ("× slower than the engine", engine_s, f"at least {times}×")
            for name, times in SLOWER_TARGETS.items()
        },
    }
    for item in measures:
        ratio, target, met = "", "", ""
        if item.name in targets:
            label, base, target = targets[item.name]
            value = item.median_s / base
            ratio = (
                f"{value:.1f}{label} ({item.cpu_s / cpu_bases[item.name]:.1f}× in processor time)"
            )
            ok = (
                value <= ENGINE_TARGET
                if item is measures[1]
                else value >= SLOWER_TARGETS[item.name]
            )
            met = "yes" if ok else "**no**"
        if item is measures[1]:
            target += "; memory under 100 MB"
            met += "; yes" if item.peak_mb < 100 else "; **no**"
        if item.name.startswith("incremental history work"):
            target = "under 50 ms"
            met = "yes" if item.median_s < 0.050 else "**no**"
        memory = f"{item.peak_mb:.0f} MB" if item.peak_mb else "(in-process)"
        lines.append(
            f"| {item.name} | {item.median_s:.3f} s | {item.cpu_s:.3f} s | {memory} | {ratio} "
            f"| {target} | {met} |"
        )
    if perceval_note:
        lines.append(
            f"| Perceval git backend | {perceval_note} | | | "
            f"| at least {SLOWER_TARGETS['Perceval git backend']}× | not measured |"
        )
    lines.append(
        f"| {python_start.name} | {python_start.median_s:.3f} s | {python_start.cpu_s:.3f} s "
        f"| | {python_start.median_s / floor_s:.2f}× the floor "
        "| | |"
    )
    lines += ["", *ceilings(measures, floor_s, os.cpu_count() or 1)]
    return lines


def ceilings(measures: Sequence[Measure], floor_s: float, cores: int) -> list[str]:
    """What the table allows at best, to tell a target out of reach from one missed: no tool
    that reads the same history through git is faster than the floor, and none takes less
    time than its processor time spread evenly over the machine's cores."""
    said = []
    for item in measures:
        if item.name in SLOWER_TARGETS:
            times = item.median_s / floor_s
            said.append(
                f"{item.name} takes {times:.1f}× the git floor: a tool that reads the same "
                "history through git can be at most that much faster than it here (its target, "
                f"{SLOWER_TARGETS[item.name]}× slower than the engine, needs the engine at "
                f"{times / SLOWER_TARGETS[item.name]:.2f}× the floor or less)."
            )
        elif item.name == ENGINE:
            spread = item.cpu_s / cores
            said.append(
                f"The engine's processor time, {item.cpu_s:.3f} s, spread evenly over {cores} "
                f"logical CPUs would still take {spread:.3f} s, {spread / floor_s:.2f}× the floor "
                f"(target at most {ENGINE_TARGET}×)."
            )
    return said


def main() -> int:
    raw = os.environ.get("COMMUNS_BENCH_REPOSITORIES") or os.environ.get(
        "COMMUNS_BENCH_REPOSITORY", SYNTHETIC
    )
    if raw == SYNTHETIC:
        print(
            "Benchmarking the synthetic complete history only. Add real clones with\n"
            "  COMMUNS_BENCH_REPOSITORIES=$PWD/osm:$PWD/rails:synthetic make bench\n"
            "(for example mirrors of openstreetmap/openstreetmap-website and rails/rails).",
            file=sys.stderr,
        )
    rounds = int(os.environ.get("COMMUNS_BENCH_ROUNDS", "5"))
    folder = Path("var") / "bench"
    repositories = [
        synthetic_history.build(
            (folder / f"synthetic-{SYNTHETIC_COMMITS}.git").resolve(), SYNTHETIC_COMMITS
        )
        if item == SYNTHETIC
        else Path(item).expanduser().resolve()
        for item in raw.split(":")
        if item
    ]
    today = datetime.now(UTC)
    output = [
        f"Benchmark of {today:%Y-%m-%d %H:%M} UTC on {machine()}; {load()}",
        "",
    ]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{today:%Y-%m-%d-%H%M}.md"
    print("\n".join(output), flush=True)
    for repository in repositories:
        with tempfile.TemporaryDirectory() as work:
            table = bench_repository(repository, rounds, Path(work))
        output += [*table, ""]
        print("\n".join(table) + "\n", flush=True)  # each table as soon as it is measured
        target.write_text("\n".join(output) + "\n", encoding="utf-8")
    shutil.copyfile(target, folder / "latest.md")
    print(f"Written to {target}")
    return 0
