"""Templates respect the layers of pyproject.toml's import-linter contract.

import-linter sees Python imports only. A template can still reach up a layer by loading
another app's template tags or reversing another app's URL names: this test reads every
app's templates and fails when one of them names something of a higher layer.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

from django.template import engines
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[3]
LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")
URL = re.compile(r"""{%\s*url\s+['"]([^'"]+)['"]""")


def layers() -> dict[str, int]:
    """Each layered package and its rank: 0 is the top."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    ranks = {}
    for rank, line in enumerate(contract["layers"]):
        for package in line.split("|"):
            ranks[package.strip()] = rank
    return ranks


def owner(module: str, ranks: dict[str, int]) -> str | None:
    """The layered package a module belongs to; None for Django and other libraries."""
    return next((p for p in ranks if module == p or module.startswith(p + ".")), None)


def url_modules() -> dict[str, str]:
    """Every URL name (with its namespace) and the module of the view it reverses to."""
    found: dict[str, str] = {}

    def walk(patterns: Sequence[object], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                view = getattr(pattern.callback, "view_class", pattern.callback)
                found.setdefault(f"{namespace}{pattern.name}", view.__module__)

    walk(get_resolver().url_patterns, "")
    return found


def violations(package: str, text: str) -> list[str]:
    """What a template of this package names from a higher layer."""
    ranks = layers()
    libraries = engines["django"].engine.libraries  # type: ignore[attr-defined]
    urls = url_modules()
    found = []
    for match in LOAD.finditer(text):
        words = match.group(1).split()
        names = words[words.index("from") + 1 :] if "from" in words else words
        for name in names:
            target = owner(libraries.get(name, ""), ranks)
            if target and ranks[target] < ranks[package]:
                found.append(f"loads the tags '{name}' of {target}")
    for name in URL.findall(text):
        target = owner(urls.get(name, ""), ranks)
        if target and ranks[target] < ranks[package]:
            found.append(f"reverses '{name}', served by {target}")
    return found


def test_no_template_loads_tags_or_reverses_urls_of_a_higher_layer():
    ranks = layers()
    problems = []
    for package in ranks:
        folder = ROOT.joinpath(*package.split("."), "templates")
        for template in sorted(folder.rglob("*.html")):
            for problem in violations(package, template.read_text(encoding="utf-8")):
                problems.append(f"{template.relative_to(ROOT)} {problem}")
    assert problems == []


def test_the_check_catches_tags_and_urls_of_a_higher_layer():
    text = "{% load i18n evaluations %}<a href=\"{% url 'usage:experiences' 'qgis' %}\">"
    assert violations("communs.catalog", text) == [
        "loads the tags 'evaluations' of communs.evaluations",
        "reverses 'usage:experiences', served by communs.usage",
    ]
    assert violations("communs.catalog", "{% url 'software' 'qgis' %}") == [
        "reverses 'software', served by communs.web"
    ]
    assert violations("communs.web", text) == []
    assert violations("communs.catalog", "{% load static %}{% url 'login' %}") == []


QUERYING = re.compile(r"^communs\.\w+\.(models|querysets|selectors|services)$|^django\.db(\.|$)")


def querying_imports(source: str) -> list[str]:
    """The modules a template tag library imports that give it a way to the database."""
    tree = ast.parse(source)
    modules = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ] + [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    return [module for module in modules if QUERYING.search(module)]


def test_template_tags_only_format_what_they_are_given():
    """Queries belong to selectors called by views, never to template tags."""
    problems = {
        str(path.relative_to(ROOT)): found
        for path in sorted(ROOT.joinpath("communs").glob("*/templatetags/*.py"))
        if (found := querying_imports(path.read_text(encoding="utf-8")))
    }
    assert problems == {}


def test_the_check_catches_a_template_tag_that_reads_the_database():
    source = "from communs.usage.models import UsageDeclaration\nfrom django.db import models\n"
    assert querying_imports(source) == ["communs.usage.models", "django.db"]
    assert querying_imports("from communs.evaluations.presentation import level\n") == []
