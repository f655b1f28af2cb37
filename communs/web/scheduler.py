"""The embedded scheduler: the periodic jobs of the embedded mode, in a daemon thread of
``communs run`` (in scale mode Celery beat runs the same jobs; see CELERY_BEAT_SCHEDULE).

It lives in the web layer because it starts jobs of several apps (alerts, open data) that
do not know each other. Each job is idempotent, so two processes running it, or a restart
in the middle, do no harm.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections

from communs.alerts.services import alerts_run
from communs.opendata.services import opendata_export_if_due

logger = logging.getLogger(__name__)
TICK_SECONDS = 60


def run_due(last_runs: dict[str, float], clock: Callable[[], float] = time.monotonic) -> list[str]:
    """Run each job whose interval has passed; return the names of those that ran."""
    jobs: dict[str, tuple[float, Callable[[], object]]] = {
        "alerts": (settings.ALERTS_EVERY_SECONDS, alerts_run),
        "opendata": (TICK_SECONDS * 15, opendata_export_if_due),
    }
    ran = []
    for name, (every, job) in jobs.items():
        if every <= 0:
            continue  # turned off
        if name in last_runs and clock() - last_runs[name] < every:
            continue
        last_runs[name] = clock()
        try:
            job()
        except Exception:
            logger.exception("the scheduled job %s met an error; it runs again later", name)
        ran.append(name)
    return ran


def run_forever(stop: threading.Event) -> None:
    last_runs: dict[str, float] = {}
    while not stop.is_set():
        close_old_connections()
        run_due(last_runs)
        stop.wait(TICK_SECONDS)
    close_old_connections()


def start_in_background() -> threading.Event:
    stop = threading.Event()
    threading.Thread(target=run_forever, args=(stop,), name="scheduler", daemon=True).start()
    return stop
