"""`make run` installs only the runtime dependencies: every module the site imports must come
from them (or from what they require), never only from the development or benchmark tools."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
ROOT = PACKAGE.parent


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _runtime_closure() -> set[str]:
    """The runtime dependencies of pyproject.toml and, transitively, what they require."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [_name(requirement) for requirement in project["dependencies"]]
    found: set[str] = set()
    while wanted:
        name = wanted.pop()
        if name in found:
            continue
        found.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        # Requirements of an extra are installed only with that extra ("; extra == ...").
        wanted.extend(_name(r) for r in requires if "extra ==" not in r)
    return found


def _site_imports() -> dict[str, Path]:
    """Top-level third-party modules imported by the package's own code (tests and the
    browser suite excluded), with one file that imports each."""
    imports: dict[str, Path] = {}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).parts
        if (
            "tests" in relative
            or relative[0] in {"e2e", "conftest.py"}
            or path.name == "conftest.py"
        ):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "communs" and top not in sys.stdlib_module_names:
                    imports.setdefault(top, path)
    return imports


def test_every_module_the_site_imports_is_installed_by_make_run() -> None:
    runtime = _runtime_closure()
    distributions = metadata.packages_distributions()
    missing = {
        module: str(path.relative_to(ROOT))
        for module, path in _site_imports().items()
        if not any(
            d.lower().replace("_", "-") in runtime for d in distributions.get(module, [module])
        )
    }
    assert not missing, f"imported by the site but not a runtime dependency: {missing}"
