from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from communs.opendata.services import opendata_export


class Command(BaseCommand):
    help = (
        "Open data. `opendata export [--output DIR]` writes the dumps: a CSV file and its "
        "Table Schema per table, a JSON file, one publiccode.yml per software and a DCAT-AP "
        "description (Turtle and JSON-LD). By default into the folder that /opendata/ serves."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="Write the dumps.")
        export.add_argument("--output", type=Path, help="Folder to write (replaced whole).")

    def handle(self, *args: Any, **options: Any) -> None:
        output = options.get("output")
        if output is not None and output.exists() and not output.is_dir():
            raise CommandError(f"{output} exists and is not a folder: give a folder.", returncode=2)
        try:
            summary = opendata_export(directory=output)
        except OSError as error:
            raise CommandError(f"cannot write the dumps: {error}", returncode=2) from error
        counts = ", ".join(f"{name}: {count}" for name, count in summary.rows.items())
        self.stdout.write(
            f"Wrote {summary.directory} ({counts}; publiccode.yml files: "
            f"{summary.publiccode_files})."
        )
