"""The scale mode as it is deployed: a web process started as the README says (`communs
run`, with BROKER_URL set), Celery workers started as commands (`celery -A communs
worker`), PostgreSQL as database, over Redis and over RabbitMQ.

These tests use the services running on loopback and skip, saying why, when one is absent.
`make test` runs them in a second pass with DATABASE_URL pointing at PostgreSQL;
SCALE_REDIS_URL and SCALE_AMQP_URL choose other brokers. Each test uses a queue of its own,
deleted at the end.
"""

from __future__ import annotations

import os
import socket
import uuid
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from communs.catalog.tests.factories import SoftwareFactory
from communs.evaluations.models import Evaluation, EvaluationJob
from communs.evaluations.services import evaluation_store
from communs.evaluations.tests.deployment import (
    BIN,
    Browser,
    kill_hard,
    start,
    stop,
    wait_for,
    web_process,
)
from communs.evaluations.tests.factories import report

pytestmark = [pytest.mark.scale, pytest.mark.django_db(transaction=True)]

BROKERS = {
    "redis": os.environ.get("SCALE_REDIS_URL", "redis://127.0.0.1:6379/15"),
    "rabbitmq": os.environ.get("SCALE_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//"),
}
PASSWORD = "not-a-secret-42"


def reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 0), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(params=sorted(BROKERS))
def deployment(request, tmp_path):
    """The environment every process of one deployment shares."""
    if connection.vendor != "postgresql":
        pytest.skip("scale mode runs on PostgreSQL: run with DATABASE_URL=postgres://…")
    url = BROKERS[request.param]
    if not reachable(url):
        pytest.skip(f"{request.param} is not running on loopback ({url})")
    database = connection.settings_dict
    queue = f"communs-test-{uuid.uuid4().hex[:12]}"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "BROKER_URL": url,
        "BROKER_QUEUE": queue,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}",
        "COMMUNS_DATA_DIR": str(tmp_path),
        "EVALUATION_JOB_LEASE_SECONDS": "2",
        "EVALUATION_INTERVAL_DAYS": "0",
    }
    yield env
    from kombu import Connection

    with Connection(url) as broker:
        broker.default_channel.queue_delete(queue)
    if url.startswith("redis://"):  # kombu keeps the queue's bindings as keys of their own
        import redis

        client = redis.Redis.from_url(url)
        for key in client.scan_iter(match=f"*{queue}*"):
            client.delete(key)


def celery_worker(env, log, name: str, *, stalled: bool = False):
    command = ["celery", "-A", "communs", "worker", "--concurrency", "1"]
    command += ["--loglevel", "INFO", "--hostname", f"{name}@%h", "--without-mingle"]
    if stalled:
        return start(
            [str(BIN / "python"), "-m", "communs.evaluations.tests.stalled", *command], env, log
        )
    return start([str(BIN / command[0]), *command[1:]], env, log)


@pytest.fixture
def entry(project, curator):
    # The web process hashes with the real settings, not the tests' fast hasher.
    hasher = PBKDF2PasswordHasher()
    curator.password = hasher.encode(PASSWORD, hasher.salt())
    curator.save(update_fields=["password"])
    software = SoftwareFactory(slug="outil", name="Outil")
    software.local_repository = str(project.path)
    software.save()
    return software


def evaluate_now(browser: Browser, software) -> None:
    page = software.get_absolute_url()
    status, _body = browser.post(f"/catalogue/{software.slug}/evaluate/", {}, form_page=page)
    assert status == 200


def test_evaluate_now_over_http_is_done_by_a_celery_worker(deployment, entry, tmp_path):
    worker = celery_worker(deployment, tmp_path / "worker.log", "first")
    web, url = web_process(deployment, tmp_path / "web.log")
    try:
        browser = Browser(url)
        browser.sign_in("claire.curator", PASSWORD)
        evaluate_now(browser, entry)
        job = EvaluationJob.objects.get(software=entry)
        assert wait_for(lambda: EvaluationJob.objects.get(pk=job.pk).status == "done", 90), (
            tmp_path / "worker.log"
        ).read_text()[-3000:]
        head = Evaluation.objects.get(software=entry).head
        _status, page = browser.get(entry.get_absolute_url())
        assert f"<code>{head[:12]}</code>" in page
    finally:
        stop(web)
        stop(worker)
    for log in ("worker.log", "web.log"):
        assert "Traceback" not in (tmp_path / log).read_text(), log


def test_a_job_whose_worker_is_killed_completes_on_another_worker(deployment, entry, tmp_path):
    evaluation_store(software=entry, report=report({"community": 5.0}, head="a" * 40))
    stalled = celery_worker(deployment, tmp_path / "stalled.log", "stalled", stalled=True)
    web, url = web_process(deployment, tmp_path / "web.log")
    second = None
    try:
        browser = Browser(url)
        browser.sign_in("claire.curator", PASSWORD)
        evaluate_now(browser, entry)
        job = EvaluationJob.objects.get(software=entry)
        assert wait_for(lambda: EvaluationJob.objects.get(pk=job.pk).status == "running", 60), (
            tmp_path / "stalled.log"
        ).read_text()[-3000:]
        kill_hard(stalled)
        # The worker is gone: the job still says running, the previous evaluation is shown.
        _status, page = browser.get(entry.get_absolute_url())
        assert "<code>aaaaaaaaaaaa</code>" in page
        second = celery_worker(deployment, tmp_path / "second.log", "second")
        assert wait_for(lambda: EvaluationJob.objects.get(pk=job.pk).status == "done", 90), (
            tmp_path / "second.log"
        ).read_text()[-3000:]
        job.refresh_from_db()
        assert job.attempts == 2 and job.evaluation is not None
        _status, page = browser.get(entry.get_absolute_url())
        assert f"<code>{job.evaluation.head[:12]}</code>" in page
        assert Evaluation.objects.filter(software=entry).count() == 2
    finally:
        stop(web)
        kill_hard(stalled)
        if second is not None:
            stop(second)
    assert "Traceback" not in (tmp_path / "second.log").read_text()
