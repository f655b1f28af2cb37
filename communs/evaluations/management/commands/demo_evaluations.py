"""Regenerate the evaluations shipped with the demo from a folder of clones."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import yaml
from django.core.management.base import BaseCommand, CommandError

from communs.catalog.services import DEMO_FILE
from communs.evaluation import evaluate
from communs.evaluations.services import DEMO_DIR


def is_repository(folder: Path) -> bool:
    """A work tree (a .git folder or file) or a bare repository (HEAD and objects/)."""
    return (folder / ".git").exists() or (
        (folder / "HEAD").is_file() and (folder / "objects").is_dir()
    )


def find_clone(clones: Path, url: str) -> Path | None:
    """A clone of the repository in the folder: owner+name/repo, owner+name, owner/name, name.

    Only a git repository counts, so that the `wagtail/` package folder of a clone named
    `wagtail` is not taken for a clone of wagtail/wagtail.
    """
    owner, _, name = url.rstrip("/").removesuffix(".git").rpartition("/")
    owner = owner.rpartition("/")[2]
    for candidate in (
        clones / f"{owner}+{name}" / "repo",
        clones / f"{owner}+{name}",
        clones / owner / name,
        clones / name,
    ):
        if candidate.is_dir() and is_repository(candidate):
            return candidate
    return None


class Command(BaseCommand):
    help = (
        "Evaluate the demo catalogue's repositories found in a folder of clones and write the "
        "reports shipped with the demo (communs/evaluations/demo/<slug>.json)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("clones", type=Path, help="folder holding clones of the repositories")
        parser.add_argument(
            "--as-of",
            required=True,
            action="append",
            help="YYYY-MM-DD, end of day UTC; repeat for a history",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=DEMO_DIR,
            help="folder the reports are written to (default: the demo's own)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        clones: Path = options["clones"]
        output: Path = options["output"]
        output.mkdir(parents=True, exist_ok=True)
        if not clones.is_dir():
            raise CommandError(f"{clones} is not a folder.")
        moments = sorted(
            datetime.combine(datetime.strptime(d, "%Y-%m-%d").date(), time(23, 59, 59), tzinfo=UTC)
            for d in options["as_of"]
        )
        catalogue = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
        written = 0
        for entry in catalogue["software"]:
            url = entry.get("repository_url") or ""
            clone = find_clone(clones, url) if url else None
            if clone is None:
                continue
            self.stdout.write(f"Evaluating {entry['slug']} from {clone} …")
            records = []
            for as_of in moments:
                # The engine evaluates the last commit at or before as_of, with its tags.
                report = evaluate(clone, as_of=as_of).as_json()
                report["target"] = url  # the published repository, not this machine's folder
                records.append(
                    {
                        "commit": report["head"],
                        "as_of": report["as_of"],
                        "method_version": report["method_version"],
                        "report": report,
                    }
                )
            (output / f"{entry['slug']}.json").write_text(
                json.dumps(
                    {"repository_url": url, "evaluations": records}, indent=1, ensure_ascii=False
                )
                + "\n",
                encoding="utf-8",
            )
            written += 1
        self.stdout.write(f"{written} demo evaluations written to {output}.")
