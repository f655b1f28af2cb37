"""The scale mode for real: Celery workers over Redis and RabbitMQ, PostgreSQL as database.

These tests use the services running on loopback and skip, saying why, when one is absent.
`make test` runs them in a second pass with DATABASE_URL pointing at PostgreSQL.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import ExitStack
from urllib.parse import urlsplit

import pytest
from django.db import connection

from communs.catalog.tests.factories import SoftwareFactory
from communs.evaluations.models import Evaluation, EvaluationJob
from communs.evaluations.services import job_request

pytestmark = [pytest.mark.scale, pytest.mark.django_db(transaction=True)]

BROKERS = {
    "redis": "redis://127.0.0.1:6379/15",
    "rabbitmq": "amqp://guest:guest@127.0.0.1:5672//",
}


def reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 0), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(params=sorted(BROKERS))
def broker(request, settings):
    if connection.vendor != "postgresql":
        pytest.skip("scale mode runs on PostgreSQL: run with DATABASE_URL=postgres://…")
    url = BROKERS[request.param]
    if not reachable(url):
        pytest.skip(f"{request.param} is not running on loopback ({url})")
    import communs.evaluations.tasks  # noqa: F401  (registers the tasks before workers start)
    from communs.celery import app

    settings.CELERY_BROKER_URL = url
    app.conf.broker_url = url
    app.conf.task_always_eager = False
    # Connections to the previous broker are cached: drop them so that tasks go to this one.
    app.close()
    app._pool = None
    app.amqp._producer_pool = None
    yield app
    app.close()
    app._pool = None
    app.amqp._producer_pool = None


def wait_for(condition, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def worker_process(broker_url: str, data_dir) -> subprocess.Popen[bytes]:
    """A worker started as operators start them: `celery -A communs worker`."""
    database = connection.settings_dict
    env = {
        **os.environ,
        "BROKER_URL": broker_url,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}",
        "COMMUNS_DATA_DIR": str(data_dir),
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "communs",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
            "--hostname",
            f"second@{socket.gethostname()}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_celery_workers_run_the_jobs_once_each(broker, project, tmp_path):
    import celery.contrib.testing.tasks  # noqa: F401  (the worker helper expects its ping task)
    from celery.contrib.testing.worker import start_worker

    entries = []
    for index in range(3):
        entry = SoftwareFactory(slug=f"outil-{index}")
        entry.local_repository = str(project.path)
        entry.save()
        entries.append(entry)
    second = worker_process(broker.conf.broker_url, tmp_path)
    try:
        with ExitStack() as workers:
            # Two workers share the queue: one in this process, one started as a command.
            workers.enter_context(
                start_worker(
                    broker,
                    pool="solo",
                    perform_ping_check=False,
                    shutdown_timeout=30,
                    loglevel="WARNING",
                )
            )
            jobs = [job_request(software=entry) for entry in entries]
            assert wait_for(lambda: EvaluationJob.objects.filter(status="done").count() == 3), list(
                EvaluationJob.objects.values("status", "error")
            )
    finally:
        second.terminate()
        _out, errors = second.communicate(timeout=30)
        assert b"Traceback" not in errors, errors.decode()[-2000:]
    assert Evaluation.objects.count() == 3
    for job in jobs:
        job.refresh_from_db()
        assert job.evaluation is not None and job.started_at and job.finished_at
