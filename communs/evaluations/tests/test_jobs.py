import socket
from datetime import timedelta

import pytest
from django.utils import timezone

from communs.catalog.tests.factories import SoftwareFactory
from communs.evaluations import worker
from communs.evaluations.models import Evaluation, EvaluationJob
from communs.evaluations.services import (
    NotEvaluable,
    job_claim,
    job_request,
    job_run,
    jobs_requeue_expired,
    jobs_schedule_due,
)
from communs.evaluations.tests.factories import evaluation

pytestmark = pytest.mark.django_db


def test_a_job_evaluates_the_repository_and_stores_the_whole_report(software):
    job = job_request(software=software)
    assert job.status == "queued"
    assert worker.run_once() is True
    job.refresh_from_db()
    assert job.status == "done" and job.error == ""
    stored = Evaluation.objects.get(software=software)
    assert job.evaluation == stored
    assert stored.report["facts"]["commits_total"] == 2
    assert stored.practices == next(
        c["score"] for c in stored.report["criteria"] if c["id"] == "practices"
    )
    assert stored.head == stored.report["head"]
    assert worker.run_once() is False


def test_the_console_says_a_job_is_done_in_plain_words(software, caplog):
    job = job_request(software=software)
    with caplog.at_level("INFO", logger=worker.logger.name):
        worker.run_once()
    assert f"job {job.pk} done" in caplog.messages  # no trailing space, no empty failure


def test_two_requests_while_one_is_pending_give_one_job(software):
    first = job_request(software=software)
    second = job_request(software=software)
    assert first.pk == second.pk
    assert EvaluationJob.objects.count() == 1
    job_claim()
    assert job_request(software=software).pk == first.pk  # still running: the same job


def test_a_new_request_after_a_finished_job_gives_a_new_job(software):
    first = job_request(software=software)
    job_run(job_claim())
    assert job_request(software=software).pk != first.pk


def test_a_job_is_claimed_once(software):
    job_request(software=software)
    assert job_claim() is not None
    assert job_claim() is None


def test_a_vanished_repository_fails_cleanly_and_keeps_the_previous_evaluation(software, project):
    previous = evaluation(software, {"community": 5.0})
    software.local_repository = str(project.path / "gone")
    software.save()
    job_request(software=software)
    job = job_run(job_claim())
    assert job.status == "failed"
    assert "is not a folder" in job.error
    assert list(Evaluation.objects.filter(software=software)) == [previous]


def test_a_repository_whose_host_is_private_is_refused_when_the_job_runs(db, monkeypatch):
    software = SoftwareFactory(repository_url="https://git.mairie.example.fr/outil")
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, port: [(socket.AF_INET, 0, 0, "", ("192.168.1.10", port))],
    )
    job_request(software=software)
    job = job_run(job_claim())
    assert job.status == "failed"
    assert "private or local address" in job.error


def test_software_without_repository_cannot_be_evaluated(db):
    with pytest.raises(NotEvaluable):
        job_request(software=SoftwareFactory())


def test_a_job_whose_worker_stopped_beating_is_requeued_then_runs(settings, software):
    settings.EVALUATION_JOB_LEASE_SECONDS = 60
    job_request(software=software)
    job = job_claim()
    assert jobs_requeue_expired() == (0, 0)  # the lease is fresh
    EvaluationJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=61)
    )
    assert jobs_requeue_expired() == (1, 0)
    job.refresh_from_db()
    assert job.status == "queued" and job.attempts == 1
    assert worker.run_once() is True
    job.refresh_from_db()
    assert job.status == "done" and job.attempts == 2


def test_a_job_that_lost_its_worker_too_often_fails_with_the_reason(
    settings, software, english_messages
):
    settings.EVALUATION_JOB_MAX_ATTEMPTS = 2
    job_request(software=software)
    for _attempt in range(2):
        job = job_claim()
        EvaluationJob.objects.filter(pk=job.pk).update(
            heartbeat_at=timezone.now() - timedelta(hours=1)
        )
        jobs_requeue_expired()
    job.refresh_from_db()
    assert job.status == "failed" and job.attempts == 2
    assert "stopped during each of 2 attempts" in job.error
    assert job_request(software=software).pk != job.pk  # the software is not blocked


def test_a_worker_that_lost_its_lease_does_not_overwrite_the_job(software):
    job_request(software=software)
    stale = job_claim()
    EvaluationJob.objects.filter(pk=stale.pk).update(
        heartbeat_at=timezone.now() - timedelta(hours=1)
    )
    jobs_requeue_expired()
    fresh = job_claim()
    assert fresh.lease != stale.lease
    job_run(stale)  # the first worker comes back and finishes late
    fresh.refresh_from_db()
    assert fresh.status == "running"
    assert job_run(fresh).status == "done"


