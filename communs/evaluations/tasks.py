"""Celery tasks, used in scale mode (a broker URL is set)."""

from __future__ import annotations

import logging
import threading
from typing import Any

from celery import shared_task
from celery.signals import worker_ready, worker_shutdown
from django.conf import settings
from django.db import close_old_connections

from communs.evaluations.services import (
    job_claim,
    job_run,
    jobs_schedule_due,
    remote_pause_until,
)
from communs.evaluations.worker import reap

logger = logging.getLogger(__name__)
_reaper_stop = threading.Event()


@shared_task(name="communs.evaluations.run_evaluation_job", acks_late=True)
def run_evaluation_job(job_id: int) -> str:
    # A message redelivered after its worker died finds the job still running under the
    # dead worker's lease: the reaper requeues it once the lease expires and sends it again.
    job = job_claim(job_id)
    if job is None:
        return "already taken"
    return str(job_run(job).status)


_announced_pause: list[Any] = [None]  # the streak this worker already logged


@shared_task(name="communs.evaluations.schedule_due_evaluations")
def schedule_due_evaluations() -> int:
    # Offline, queuing a batch every pass would only fail it: the schedule pauses instead,
    # says so once per streak of failures, and tries again after a doubling wait.
    pause = remote_pause_until()
    if pause is not None:
        if _announced_pause[0] != pause.streak_started:
            _announced_pause[0] = pause.streak_started
            logger.warning(
                "This server cannot reach the repositories' hosts: scheduled evaluations "
                "pause until %s.",
                pause.until.isoformat(timespec="seconds"),
            )
        return 0
    return len(jobs_schedule_due())


def _reap_forever() -> None:
    every = max(settings.EVALUATION_JOB_LEASE_SECONDS / 2, 0.5)
    while not _reaper_stop.wait(every):
        close_old_connections()
        try:
            reap()
        except Exception:
            logger.exception("the job reaper met an error; it goes on")


@worker_ready.connect
def start_reaper(**kwargs: Any) -> None:
    """Every Celery worker also watches the leases, so no extra process is needed."""
    _reaper_stop.clear()
    threading.Thread(target=_reap_forever, name="evaluation-job-reaper", daemon=True).start()


@worker_shutdown.connect
def stop_reaper(**kwargs: Any) -> None:
    _reaper_stop.set()
