"""``communs evaluate``: evaluate a repository from the command line, without Django."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, time
from pathlib import Path

from communs.evaluation import evaluate
from communs.evaluation.git import DEFAULT_TIMEOUT, GitError, collector_paused
from communs.evaluation.render import RENDERERS
from communs.evaluation.targets import TargetError

USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"communs evaluate: {message} (see communs evaluate --help)", file=sys.stderr)
        raise SystemExit(USAGE_ERROR)


def parser() -> argparse.ArgumentParser:
    parse = _Parser(
        prog="communs evaluate",
        description="Evaluate a git repository against the community, practices, security "
        "and integration criteria. Every score comes with its reason and evidence.",
    )
    parse.add_argument("target", help="a local repository (work tree or bare) or an https:// URL")
    parse.add_argument("--format", choices=sorted(RENDERERS), default="text")
    parse.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="evaluate as of the end of that day (UTC); default: now",
    )
    parse.add_argument(
        "--check",
        action="append",
        metavar="ID",
        dest="checks",
        help="run only this check (repeatable); e.g. security.policy",
    )
    parse.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(
            os.environ.get("COMMUNS_CACHE_DIR")
            or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "communs"
        ),
        help="where URLs are cloned (default: $COMMUNS_CACHE_DIR or ~/.cache/communs)",
    )
    parse.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"stop reading the repository after this many seconds (default: {DEFAULT_TIMEOUT})",
    )
    parse.add_argument(
        "--allow-other-owner",
        action="store_true",
        help="read a local repository that belongs to another user (git refuses by default)",
    )
    parse.add_argument(
        "--incremental-cache",
        type=Path,
        metavar="DIR",
        help="keep the history read in DIR, so that the next evaluation reads only new commits",
    )
    parse.add_argument(
        "--osv-dir",
        type=Path,
        metavar="DIR",
        default=Path(os.environ["COMMUNS_OSV_DIR"]) if os.environ.get("COMMUNS_OSV_DIR") else None,
        help="an OSV database folder (DIR/<Ecosystem>/*.json as OSV exports it, or DIR/*.json) "
        "to compare locked dependencies with known vulnerabilities (default: $COMMUNS_OSV_DIR; "
        "without it that check is inconclusive)",
    )
    return parse


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expects a number of seconds, not {value!r}") from None
    if not 0 < seconds <= 86_400:
        raise argparse.ArgumentTypeError("expects a number of seconds between 0 and 86400")
    return seconds


def parse_as_of(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        day = datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise TargetError(f"--as-of expects a date like 2026-01-31, not {value!r}.") from None
    return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)


def main(argv: Sequence[str]) -> int:
    args = parser().parse_args(list(argv))
    checks = None  # every check, imported while git reads the repository
    if args.checks:
        from communs.evaluation.registry import BY_ID

        unknown = [check for check in args.checks if check not in BY_ID]
        if unknown:
            print(
                f"communs evaluate: unknown check {unknown[0]!r}; known checks: "
                f"{', '.join(sorted(BY_ID))}",
                file=sys.stderr,
            )
            return USAGE_ERROR
        checks = [BY_ID[check] for check in dict.fromkeys(args.checks)]
    interactive = sys.stderr.isatty()

    def progress(message: str) -> None:
        if interactive:
            print(f"… {message}", file=sys.stderr, flush=True)

    try:
        as_of = parse_as_of(args.as_of)
        with collector_paused():  # for the whole evaluation (4% of the time on rails)
            report = evaluate(
                args.target,
                as_of=as_of,
                cache_dir=args.cache_dir.expanduser(),
                progress=progress,
                checks=checks,
                timeout=args.timeout,
                allow_other_owner=args.allow_other_owner,
                history_cache=args.incremental_cache,
                osv_dir=args.osv_dir.expanduser() if args.osv_dir else None,
            )
    except (TargetError, GitError) as error:
        print(f"communs evaluate: {error}", file=sys.stderr)
        return USAGE_ERROR
    except KeyboardInterrupt:
        print("communs evaluate: interrupted.", file=sys.stderr)
        return USAGE_ERROR
    sys.stdout.write(RENDERERS[args.format](report))
    if args.format == "json":
        sys.stdout.write("\n")
    return 0
