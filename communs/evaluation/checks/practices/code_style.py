"""Code style tooling.

What it measures: whether the repository configures linters or formatters (EditorConfig,
ESLint, Prettier, Ruff, Black, RuboCop, PHP_CodeSniffer, golangci-lint, rustfmt,
clang-format, pre-commit …).

Why it matters: consistent, linted code is easier for a new contributor or a provider to
read and change, and linters catch whole classes of bugs.

How to improve: pick the usual linter and formatter of the language and configure them in
the repository, ideally run in continuous integration.

Scoring: 10 for two tools or more, 6 for one, 0 for none.
"""

from __future__ import annotations

import re

from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

TOOL_FILES = re.compile(
    r"^(?:\.editorconfig|\.eslintrc(?:\.\w+)?|eslint\.config\.\w+|\.prettierrc(?:\.\w+)?"
    r"|prettier\.config\.\w+|ruff\.toml|\.ruff\.toml|\.flake8|\.pylintrc|\.isort\.cfg"
    r"|\.rubocop\.yml|\.standard\.yml|phpcs\.xml(?:\.dist)?|\.php-cs-fixer(?:\.dist)?\.php"
    r"|phpstan\.neon(?:\.dist)?|\.golangci\.ya?ml|rustfmt\.toml|\.rustfmt\.toml|clippy\.toml"
    r"|\.clang-format|\.clang-tidy|\.pre-commit-config\.yaml|checkstyle\.xml|\.stylelintrc"
    r"(?:\.\w+)?|biome\.jsonc?|\.credo\.exs|\.formatter\.exs|\.scalafmt\.conf|ktlint.*)$",
    re.IGNORECASE,
)
PYPROJECT_TOOLS = re.compile(r"^\[tool\.(ruff|black|isort|flake8|pylint|mypy)\b", re.MULTILINE)


CONFIGURE_TOOLS = Remediation(
    "Configure the usual linter and formatter of the language in the repository, and run them "
    "in continuous integration.",
    Effort.LOW,
)
NONE = Message(
    "practices.code_style.none",
    "No linter or formatter configuration was found.",
    remediation=CONFIGURE_TOOLS,
)
TOOLS = Message(
    "practices.code_style.tools",
    "{tools} code style tool configured.",
    plural="{tools} code style tools configured.",
    count="tools",
    remediation=CONFIGURE_TOOLS,
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    found = [path for path in snapshot.paths() if "/" not in path and TOOL_FILES.match(path)]
    pyproject = snapshot.read("pyproject.toml")
    if pyproject:
        found += [
            f"pyproject.toml [tool.{name}]" for name in PYPROJECT_TOOLS.findall(pyproject.text())
        ]
    found = sorted(set(found))
    if not found:
        return Finding.failed(NONE())
    score = 10 if len(found) >= 2 else 6
    return Finding.graded(TOOLS(tools=len(found)), score=score, tools=found)


CHECK = Check(
    id="practices.code_style",
    criterion=Criterion.PRACTICES,
    title="Code style tooling",
    weight=1,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NONE, TOOLS),
    evidence={"tools": "Tools"},
)
