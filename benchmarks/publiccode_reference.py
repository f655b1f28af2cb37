"""Agreement of the publiccode.yml validator with the reference parser's whole test suite.

The repository ships a subset of the reference parser's cases (communs/publiccode/tests/
testsuite/). This script reads every case of a checkout of italia/publiccode-parser-go: the
files under ``testdata/v0/`` and the verdicts and error keys its ``v0_test.go`` expects,
and prints how often Communs agrees, for all cases and for those not shipped here.

    python -m benchmarks.publiccode_reference PATH_TO_PUBLICCODE_PARSER_GO

Cases whose expected errors come from network checks (reachability, oEmbed, remote
images) are left out, as in the shipped suite.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from communs.publiccode.validator import Result, validate_file

SHIPPED = Path(__file__).resolve().parent.parent / "communs/publiccode/tests/testsuite"
NETWORK = ("not reachable", "HTTP GET failed", "oEmbed", "valid code repository")
# Test functions of v0_test.go and the folder and verdict of their cases.
FUNCTIONS = {
    "TestValidTestcasesV0_NoNetwork": ("v0/valid/no-network", "valid"),
    "TestValidWithWarningTestcasesV0_NoNetwork": (
        "v0/valid_with_warnings/no-network",
        "valid_with_warnings",
    ),
    "TestInvalidTestcasesV0_NoNetwork": ("v0/invalid/no-network", "invalid"),
    "TestInvalidTestcasesV0": ("v0/invalid", "invalid"),
    "TestValidTestcasesV0": ("v0/valid", "valid"),
    "TestValidWithWarningsTestcasesV0": ("v0/valid_with_warnings", "valid_with_warnings"),
}
ENTRY = re.compile(r'"([^"]+\.yml)":\s*ValidationResults\{')
ISSUE = re.compile(
    r'Validation(Error|Warning)\{\s*"((?:[^"\\]|\\.)*)",\s*(.*?),\s*(\d+),\s*(\d+),?\s*\}', re.S
)


def cases(parser: Path) -> list[dict[str, object]]:
    source = (parser / "v0_test.go").read_text(encoding="utf-8")
    found = []
    for body in re.split(r"\nfunc ", source):
        name = body.split("(", 1)[0]
        if name not in FUNCTIONS:
            continue
        folder, verdict = FUNCTIONS[name]
        starts = list(ENTRY.finditer(body))
        expected = {}
        for index, start in enumerate(starts):
            end = starts[index + 1].start() if index + 1 < len(starts) else len(body)
            expected[start.group(1)] = [
                {"type": m.group(1).lower(), "key": m.group(2), "description": m.group(3)}
                for m in ISSUE.finditer(body[start.end() : end])
            ]
        for path in sorted((parser / "testdata" / folder).glob("*.yml")):
            issues = expected.get(path.name, [])
            if verdict != "valid" and path.name not in expected:
                continue
            network = "no-network" not in folder and any(
                any(word in str(issue["description"]) for word in NETWORK) for issue in issues
            )
            found.append(
                {
                    "file": f"testdata/{folder}/{path.name}",
                    "path": path,
                    "verdict": verdict if issues or verdict != "valid_with_warnings" else "valid",
                    "errors": issues,
                    "network": network,
                }
            )
    return found


def verdict(result: Result) -> str:
    if result.errors:
        return "invalid"
    return "valid_with_warnings" if result.warnings else "valid"


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not (Path(argv[0]) / "v0_test.go").is_file():
        print(__doc__, file=sys.stderr)
        return 2
    shipped = {
        case["file"] for case in json.loads((SHIPPED / "expected.json").read_text())["cases"]
    }
    every = [case for case in cases(Path(argv[0])) if not case["network"]]
    for label, selection in (
        ("all cases", every),
        ("cases not shipped", [case for case in every if case["file"] not in shipped]),
    ):
        same_verdict = same_keys = invalid = 0
        for case in selection:
            result = validate_file(case["path"])  # type: ignore[arg-type]
            same_verdict += verdict(result) == case["verdict"]
            if case["verdict"] == "invalid":
                invalid += 1
                errors = case["errors"]
                expected = {e["key"] for e in errors if e["type"] == "error"}  # type: ignore[attr-defined]
                same_keys += expected == {issue.key for issue in result.errors}
        print(
            f"{label}: same verdict {same_verdict}/{len(selection)} "
            f"({same_verdict / max(len(selection), 1):.1%}); same error keys "
            f"{same_keys}/{invalid} ({same_keys / max(invalid, 1):.1%})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
