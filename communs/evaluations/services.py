"""Writes about evaluations: requesting and running jobs, storing reports, replies."""

from __future__ import annotations

import functools
import logging
import re
import tempfile
import threading
import urllib.parse
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from communs.catalog.models import Software
from communs.evaluation import GitError, TargetError, evaluate
from communs.evaluation.dependencies.osv import write_index
from communs.evaluation.dependencies.versions import ORDERS
from communs.evaluation.legacy import upgrade
from communs.evaluation.targets import parse_url, resolve_public
from communs.evaluations.models import (
    CheckComment,
    Evaluation,
    EvaluationJob,
    SoftwareAccount,
    announce_written,
)
from communs.evaluations.reading import read_report

logger = logging.getLogger(__name__)


class NotEvaluable(Exception):
    code = "not_evaluable"


class ReplyRefused(Exception):
    code = "reply_refused"


def repository_of(software: Software) -> str:
    """What the engine reads for this software: its local clone or its https:// URL."""
    if software.local_repository:
        return software.local_repository
    if software.repository_url:
        return software.repository_url
    raise NotEvaluable(_("This software has no source code repository to evaluate."))


def job_request(*, software: Software, by: Any = None) -> EvaluationJob:
    """Queue an evaluation of the software; while one is queued or running, return that one."""
    repository_of(software)
    pending = EvaluationJob.objects.pending().filter(software=software).first()
    if pending is not None:
        return pending
    try:
        with transaction.atomic():
            job = EvaluationJob.objects.create(
                software=software, requested_by=by if getattr(by, "pk", None) else None
            )
    except IntegrityError:  # another request created it meanwhile
        return EvaluationJob.objects.pending().get(software=software)
    transaction.on_commit(lambda: dispatch(job.pk))
    return job


def dispatch(job_id: int) -> None:
    """Hand the job to Celery in scale mode; the embedded worker polls the database itself.

    A broker that cannot be reached leaves the job queued (and logged): the page says it
    waits, and a curator can cancel it or request it again.
    """
    if settings.CELERY_BROKER_URL:
        from communs.evaluations.tasks import run_evaluation_job

        try:
            run_evaluation_job.delay(job_id)
        except Exception:
            logger.exception("evaluation job %s could not be sent to the broker", job_id)


def job_claim(job_id: int | None = None, *, local_only: bool = False) -> EvaluationJob | None:
    """Mark one queued job running under a new lease and return it; safe when several
    workers compete. ``local_only`` leaves the jobs of remote repositories queued (while
    this server cannot reach them)."""
    queued = EvaluationJob.objects.filter(status=EvaluationJob.Status.QUEUED)
    if local_only:
        queued = queued.exclude(software__local_repository="")
    candidates = (
        [job_id]
        if job_id
        else list(queued.order_by("created_at", "pk").values_list("pk", flat=True)[:10])
    )
    for candidate in candidates:
        now = timezone.now()
        lease = uuid.uuid4().hex
        # An UPDATE with the status in its WHERE clause: only one worker wins.
        claimed = queued.filter(pk=candidate).update(
            status=EvaluationJob.Status.RUNNING,
            started_at=now,
            heartbeat_at=now,
            lease=lease,
            attempts=models.F("attempts") + 1,
        )
        if claimed:
            found = EvaluationJob.objects.select_related("software").get(pk=candidate)
            announce_written([found.software_id])
            return found
    return None


def job_heartbeat(job: EvaluationJob) -> bool:
    """Renew the job's lease; False when this worker no longer holds it (cancelled or
    requeued meanwhile)."""
    return bool(
        EvaluationJob.objects.filter(
            pk=job.pk, status=EvaluationJob.Status.RUNNING, lease=job.lease
        ).update(heartbeat_at=timezone.now())
    )


class Heartbeat:
    """Renews a job's lease from a background thread while the evaluation runs."""

    def __init__(self, job: EvaluationJob, *, every: float | None = None) -> None:
        self.job = job
        self.every = every or max(settings.EVALUATION_JOB_LEASE_SECONDS / 3, 0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._beat, name=f"heartbeat-job-{job.pk}", daemon=True
        )

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _beat(self) -> None:
        try:
            while not self._stop.wait(self.every):
                if not job_heartbeat(self.job):
                    logger.warning("job %s: lease lost, its result will not be kept", self.job.pk)
                    return
        except Exception:
            logger.exception("job %s: heartbeat failed", self.job.pk)
        finally:
            connection.close()  # this thread's own database connection


