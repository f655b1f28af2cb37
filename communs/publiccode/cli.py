"""``communs publiccode validate FILE …``: check publiccode.yml files, without Django."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from communs.publiccode.validator import Issue, Result, validate_file

USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"communs publiccode: {message} (see communs publiccode --help)", file=sys.stderr)
        raise SystemExit(USAGE_ERROR)


def parser() -> argparse.ArgumentParser:
    parse = _Parser(prog="communs publiccode", description="Work with publiccode.yml files.")
    # Not required for argparse: without a command, main says which to run (argparse would
    # say only "the following arguments are required: command").
    commands = parse.add_subparsers(dest="command", parser_class=_Parser)
    validate = commands.add_parser(
        "validate",
        help="validate files against the publiccode.yml standard (0.2 to 0.5, 0.7), offline",
    )
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    return parse


def _issue_text(kind: str, issue: Issue) -> str:
    where = f" (line {issue.line}, column {issue.column})" if issue.line else ""
    return f"  {kind:<8} {issue.key or '(file)'}{where}: {issue.message}"


def as_text(path: Path, result: Result) -> str:
    if result.valid:
        summary = f"valid (version {result.version})"
    else:
        summary = f"invalid, {len(result.errors)} error{'s' if len(result.errors) != 1 else ''}"
    if result.warnings:
        summary += f", {len(result.warnings)} warning{'s' if len(result.warnings) != 1 else ''}"
    if result.notices:
        summary += f", {len(result.notices)} notice{'s' if len(result.notices) != 1 else ''}"
    lines = [f"{path}: {summary}"]
    lines += [_issue_text("error", issue) for issue in result.errors]
    lines += [_issue_text("warning", issue) for issue in result.warnings]
    lines += [_issue_text("notice", issue) for issue in result.notices]
    return "\n".join(lines)


def as_json(path: Path, result: Result) -> dict[str, Any]:
    return {
        "file": str(path),
        "valid": result.valid,
        "version": result.version,
        "errors": [issue.as_json() for issue in result.errors],
        "warnings": [issue.as_json() for issue in result.warnings],
        "notices": [issue.as_json() for issue in result.notices],
    }


def main(argv: Sequence[str]) -> int:
    args = parser().parse_args(list(argv))
    if args.command is None:
        print(
            "communs publiccode: say what to do: communs publiccode validate FILE... "
            "(see communs publiccode --help)",
            file=sys.stderr,
        )
        return USAGE_ERROR
    for path in args.files:
        if path.is_dir():
            print(
                f"communs publiccode: {path} is a folder: give the publiccode.yml file itself "
                f"(such as {path / 'publiccode.yml'}).",
                file=sys.stderr,
            )
            return USAGE_ERROR
        if not path.is_file():
            print(f"communs publiccode: no such file: {path}", file=sys.stderr)
            return USAGE_ERROR
    results = [(path, validate_file(path)) for path in args.files]
    if args.format == "json":
        print(
            json.dumps(
                [as_json(path, result) for path, result in results], indent=2, ensure_ascii=False
            )
        )
    else:
        print("\n".join(as_text(path, result) for path, result in results))
    return 0 if all(result.valid for _, result in results) else 1