def test_the_heartbeat_renews_the_lease_while_the_evaluation_runs(software):
    from communs.evaluations.services import job_heartbeat

    job_request(software=software)
    job = job_claim()
    EvaluationJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    assert job_heartbeat(job) is True
    job.refresh_from_db()
    assert timezone.now() - job.heartbeat_at < timedelta(seconds=5)
    assert jobs_requeue_expired() == (0, 0)


def test_the_schedule_queues_what_is_due_in_small_batches(settings, software):
    settings.EVALUATION_INTERVAL_DAYS = 7
    settings.EVALUATION_SCHEDULE_BATCH = 2
    fresh = SoftwareFactory(slug="fresh", repository_url="https://forge.example.org/fresh")
    evaluation(fresh, {"community": 5}, as_of=timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"))
    stale = SoftwareFactory(slug="stale", repository_url="https://forge.example.org/stale")
    evaluation(stale, {"community": 5}, as_of="2026-01-01T00:00:00Z")
    never = SoftwareFactory(slug="never", repository_url="https://forge.example.org/never")
    # Never evaluated first, then the oldest; two at a time; the fresh one is not due.
    assert sorted(job.software.slug for job in jobs_schedule_due()) == ["never", "outil"]
    assert [job.software.slug for job in jobs_schedule_due()] == ["stale"]
    assert jobs_schedule_due() == []  # all pending
    EvaluationJob.objects.update(status="failed", finished_at=timezone.now())
    assert jobs_schedule_due() == []  # a repository that just failed waits a day
    assert never and stale


def test_the_schedule_can_be_turned_off(settings, software):
    settings.EVALUATION_INTERVAL_DAYS = 0
    assert jobs_schedule_due() == []


def test_a_valid_publiccode_found_during_evaluation_fills_only_empty_fields(software, project):
    from communs.publiccode.tests.test_validator import MINIMAL

    project.commit(
        "2026-04-01T10:00:00Z",
        files={
            "publiccode.yml": MINIMAL.replace(
                "platforms: [web]", "platforms: [web]\nusedBy: [Ville de Lyon]"
            )
        },
    )
    software.development_status = "stable"  # set by a curator: kept
    software.save()
    job_request(software=software)
    job_run(job_claim())
    software.refresh_from_db()
    assert software.development_status == "stable"
    assert software.software_type == "standalone/web"  # was empty: filled
    assert software.used_by_suggestions == ["Ville de Lyon"]
    assert software.licence == "MIT"  # the curator's value, not the file's EUPL-1.2


def test_an_invalid_publiccode_found_during_evaluation_changes_nothing(software, project):
    project.commit("2026-04-01T10:00:00Z", files={"publiccode.yml": "name: [broken\n"})
    job_request(software=software)
    job = job_run(job_claim())
    software.refresh_from_db()
    assert job.status == "done"
    assert software.software_type == ""


def test_a_job_past_its_limits_fails_with_the_reason(software, monkeypatch):
    from communs.evaluation.targets import TargetError

    def too_slow(*args, **kwargs):
        raise TargetError("the repository took longer than 900 s to download.")

    monkeypatch.setattr("communs.evaluations.services.evaluate", too_slow)
    job_request(software=software)
    job = job_run(job_claim())
    assert job.status == "failed"
    assert job.error == "the repository took longer than 900 s to download."


def test_a_job_whose_git_reads_pass_the_deadline_fails_with_the_reason(software, project, settings):
    import os

    blob = project.git("rev-parse", "HEAD:README.md")
    loose = project.path / ".git" / "objects" / blob[:2] / blob[2:]
    loose.unlink()
    os.mkfifo(loose)  # git waits forever on it
    settings.EVALUATION_TIMEOUT = 1
    job_request(software=software)
    job = job_run(job_claim())
    assert job.status == "failed"
    assert "time limit of 1 s" in job.error
    assert not Evaluation.objects.filter(software=software).exists()


def test_the_catalogues_admin_offers_evaluate_now_which_queues_a_job(client, curator):
    """The action comes from the evaluations app: the catalogue does not import it."""
    from communs.catalog.tests.factories import SoftwareFactory

    software = SoftwareFactory(repository_url="https://example.org/team/tool.git")
    client.force_login(curator)
    response = client.post(
        "/admin/catalog/software/", {"action": "evaluate_now", "_selected_action": [software.pk]}
    )
    assert response.status_code == 302
    assert software.evaluation_jobs.count() == 1
