"""The evaluation engine: an explainable, reproducible evaluation of a git repository.

A pure library (no Django). ``evaluate(repository, as_of=...)`` reads the repository once
into an immutable snapshot, computes facts with exact definitions, runs every check of the
registry and returns a Report whose every score carries its reason and evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from communs.evaluation.git import (
    DEFAULT_CLONE_MAX_BYTES,
    DEFAULT_CLONE_TIMEOUT,
    GitError,
    open_local,
    open_url,
    read_snapshot,
)
from communs.evaluation.registry import BY_ID, CHECKS, METHOD_VERSION
from communs.evaluation.report import Report, build_report
from communs.evaluation.results import Check, CheckResult, Criterion, Finding, Outcome
from communs.evaluation.targets import TargetError, looks_like_url

__all__ = [
    "BY_ID",
    "CHECKS",
    "METHOD_VERSION",
    "Check",
    "CheckResult",
    "Criterion",
    "Finding",
    "GitError",
    "Outcome",
    "Report",
    "TargetError",
    "evaluate",
]


def evaluate(
    repository: str | Path,
    *,
    as_of: datetime,
    checks: Iterable[Check] = CHECKS,
    cache_dir: Path | None = None,
    progress: Callable[[str], None] | None = None,
    clone_timeout: int = DEFAULT_CLONE_TIMEOUT,
    clone_max_bytes: int = DEFAULT_CLONE_MAX_BYTES,
    address: str | None = None,
) -> Report:
    """Evaluate a local repository (work tree or bare) or an https:// URL, as of a moment.

    ``as_of`` must be timezone-aware. URLs are cloned blobless into ``cache_dir`` and
    fetched again on later calls; ``address`` (from targets.resolve_public) makes git connect
    there instead of resolving the host again. Raises TargetError or GitError with a readable
    message.
    """
    if as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    target = str(repository)
    if isinstance(repository, str) and looks_like_url(repository):
        if cache_dir is None:
            raise TargetError("a cache folder is needed to clone a URL.")
        path = open_url(
            repository,
            cache_dir,
            progress=progress,
            timeout=clone_timeout,
            max_bytes=clone_max_bytes,
            address=address,
        )
    else:
        path = open_local(Path(repository))
        target = str(path)
    snapshot = read_snapshot(path, target=target, as_of=as_of.astimezone(UTC), progress=progress)
    return build_report(snapshot, checks)
