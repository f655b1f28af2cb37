"""The embedded mode as `make run` deploys it, on SQLite: a standalone worker killed with
`kill -9` mid-evaluation loses its lease, and the worker inside `communs run` completes the
job, while the software page keeps showing the previous evaluation."""

from __future__ import annotations

import os
import sqlite3
import subprocess

from communs.evaluations.tests.deployment import (
    BIN,
    Browser,
    kill_hard,
    start,
    stop,
    wait_for,
    web_process,
)

SETUP = """
import django
django.setup()
from django.contrib.auth.models import User
from communs.catalog.tests.factories import SoftwareFactory
from communs.evaluations.services import evaluation_store, job_request
from communs.evaluations.tests.factories import report
software = SoftwareFactory(slug="outil", name="Outil", local_repository={repository!r})
evaluation_store(software=software, report=report({{"community": 5.0}}, head="a" * 40))
job_request(software=software)
"""


def job_row(database):
    with sqlite3.connect(database) as db:
        return db.execute(
            "SELECT status, attempts, (SELECT count(*) FROM evaluations_evaluation)"
            " FROM evaluations_evaluationjob"
        ).fetchone()


def test_a_job_whose_embedded_worker_is_killed_completes_in_the_web_process(project, tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "BROKER_URL"))
    }
    env.update(
        COMMUNS_DATA_DIR=str(tmp_path),
        # Long enough that the web process is up and its page read before the dead worker's
        # lease runs out (with 2 s, a loaded machine let the web process finish the job first).
        EVALUATION_JOB_LEASE_SECONDS="20",
        EVALUATION_INTERVAL_DAYS="0",
        DJANGO_SETTINGS_MODULE="communs.settings",
    )
    communs = str(BIN / "communs")
    subprocess.run([communs, "migrate", "-v0"], env=env, check=True, timeout=120)
    setup = SETUP.format(repository=str(project.path))
    subprocess.run([str(BIN / "python"), "-c", setup], env=env, check=True, timeout=120)
    database = tmp_path / "communs.sqlite3"

    stalled = start(
        [
            str(BIN / "python"),
            "-m",
            "communs.evaluations.tests.stalled",
            "communs",
            "evaluation_worker",
        ],
        env,
        tmp_path / "stalled.log",
    )
    web = None
    try:
        assert wait_for(lambda: job_row(database)[0] == "running", 60), (
            tmp_path / "stalled.log"
        ).read_text()[-3000:]
        kill_hard(stalled)
        assert job_row(database) == ("running", 1, 1)
        web, url = web_process(env, tmp_path / "web.log")
        browser = Browser(url)
        _status, page = browser.get("/catalogue/outil/")
        assert "<code>aaaaaaaaaaaa</code>" in page  # the previous evaluation stays shown
        assert wait_for(lambda: job_row(database)[0] == "done", 90), (
            tmp_path / "web.log"
        ).read_text()[-3000:]
        assert job_row(database) == ("done", 2, 2)
        _status, page = browser.get("/catalogue/outil/")
        assert "<code>aaaaaaaaaaaa</code>" not in page
    finally:
        kill_hard(stalled)
        if web is not None:
            stop(web)
    assert "Traceback" not in (tmp_path / "web.log").read_text()
