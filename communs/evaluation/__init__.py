"""The evaluation engine: an explainable, reproducible evaluation of a git repository.

A pure library (no Django). ``evaluate(repository, as_of=...)`` reads the repository once
into an immutable snapshot, computes facts with exact definitions, runs every check of the
registry and returns a Report whose every score carries its reason and evidence.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communs.evaluation.git import (
    DEFAULT_CLONE_MAX_BYTES,
    DEFAULT_CLONE_TIMEOUT,
    DEFAULT_TIMEOUT,
    Deadline,
    GitError,
    open_local,
    open_url,
    read_snapshot,
)
from communs.evaluation.targets import TargetError, looks_like_url

if TYPE_CHECKING:
    from communs.evaluation.registry import BY_ID, CHECKS, METHOD_VERSION
    from communs.evaluation.report import Report, TreeWork
    from communs.evaluation.results import Check, CheckResult, Criterion, Finding, Outcome
    from communs.evaluation.snapshot import TreeSnapshot

# Loaded on first use: the checks take longer to import than git takes to start reading,
# so `evaluate` imports them while git reads the history (see `_tree_work`).
_LAZY = {
    "BY_ID": "communs.evaluation.registry",
    "CHECKS": "communs.evaluation.registry",
    "METHOD_VERSION": "communs.evaluation.registry",
    "Report": "communs.evaluation.report",
    "Check": "communs.evaluation.results",
    "CheckResult": "communs.evaluation.results",
    "Criterion": "communs.evaluation.results",
    "Finding": "communs.evaluation.results",
    "Outcome": "communs.evaluation.results",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _tree_work(
    tree: TreeSnapshot, checks: tuple[Check, ...] | None, osv_dir: Path | None
) -> TreeWork:
    """The report's work on HEAD's tree, run by ``read_snapshot`` while git reads the
    history: the report and every check are imported here, the OSV database (if any) is
    read for the locked packages, the facts of the tree are worked out and the checks
    declared ``tree_only`` run."""
    from communs.evaluation.registry import CHECKS
    from communs.evaluation.report import tree_work

    if osv_dir is not None:
        # Imported here: lockfile parsers and version orders are needed with a database only.
        from communs.evaluation.dependencies import advisories

        tree = tree.with_advisories(advisories(tree, osv_dir))
    else:
        tree = tree.with_advisories(None)
    return tree_work(tree, CHECKS if checks is None else checks)


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
    checks: Iterable[Check] | None = None,
    cache_dir: Path | None = None,
    progress: Callable[[str], None] | None = None,
    clone_timeout: int = DEFAULT_CLONE_TIMEOUT,
    clone_max_bytes: int = DEFAULT_CLONE_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    allow_other_owner: bool = False,
    history_cache: Path | None = None,
    address: str | None = None,
    osv_dir: Path | None = None,
) -> Report:
    """Evaluate a local repository (work tree or bare) or an https:// URL, as of a moment,
    with ``checks`` (default: every check of the registry).

    ``as_of`` must be timezone-aware; the evaluated commit is the last one dated at or before
    it. URLs are cloned blobless into ``cache_dir`` and fetched again on later calls; reading
    the repository must end within ``timeout`` seconds (every git process is stopped then).
    ``allow_other_owner`` lets git read a local repository owned by another user. With a
    ``history_cache`` folder, a re-evaluation reads only the commits added since the last
    one (the report is the same as a full evaluation's). Raises
    TargetError or GitError with a readable message. ``address`` (from
    targets.resolve_public) makes git connect there instead of resolving the host again.
    ``osv_dir`` is an OSV database folder (see ``dependencies.osv``) that the known
    vulnerabilities check compares the locked dependencies with; without it that check is
    inconclusive.
    """
    if as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    if osv_dir is not None and not osv_dir.is_dir():
        raise TargetError(f"the OSV database folder {osv_dir} does not exist.")
    target = str(repository)
    if isinstance(repository, str) and looks_like_url(repository):
        if cache_dir is None:
            raise TargetError("a cache folder is needed to clone a URL.")
        opened = open_url(
            repository,
            cache_dir,
            progress=progress,
            timeout=clone_timeout,
            max_bytes=clone_max_bytes,
            address=address,
        )
        opened.deadline = Deadline(timeout)  # the download has its own limit
    else:
        opened = open_local(
            Path(repository), allow_other_owner=allow_other_owner, deadline=Deadline(timeout)
        )
        target = str(Path(repository).resolve())
    chosen = None if checks is None else tuple(checks)
    done: list[TreeWork] = []  # by read_snapshot's thread, unless the repository is empty
    snapshot = read_snapshot(
        opened,
        target=target,
        as_of=as_of.astimezone(UTC),
        progress=progress,
        history_cache=history_cache,
        meanwhile=lambda tree: done.append(_tree_work(tree, chosen, osv_dir)),
    )
    if done and osv_dir is not None:
        from dataclasses import replace  # not before the first git: it imports inspect

        snapshot = replace(snapshot, advisories=done[0].tree.advisories)
    elif osv_dir is not None:
        from communs.evaluation.dependencies import with_advisories

        snapshot = with_advisories(snapshot, osv_dir)
    # Already loaded by _tree_work while git read the repository (not for an empty one).
    from communs.evaluation.registry import CHECKS
    from communs.evaluation.report import build_report

    return build_report(snapshot, CHECKS if chosen is None else chosen, done[0] if done else None)