def osv_dir() -> Path | None:
    """The OSV database evaluations read, while its folder exists (see ``osv_refresh``)."""
    folder = Path(settings.OSV_DIR)
    return folder if folder.is_dir() else None


def job_run(job: EvaluationJob) -> EvaluationJob:
    """Evaluate the job's software; a failure keeps the previous evaluation and says why."""
    software = job.software
    try:
        target = repository_of(software)
        address = None
        if target.startswith("https://"):
            parsed = parse_url(target)
            address = resolve_public(parsed.host, parsed.port)  # git connects there only
        with Heartbeat(job):
            report = evaluate(
                target if target.startswith("https://") else Path(target),
                as_of=timezone.now().replace(microsecond=0),
                cache_dir=Path(settings.EVALUATION_CACHE_DIR),
                clone_timeout=settings.EVALUATION_CLONE_TIMEOUT,
                clone_max_bytes=settings.EVALUATION_CLONE_MAX_BYTES,
                address=address,
                timeout=settings.EVALUATION_TIMEOUT,
                history_cache=Path(settings.EVALUATION_CACHE_DIR) / "histories",
                osv_dir=osv_dir(),
            )
    except TargetError as error:
        return _finish(job, failure=error.code, error=str(error))
    except GitError as error:
        return _finish(job, failure=EvaluationJob.Failure.GIT, error=str(error))
    except NotEvaluable as error:
        return _finish(job, failure=EvaluationJob.Failure.NOT_EVALUABLE, error=str(error))
    except Exception as error:
        logger.exception("evaluation job %s failed", job.pk)
        return _finish(job, failure=EvaluationJob.Failure.UNEXPECTED, error=type(error).__name__)
    evaluation = evaluation_store(software=software, report=report.as_json())
    if report.publiccode is not None:
        _complete_from_publiccode(software, report.publiccode)
    return _finish(job, evaluation=evaluation)


def _complete_from_publiccode(software: Software, content: bytes) -> None:
    """Fill the entry's empty fields from the repository's publiccode.yml, if it is valid."""
    from communs.catalog.services import PubliccodeRefused, software_import_publiccode

    try:
        software_import_publiccode(content=content, software=software, only_empty=True)
    except PubliccodeRefused as refused:
        logger.info("publiccode.yml of %s not imported: %s", software, refused)


def _finish(
    job: EvaluationJob,
    *,
    failure: str = "",
    error: str = "",
    evaluation: Evaluation | None = None,
) -> EvaluationJob:
    """Close the job, if this worker still holds its lease (a cancelled or requeued job is
    left as it is; an evaluation already stored stays stored)."""
    if failure and failure not in EvaluationJob.Failure.values:
        failure = EvaluationJob.Failure.UNEXPECTED
    closed = EvaluationJob.objects.filter(
        pk=job.pk, status=EvaluationJob.Status.RUNNING, lease=job.lease
    ).update(
        status=EvaluationJob.Status.FAILED if failure else EvaluationJob.Status.DONE,
        failure=failure,
        error=error[:2000],
        evaluation=evaluation,
        finished_at=timezone.now(),
    )
    if not closed:
        logger.warning("job %s: lease lost before the end; result not recorded", job.pk)
    announce_written([job.software_id])
    job.refresh_from_db()
    return job


def evaluation_store(*, software: Software, report: dict[str, Any]) -> Evaluation:
    """Store a report; the same commit evaluated as of the same moment is stored once.

    A report of an older schema (an older demo file, an import) is stored upgraded.
    """
    report = upgrade(report)
    reading = read_report(report)
    evaluation, _created = Evaluation.objects.get_or_create(
        software=software,
        head=reading.head or "",
        as_of=reading.as_of,
        defaults={
            "target": reading.target,
            "method_version": reading.method_version,
            "report": report,
        },
    )
    return evaluation


