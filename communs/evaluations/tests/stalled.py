"""Runs a worker command whose evaluations stall, so that a test can kill it mid-evaluation.

    python -m communs.evaluations.tests.stalled celery -A communs worker …
    python -m communs.evaluations.tests.stalled communs evaluation_worker

The engine's `evaluate` is replaced before Django's apps import it: the worker claims a job
and renews its lease as usual, then waits inside the evaluation until it is killed.
"""

from __future__ import annotations

import sys
import time
from typing import Any

import communs.evaluation


def stalled_evaluate(*args: Any, **kwargs: Any) -> Any:
    time.sleep(3600)
    raise RuntimeError("a stalled evaluation was not killed")


def main() -> None:
    communs.evaluation.evaluate = stalled_evaluate
    command, arguments = sys.argv[1], sys.argv[2:]
    if command == "celery":
        from celery.__main__ import main as celery_main

        sys.argv = ["celery", *arguments]
        celery_main()
    else:
        from communs.cli import main as communs_main

        sys.exit(communs_main(arguments))


if __name__ == "__main__":
    main()
