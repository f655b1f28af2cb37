"""The embedded worker: evaluation jobs from the database queue, in the web process or alone.

Used when no broker is configured. Several workers (or processes) may run: each claims a
job with an atomic update, so a job runs once.
"""

from __future__ import annotations

import logging
import threading
import time

from django.db import close_old_connections

from communs.evaluations.services import (
    job_claim,
    job_run,
    jobs_requeue_expired,
    jobs_schedule_due,
)

logger = logging.getLogger(__name__)
SCHEDULE_EVERY = 300  # seconds between two looks for evaluations that are due


def run_once() -> bool:
    """Run one queued job if there is one; tell whether one ran."""
    job = job_claim()
    if job is None:
        return False
    logger.info("evaluating %s (job %s)", job.software, job.pk)
    job = job_run(job)
    logger.info("job %s %s %s", job.pk, job.status, job.error)
    return True


def reap() -> None:
    """Requeue the jobs whose worker stopped beating (or fail them past the retry limit)."""
    requeued, failed = jobs_requeue_expired()
    if requeued or failed:
        logger.warning("jobs whose worker stopped: %s requeued, %s failed", requeued, failed)


def run_forever(stop: threading.Event, *, poll_seconds: float = 2.0, schedule: bool = True) -> None:
    last_schedule = 0.0
    while not stop.is_set():
        close_old_connections()
        try:
            reap()
            if schedule and time.monotonic() - last_schedule > SCHEDULE_EVERY:
                last_schedule = time.monotonic()
                jobs_schedule_due()
            if run_once():
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
