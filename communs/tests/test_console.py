"""Long console steps report counts and time left: one rewritten line on a terminal, plain
lines in a log."""

import re
import sys
import time

from communs import console
from communs.console import Progress, collected


def test_in_a_log_each_report_is_a_plain_line_with_counts_and_time_left():
    lines: list[str] = []
    progress = collected(lines)
    started = time.monotonic() - 2
    progress.step("Territories written", 1_000, 4_000, started)
    progress.step("Territories written", 4_000, 4_000, started)
    progress.say("Former codes: 3 aliases.")
    assert re.fullmatch(
        r"Territories written: 1,000 of 4,000 \(25%\), about \d+ s left\.\n", lines[0]
    )
    assert re.fullmatch(
        r"Territories written: 4,000 of 4,000 \(100%\), done in [\d.]+ s\.\n", lines[1]
    )
    assert lines[2] == "Former codes: 3 aliases.\n"
    assert not any("\r" in line for line in lines)


def test_in_a_log_reports_closer_than_the_interval_are_left_out_but_never_the_last():
    lines: list[str] = []
    progress = Progress(lines.append, every=60)
    started = time.monotonic()
    for done in range(1, 11):
        progress.step("Rows", done, 10, started)
    assert [line.split(" (")[0] for line in lines] == ["Rows: 1 of 10", "Rows: 10 of 10"]


def test_on_a_terminal_one_line_is_rewritten_then_ended():
    chunks: list[str] = []
    progress = Progress(chunks.append, tty=True)
    started = time.monotonic()
    progress.step("Rows", 1, 3, started)
    progress.step("Rows", 2, 3, started)
    progress.say("A plain line closes the open one.")
    progress.step("Rows", 3, 3, started)
    output = "".join(chunks)
    assert output.startswith("\rRows: 1 of 3 (33%)")
    assert "\rRows: 2 of 3 (66%)" in output
    assert "\nA plain line closes the open one.\n" in output
    assert output.endswith("done in 0.0 s.\x1b[K\n")


def test_the_installation_counts_the_packages_pip_collects(monkeypatch, tmp_path):
    fake_pip = tmp_path / "pip.py"
    fake_pip.write_text(
        "print('Collecting django==5.2')\nprint('Collecting asgiref==3.8')\n"
        "print('Installing collected packages: asgiref, django')\n"
        "print('Successfully installed asgiref-3.8 django-5.2')\n"
    )
    lines: list[str] = []
    monkeypatch.setattr(
        console, "_pip_command", lambda arguments: [sys.executable, str(fake_pip), *arguments]
    )
    assert console.pip_install(["-e", "."], progress=collected(lines)) == 0
    text = "".join(lines)
    assert "Packages looked up: 1 so far" in text and "Packages looked up: 2 so far" in text
    assert "Unpacking 2 packages into the environment" in text
    assert "Packages installed in" in text


def test_a_failed_installation_shows_what_pip_said(monkeypatch, tmp_path):
    fake_pip = tmp_path / "pip.py"
    fake_pip.write_text(
        "print('ERROR: No matching distribution found for nothing')\nraise SystemExit(1)\n"
    )
    monkeypatch.setattr(
        console, "_pip_command", lambda arguments: [sys.executable, str(fake_pip), *arguments]
    )
    lines: list[str] = []
    assert console.pip_install(["nothing"], progress=collected(lines)) == 1
    assert "No matching distribution found for nothing" in "".join(lines)
