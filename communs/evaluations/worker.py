"""The embedded worker: evaluation jobs from the database queue, in the web process or alone.

Used when no broker is configured. Several workers (or processes) may run: each claims a
job with an atomic update, so a job runs once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.db import close_old_connections

from communs.evaluations.models import EvaluationJob
from communs.evaluations.services import (
    job_claim,
    job_run,
    jobs_requeue_expired,
    jobs_schedule_due,
)

logger = logging.getLogger(__name__)
SCHEDULE_EVERY = 300  # seconds between two looks for evaluations that are due
FIRST_WAIT, LONGEST_WAIT = 300, 6 * 3600  # seconds before trying a remote host again


class Connectivity:
    """Whether remote repositories can be reached from here.

    When a job fails because its host cannot be reached, the worker says so once in the
    log and stops taking remote jobs (they stay queued, nothing fails) for a wait that
    doubles on each failed try, up to six hours; then one remote job is tried. Local
    repositories are still evaluated meanwhile.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.offline = False
        self.wait = 0
        self.retry_at = 0.0

    def remote_allowed(self) -> bool:
        return not self.offline or self.clock() >= self.retry_at

    def observe(self, job: EvaluationJob) -> None:
        if not job.software.repository_url or job.software.local_repository:
            return
        if job.failure == EvaluationJob.Failure.UNREACHABLE:
            if not self.offline:
                logger.warning(
                    "This server cannot reach %s: evaluations of remote repositories pause "
                    "and resume when it can (next try in %s s).",
                    job.software.repository_url,
                    FIRST_WAIT,
                )
                self.offline, self.wait = True, FIRST_WAIT
            else:
                self.wait = min(self.wait * 2, LONGEST_WAIT)
                logger.debug("still offline; next try in %s s", self.wait)
            self.retry_at = self.clock() + self.wait
        elif self.offline:
            logger.warning("Remote repositories can be reached again: evaluations resume.")
            self.offline, self.wait = False, 0


def run_once(connectivity: Connectivity | None = None) -> bool:
    """Run one queued job if there is one; tell whether one ran."""
    connectivity = connectivity or Connectivity()
    job = job_claim(local_only=not connectivity.remote_allowed())
    if job is None:
        return False
    logger.info("evaluating %s (job %s)", job.software, job.pk)
    job = job_run(job)
    connectivity.observe(job)
    if job.failure:
        logger.info("job %s %s: %s", job.pk, job.status, job.failure)
    else:
        logger.info("job %s %s", job.pk, job.status)
    return True


def reap() -> None:
    """Requeue the jobs whose worker stopped beating (or fail them past the retry limit)."""
    requeued, failed = jobs_requeue_expired()
    if requeued or failed:
        logger.warning("jobs whose worker stopped: %s requeued, %s failed", requeued, failed)


# Periodic work of the apps above this one (which it may not import): each registers a
# function and how often it runs, and the embedded worker runs it between jobs, as Celery
# beat does in scale mode (CELERY_BEAT_SCHEDULE). Registered from the apps' ready().
PERIODIC: dict[str, tuple[float, Callable[[], object]]] = {}


def register_periodic(name: str, every_seconds: float, function: Callable[[], object]) -> None:
    PERIODIC[name] = (every_seconds, function)


# Registered functions asked for before their interval has passed (a page that found the
# open-data dump missing, for instance): the embedded worker of this process runs them at
# its next turn, within a poll. A worker in another process still runs them at its start
# and at their interval.
SOON: set[str] = set()


def run_soon(name: str) -> None:
    if name not in PERIODIC:
        raise KeyError(name)
    SOON.add(name)


def run_due_periodic(last_runs: dict[str, float], now: float) -> list[str]:
    """Run each registered function whose interval has passed; tell which ran. One that
    fails is logged and tried again at its next interval; the others still run."""
    ran = []
    for name, (every, function) in sorted(PERIODIC.items()):
        if name in last_runs and now - last_runs[name] < every and name not in SOON:
            continue
        SOON.discard(name)
        last_runs[name] = now
        try:
            function()
        except Exception:
            logger.exception("the periodic task %s met an error; it goes on", name)
        ran.append(name)
    return ran


def run_forever(stop: threading.Event, *, poll_seconds: float = 2.0, schedule: bool = True) -> None:
    last_schedule = 0.0
    last_runs: dict[str, float] = {}
    connectivity = Connectivity()
    while not stop.is_set():
        close_old_connections()
        try:
            reap()
            due = time.monotonic() - last_schedule > SCHEDULE_EVERY
            if schedule and due and not connectivity.offline:
                last_schedule = time.monotonic()
                jobs_schedule_due()
            if schedule:
                run_due_periodic(last_runs, time.monotonic())
            if run_once(connectivity):
                continue
        except Exception:
            logger.exception("the evaluation worker met an error; it goes on")
        stop.wait(poll_seconds)
    close_old_connections()


def start_in_background() -> threading.Event:
    """Start the worker in a daemon thread of this process; set the event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(
        target=run_forever, args=(stop,), name="evaluation-worker", daemon=True
    )
    thread.start()
    return stop
