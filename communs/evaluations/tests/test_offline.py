"""Offline: failures say why in the reader's language, and the worker backs off quietly."""

import logging
import socket

import pytest

from communs.catalog.tests.factories import SoftwareFactory
from communs.evaluation.git import UNREACHABLE
from communs.evaluations import worker
from communs.evaluations.models import EvaluationJob
from communs.evaluations.services import job_claim, job_request, job_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def offline(monkeypatch):
    """Name resolution fails, as on a server without network."""

    def no_dns(host, port, *args, **kwargs):
        raise socket.gaierror(-3, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def remote(slug):
    return SoftwareFactory(slug=slug, repository_url=f"https://github.com/example/{slug}")


def test_an_unreachable_host_fails_the_job_with_the_unreachable_code(offline):
    job_request(software=remote("outil-distant"))
    job = job_run(job_claim())
    assert (job.status, job.failure) == ("failed", "unreachable")
    assert job.failure_reason() == (
        "Ce serveur ne peut pas joindre github.com ; les évaluations des dépôts distants "
        "reprendront dès qu’il le pourra."
    )


def test_git_messages_of_a_missing_network_are_told_apart_from_a_refused_download():
    assert UNREACHABLE.search("fatal: unable to access 'x': Could not resolve host: github.com")
    assert UNREACHABLE.search("Failed to connect to github.com port 443")
    assert not UNREACHABLE.search("remote: Repository not found.")


def test_offline_the_worker_says_so_once_keeps_remote_jobs_queued_and_backs_off(
    offline, software, caplog
):
    clock = Clock()
    connectivity = worker.Connectivity(clock=clock)
    first, second = remote("premier"), remote("second")
    for entry in (first, second):
        job_request(software=entry)
    caplog.set_level(logging.INFO, logger="communs.evaluations.worker")

    assert worker.run_once(connectivity) is True  # the first remote job fails: offline
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "cannot reach" in warnings[0].getMessage()
    assert connectivity.offline and connectivity.wait == worker.FIRST_WAIT

    job_request(software=software)  # a local repository is still evaluated
    assert worker.run_once(connectivity) is True
    assert EvaluationJob.objects.get(software=software).status == "done"
    assert worker.run_once(connectivity) is False  # the other remote job waits, unfailed
    assert EvaluationJob.objects.get(software=second).status == "queued"

    clock.now += worker.FIRST_WAIT
    assert worker.run_once(connectivity) is True  # one try after the wait, failing again
    assert connectivity.wait == 2 * worker.FIRST_WAIT
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    assert EvaluationJob.objects.filter(status="failed").count() == 2


def test_the_worker_says_once_when_remote_hosts_answer_again(caplog):
    clock = Clock()
    connectivity = worker.Connectivity(clock=clock)
    entry = remote("revenu")
    failed = EvaluationJob(software=entry, status="failed", failure="unreachable")
    done = EvaluationJob(software=entry, status="done")
    caplog.set_level(logging.WARNING, logger="communs.evaluations.worker")
    connectivity.observe(failed)
    connectivity.observe(done)
    connectivity.observe(done)
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2 and "reached again" in messages[1]
    assert not connectivity.offline and connectivity.remote_allowed()


def finished(software, *, failure, at):
    job = job_request(software=software)
    EvaluationJob.objects.filter(pk=job.pk).update(
        status="failed" if failure else "done", failure=failure or "", finished_at=at
    )


def test_in_scale_mode_the_schedule_pauses_after_unreachable_hosts_and_doubles_its_wait(
    caplog,
):
    from datetime import timedelta

    from django.utils import timezone

    from communs.evaluations import tasks
    from communs.evaluations.services import remote_pause_until

    start = timezone.now() - timedelta(minutes=1)
    assert remote_pause_until() is None
    finished(remote("un"), failure="unreachable", at=start)
    first = remote_pause_until()
    assert first is not None and first.until == start + timedelta(minutes=5)
    finished(remote("deux"), failure="unreachable", at=start + timedelta(seconds=10))
    second = remote_pause_until()
    assert second.until == start + timedelta(seconds=10, minutes=10)
    assert second.streak_started == first.streak_started
    # Past the wait, the schedule tries again.
    assert remote_pause_until(now=second.until + timedelta(seconds=1)) is None

    with caplog.at_level(logging.WARNING, logger="communs.evaluations.tasks"):
        assert tasks.schedule_due_evaluations() == 0
        assert tasks.schedule_due_evaluations() == 0
    assert [r.message for r in caplog.records].count(
        caplog.records[0].message
    ) == 1 and "pause until" in caplog.records[0].message


def test_one_remote_job_that_gets_through_ends_the_pause():
    from datetime import timedelta

    from django.utils import timezone

    from communs.evaluations.services import remote_pause_until

    now = timezone.now()
    finished(remote("un"), failure="unreachable", at=now - timedelta(minutes=2))
    assert remote_pause_until() is not None
    finished(remote("deux"), failure="", at=now - timedelta(minutes=1))
    assert remote_pause_until() is None
