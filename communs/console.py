"""Progress of long console steps: counts and the time left, readable on a terminal and in a log.

On a terminal a step rewrites one line as it advances; in a log (output redirected to a
file or a pipe) each report is a plain line of its own, flushed at once so that a log
followed with `tail -f` is never behind. Pure Python: the installation step uses it
before Django is installed.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class Progress:
    """Say plain lines, and report a step's progress as counts with an estimate of time left."""

    def __init__(
        self,
        write: Callable[[str], object],
        *,
        tty: bool = False,
        flush: Callable[[], object] | None = None,
        every: float = 2.0,
    ) -> None:
        self._write = write
        self._flush = flush or (lambda: None)
        self.tty = tty
        # In a log, a line at most every `every` seconds (and the last one); on a terminal
        # the line is rewritten at each report.
        self.every = every
        self._open = False
        self._last = 0.0

    def say(self, text: str) -> None:
        self._close()
        self._emit(text + "\n")

    def step(self, label: str, done: int, total: int, started: float) -> None:
        """Report `done` of `total` items of a step that began at `started` (time.monotonic)."""
        now = time.monotonic()
        last = done >= total
        if not self.tty and not last and now - self._last < self.every:
            return
        self._last = now
        line = f"{label}: {done:,} of {total:,} ({done * 100 // max(total, 1)}%)"
        if last:
            line += f", done in {now - started:.1f} s."
        elif done:
            line += f", about {(now - started) / done * (total - done):.0f} s left."
        else:
            line += "."
        if self.tty:
            self._emit("\r" + line + "\033[K" + ("\n" if last else ""))
            self._open = not last
        else:
            self._emit(line + "\n")

    def counting(self, label: str, done: int, started: float) -> None:
        """Report `done` items of a step whose total is not known yet, and the time spent."""
        now = time.monotonic()
        if not self.tty and now - self._last < self.every:
            return
        self._last = now
        line = f"{label}: {done:,} so far, {now - started:.0f} s."
        if self.tty:
            self._emit("\r" + line + "\033[K")
            self._open = True
        else:
            self._emit(line + "\n")

    def _close(self) -> None:
        if self._open:
            self._emit("\n")
            self._open = False

    def _emit(self, text: str) -> None:
        self._write(text)
        self._flush()


def collected(lines: list[str]) -> Progress:
    """A Progress that keeps what it says in `lines` (as a log would), for tests and callers."""
    return Progress(lines.append, tty=False, every=0.0)


def _pip_command(arguments: list[str]) -> list[str]:
    import sys

    # Without byte-compiling every module of every package: Python compiles the few it
    # imports on first use, which makes the first installation markedly shorter.
    return [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--progress-bar",
        "off",
        "--no-compile",
        *arguments,
    ]


def pip_install(arguments: list[str], *, progress: Progress) -> int:
    """Run `pip install` with these arguments, reporting packages as pip reaches them.

    pip names each package as it collects it, then lists them all before unpacking; its
    own output is kept back and shown only when it fails.
    """
    import subprocess

    command = _pip_command(arguments)
    started, collected_count, kept = time.monotonic(), 0, []
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            kept.append(line)
            if line.startswith("Collecting "):
                collected_count += 1
                progress.counting("Packages looked up", collected_count, started)
            elif line.startswith("Installing collected packages:"):
                total = len(line.split(":", 1)[1].split(","))
                progress.say(
                    f"Unpacking {total:,} packages into the environment "
                    f"({time.monotonic() - started:.0f} s so far)…"
                )
    if process.returncode:
        progress.say("".join(kept).rstrip())
        return process.returncode
    progress.say(f"Packages installed in {time.monotonic() - started:.0f} s.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m communs.console pip-install ARGS…`: what `make run` uses to install."""
    import sys

    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] != "pip-install":
        print("usage: python -m communs.console pip-install PIP-INSTALL-ARGUMENTS…")
        return 2
    progress = Progress(sys.stdout.write, tty=sys.stdout.isatty(), flush=sys.stdout.flush)
    return pip_install(arguments[1:], progress=progress)


if __name__ == "__main__":
    raise SystemExit(main())