def jobs_requeue_expired(*, now: Any = None) -> tuple[int, int]:
    """Running jobs whose worker stopped renewing the lease: queued again, or failed with the
    reason once they used EVALUATION_JOB_MAX_ATTEMPTS. Returns (requeued, failed).

    Safe when several workers reap at once: each change is an UPDATE conditioned on the
    lease seen, so a job is requeued once.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.EVALUATION_JOB_LEASE_SECONDS)
    expired = EvaluationJob.objects.filter(
        status=EvaluationJob.Status.RUNNING, heartbeat_at__lt=cutoff
    )
    requeued, failed = 0, 0
    moved: list[int] = []
    for job_id, lease, attempts, software_id in expired.values_list(
        "pk", "lease", "attempts", "software_id"
    ):
        moved.append(software_id)
        same = EvaluationJob.objects.filter(
            pk=job_id, status=EvaluationJob.Status.RUNNING, lease=lease
        )
        if attempts >= settings.EVALUATION_JOB_MAX_ATTEMPTS:
            failed += same.update(
                status=EvaluationJob.Status.FAILED,
                failure=EvaluationJob.Failure.INTERRUPTED,
                lease="",
                finished_at=now,
                error=_(
                    "The worker stopped during each of %(count)d attempts; the evaluation "
                    "was given up. A curator can retry it."
                )
                % {"count": attempts},
            )
        elif same.update(status=EvaluationJob.Status.QUEUED, lease=""):
            requeued += 1
            transaction.on_commit(functools.partial(dispatch, job_id))
    announce_written(moved)
    return requeued, failed


def job_cancel(*, job: EvaluationJob, by: Any) -> bool:
    """A curator stops a queued or running job; a running evaluation's result is dropped."""
    cancelled = EvaluationJob.objects.filter(pk=job.pk, status__in=["queued", "running"]).update(
        status=EvaluationJob.Status.CANCELLED,
        lease="",
        finished_at=timezone.now(),
        error=_("Cancelled by %(user)s.") % {"user": by.get_username()},
    )
    announce_written([job.software_id])
    return bool(cancelled)


def jobs_schedule_due(*, now: Any = None) -> list[EvaluationJob]:
    """Queue the published software whose latest evaluation is older than the interval.

    At most EVALUATION_SCHEDULE_BATCH at a time, oldest first, so that a new installation
    does not clone the whole catalogue at once. An interval of 0 turns the schedule off.
    """
    if settings.EVALUATION_INTERVAL_DAYS <= 0:
        return []
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.EVALUATION_INTERVAL_DAYS)
    due = (
        Software.objects.published()
        .exclude(repository_url="", local_repository="")
        .annotate(latest=Max("evaluations__as_of"))
        .filter(models.Q(latest__isnull=True) | models.Q(latest__lte=cutoff))
        .exclude(evaluation_jobs__status__in=["queued", "running"])
        # A repository that just failed waits a day before it is tried again.
        .exclude(
            models.Exists(
                EvaluationJob.objects.filter(
                    software=models.OuterRef("pk"),
                    status=EvaluationJob.Status.FAILED,
                    finished_at__gt=now - timedelta(days=1),
                )
            )
        )
        .order_by(models.F("latest").asc(nulls_first=True), "pk")
    )[: settings.EVALUATION_SCHEDULE_BATCH]
    return [job_request(software=software) for software in due]


REMOTE_PAUSE_FIRST = timedelta(minutes=5)
REMOTE_PAUSE_LONGEST = timedelta(hours=6)


@dataclass(frozen=True)
class RemotePause:
    """Scheduled evaluations wait until `until`: the last remote jobs found no host."""

    until: datetime
    streak_started: datetime
    failures: int


def remote_pause_until(*, now: datetime | None = None) -> RemotePause | None:
    """The scale mode's back-off, read from the jobs themselves so every worker agrees.

    The most recent finished remote jobs that failed as unreachable, in a row, make a
    streak: the schedule waits five minutes after the first, then twice as long after each
    further one, up to six hours. One remote job that gets through ends the streak.
    """
    now = now or timezone.now()
    recent = (
        EvaluationJob.objects.filter(finished_at__isnull=False, software__local_repository="")
        .exclude(software__repository_url="")
        .exclude(status=EvaluationJob.Status.CANCELLED)
        .order_by("-finished_at")
        .values_list("failure", "finished_at")[:64]
    )
    streak: list[datetime] = []
    for failure, finished_at in recent:
        if failure != EvaluationJob.Failure.UNREACHABLE or finished_at is None:
            break
        streak.append(finished_at)
    if not streak:
        return None
    wait = min(REMOTE_PAUSE_FIRST * 2 ** (len(streak) - 1), REMOTE_PAUSE_LONGEST)
    until = streak[0] + wait
    if until <= now:
        return None
    return RemotePause(until=until, streak_started=streak[-1], failures=len(streak))


