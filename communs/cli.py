"""The ``communs`` console script.

Engine commands (evaluation, publiccode.yml) run without loading Django, so they work on
any machine with nothing configured; every other command is a Django management command
(``communs migrate``, ``communs createsuperuser`` …).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn


def _evaluate(args: Sequence[str]) -> int:
    from communs.evaluation.cli import main as evaluate_main

    return evaluate_main(args)


def _publiccode(args: Sequence[str]) -> int:
    from communs.publiccode.cli import main as publiccode_main

    return publiccode_main(args)


# Commands served by the pure libraries, without Django. Each takes the remaining
# arguments and returns an exit code.
PURE_COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "evaluate": _evaluate,
    "publiccode": _publiccode,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in PURE_COMMANDS:
        return PURE_COMMANDS[args[0]](args[1:])
    return run_django(args)


def console() -> NoReturn:
    """The ``communs`` console script and ``python -m communs``.

    An engine command (``evaluate``, ``publiccode``) ends its process without tearing the
    interpreter down: freeing every commit and path read from a large history costs tens of
    milliseconds, and nothing is left to do once the report is written. Its output is
    flushed first; a reader gone away (a closed pipe) ends it with 120, as Python itself
    does, without a traceback. Django's commands end as usual.
    """
    if not (sys.argv[1:2] and sys.argv[1] in PURE_COMMANDS):
        sys.exit(main())
    try:
        code = main()
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away
        os._exit(120)
    os._exit(code)


def run_django(args: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "communs.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["communs", *args])
    except ImproperlyConfigured as error:
        print(f"communs: configuration error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    console()
