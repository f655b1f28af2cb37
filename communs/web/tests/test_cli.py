import subprocess
import sys


def test_the_console_script_runs_django_management_commands():
    result = subprocess.run(
        [sys.executable, "-m", "communs", "help", "load_demo"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Create or update the demo catalogue" in result.stdout


def test_an_unknown_command_exits_with_a_usage_error():
    result = subprocess.run(
        [sys.executable, "-m", "communs", "no-such-command"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Unknown command" in result.stderr