def can_see_failures(user: Any, software: Software) -> bool:
    """Curators and the software's linked maintainers see why an evaluation failed."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff:
        return True
    return SoftwareAccount.objects.filter(
        software=software, user=user, role=SoftwareAccount.Role.MAINTAINER
    ).exists()


def can_reply(user: Any, software: Software) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return SoftwareAccount.objects.filter(software=software, user=user).exists()


@transaction.atomic
def comment_create(*, software: Software, check_id: str, author: Any, body: str) -> CheckComment:
    from communs.evaluation import BY_ID

    if not can_reply(author, software):
        raise ReplyRefused(
            _("Only the maintainers and providers linked to this software may reply.")
        )
    if check_id not in BY_ID:
        raise ReplyRefused(_("There is no such check."))
    text = body.strip()
    if not text:
        raise ReplyRefused(_("The reply is empty."))
    comment = CheckComment(software=software, check_id=check_id, author=author, body=text)
    comment.full_clean()
    comment.save()
    return comment


DEMO_DIR = Path(__file__).resolve().parent / "demo"


def demo_evaluations_load(
    *, folder: Path = DEMO_DIR, progress: Callable[[int, int], object] | None = None
) -> int:
    """Store the evaluations shipped with the demo; those already stored are skipped.

    `progress(done, total)` is called after each file (one software's evaluations).
    """
    import json

    added = 0
    paths = sorted(folder.glob("*.json"))
    for done, path in enumerate(paths, start=1):
        if progress is not None:
            progress(done - 1, len(paths))
        data = json.loads(path.read_text(encoding="utf-8"))
        software = Software.objects.filter(slug=path.stem).first()
        if software is None:
            continue
        before = Evaluation.objects.filter(software=software).count()
        for record in data["evaluations"]:
            evaluation_store(software=software, report=record["report"])
        added += Evaluation.objects.filter(software=software).count() - before
    if progress is not None:
        progress(len(paths), len(paths))
    return added


# The OSV database ------------------------------------------------------------------------

# OSV record file names in an export: an id such as GHSA-xxxx-xxxx-xxxx or PYSEC-2024-1.
OSV_RECORD_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.json$")
OSV_RECORD_MAX_BYTES = 8 * 1024 * 1024
OSV_EXPORT_MAX_BYTES = 4 * 1024 * 1024 * 1024


class OsvRefreshFailed(Exception):
    """The OSV database could not be refreshed; the folder is left as it was."""


def osv_export_download(url: str, target: Path) -> None:
    """Download one ecosystem's export (the only network code of the OSV database)."""
    import urllib.request

    if not url.startswith("https://"):
        raise OsvRefreshFailed(f"only https:// exports are downloaded, not {url}")
    try:
        with urllib.request.urlopen(url, timeout=120) as answer, target.open("wb") as out:  # noqa: S310 (https only)
            copied = 0
            while chunk := answer.read(1 << 20):
                copied += len(chunk)
                if copied > OSV_EXPORT_MAX_BYTES:
                    raise OsvRefreshFailed(f"{url} is larger than the limit")
                out.write(chunk)
    except OSError as error:
        raise OsvRefreshFailed(f"{url}: {error}") from error


def osv_database_refresh(
    *,
    folder: Path,
    ecosystems: list[str],
    url: str,
    download: Callable[[str, Path], None] | None = None,
) -> dict[str, int]:
    """Replace each ecosystem's folder of OSV records with a fresh export (url's
    ``{ecosystem}`` filled in), one ecosystem at a time; returns the records per ecosystem.

    An ecosystem is swapped in only once its whole export was read: a failure leaves the
    folder it had. Only JSON records with plain file names are extracted.
    """
    unknown = sorted(set(ecosystems) - set(ORDERS))
    if unknown:
        raise OsvRefreshFailed(f"unknown ecosystem {unknown[0]!r}; known: {', '.join(ORDERS)}")
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for ecosystem in ecosystems:
        with tempfile.TemporaryDirectory(dir=folder, prefix=".refresh-") as work:
            archive = Path(work) / "all.zip"
            (download or osv_export_download)(
                url.format(ecosystem=urllib.parse.quote(ecosystem)), archive
            )
            staging = Path(work) / "records"
            counts[ecosystem] = _osv_extract(archive, staging)
            write_index(staging)  # evaluations then open only the records they need
            current = folder / ecosystem
            if current.exists():
                current.rename(Path(work) / "previous")
            staging.rename(current)
    return counts


def _osv_extract(archive: Path, staging: Path) -> int:
    staging.mkdir()
    try:
        with zipfile.ZipFile(archive) as export:
            count = 0
            for member in export.infolist():
                if member.is_dir() or not OSV_RECORD_NAME.match(member.filename):
                    continue
                if member.file_size > OSV_RECORD_MAX_BYTES:
                    continue
                (staging / member.filename).write_bytes(export.read(member))
                count += 1
    except (zipfile.BadZipFile, OSError) as error:
        raise OsvRefreshFailed(f"the export could not be read: {error}") from error
    return count
