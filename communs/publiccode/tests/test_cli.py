import json
import subprocess
import sys
from pathlib import Path

SUITE = Path(__file__).resolve().parent / "testsuite" / "v0"


def communs(*args):
    return subprocess.run(
        [sys.executable, "-m", "communs", "publiccode", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_valid_files_exit_0_and_warnings_are_shown():
    result = communs(
        "validate",
        SUITE / "valid" / "valid.yml",
        SUITE / "valid_with_warnings" / "valid.minimal.v0.3.yml",
    )
    assert result.returncode == 0, result.stdout
    assert "valid (version 0.7)" in result.stdout
    assert "1 warning" in result.stdout


def test_one_invalid_file_exits_1_and_json_lists_every_file():
    result = communs(
        "validate",
        SUITE / "valid" / "valid.yml",
        SUITE / "invalid" / "name_missing.yml",
        "--format",
        "json",
    )
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert [entry["valid"] for entry in report] == [True, False]
    assert set(report[1]) == {"file", "valid", "version", "errors", "warnings", "notices"}
    assert report[1]["errors"][0]["key"] == "name"
    assert set(report[1]["errors"][0]) == {
        "key",
        "code",
        "params",
        "rule",
        "message",
        "line",
        "column",
    }


def test_usage_errors_exit_2_with_one_line():
    for args in (
        ["validate", "missing.yml"],
        ["validate"],
        [],
        ["validate", "x", "--format", "xml"],
    ):
        result = communs(*args)
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr


def test_a_folder_is_named_as_a_folder_not_as_a_missing_file(tmp_path):
    result = communs("validate", tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"communs publiccode: {tmp_path} is a folder: give the publiccode.yml file itself "
        f"(such as {tmp_path / 'publiccode.yml'})."
    )
    missing = communs("validate", tmp_path / "missing.yml")
    assert missing.stderr.strip() == f"communs publiccode: no such file: {tmp_path / 'missing.yml'}"


def test_without_a_command_it_says_which_to_run():
    result = communs()
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "communs publiccode: say what to do: communs publiccode validate FILE... "
        "(see communs publiccode --help)"
    ]
