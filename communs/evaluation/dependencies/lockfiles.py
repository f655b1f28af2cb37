"""The exact versions a lockfile pins, read by each package manager's file format.

Only what can be read reliably: versions that came from the ecosystem's registry. Entries
that come from a git repository, a local folder, a tarball URL or a workspace are left
out (no advisory database can speak of them), and so are the project's own packages.

Each parser takes the file's text and returns ``(name, version)`` pairs, or raises
``UnreadableLockfile`` with what went wrong.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeGuard

from communs.evaluation.dependencies.versions import UnorderedVersion, semver_key

Pins = list[tuple[str, str]]


class UnreadableLockfile(ValueError):
    """A lockfile whose format the parser does not recognise."""


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableLockfile(f"invalid JSON: {error.msg} (line {error.lineno})") from None


def _toml(text: str) -> dict[str, Any]:
    import tomllib  # loaded only for a TOML lockfile (Cargo, Poetry, uv, PDM)

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UnreadableLockfile(f"invalid TOML: {error}") from None


def _yaml(text: str) -> Any:
    import yaml  # loaded only for a pnpm lockfile: every evaluation imports this module

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as error:
        raise UnreadableLockfile(f"invalid YAML: {error}") from None


def _mapping(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise UnreadableLockfile(f"{what} is not a mapping")
    return value


# A registry version: digits first (npm, Cargo and Composer tags may start with "v").
REGISTRY_VERSION = re.compile(r"^v?\d+(?:\.[0-9A-Za-z-]+)*(?:[-+][0-9A-Za-z.+-]*)?$")


def _registry(version: object) -> TypeGuard[str]:
    return isinstance(version, str) and bool(REGISTRY_VERSION.match(version))


# npm -----------------------------------------------------------------------------------


def package_lock(text: str) -> Pins:
    """package-lock.json and npm-shrinkwrap.json, lockfile versions 1, 2 and 3."""
    data = _mapping(_json(text), "the lockfile")
    pins: Pins = []
    packages = data.get("packages")
    if isinstance(packages, dict):  # versions 2 and 3: one entry per installed folder
        for folder, entry in packages.items():
            if not folder or not isinstance(entry, dict) or entry.get("link"):
                continue
            if "node_modules/" not in folder:
                continue  # a workspace member: the project's own code
            name = entry.get("name") or folder.rpartition("node_modules/")[2]
            version = entry.get("version")
            if _registry(version) and not entry.get("inBundle"):
                pins.append((name, version))
        return pins
    dependencies = data.get("dependencies")
    if not isinstance(dependencies, dict):
        raise UnreadableLockfile("neither packages nor dependencies")
    for name, version in _npm_tree(dependencies):
        pins.append((name, version))
    return pins


def _npm_tree(dependencies: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Version 1 nests dependencies; an alias is written "npm:real-name@version"."""
    for name, entry in dependencies.items():
        if not isinstance(entry, dict):
            continue
        version = entry.get("version")
        if isinstance(version, str) and version.startswith("npm:"):
            name, _, version = version[4:].rpartition("@")
        if _registry(version) and not entry.get("bundled"):
            yield name, version
        nested = entry.get("dependencies")
        if isinstance(nested, dict):
            yield from _npm_tree(nested)


YARN_HEADER = re.compile(r"^(\S.*):\s*$")
YARN_VERSION = re.compile(r"^\s+version:?\s+\"?([^\"\s]+)\"?\s*$")
YARN_RESOLUTION = re.compile(r"^\s+resolution:\s+\"?([^\"]+)\"?\s*$")


def yarn_lock(text: str) -> Pins:
    """yarn.lock of Yarn 1 (its own format) and of Yarn 2 and later (YAML), line by line."""
    pins: Pins = []
    name = version = resolution = None

    def close() -> None:
        if name is None or version is None:
            return
        real, protocol_ok = name, True
        if resolution is not None:  # Yarn 2+: "name@npm:1.2.3", or a workspace, a patch …
            real, _, reference = resolution.rpartition("@")
            protocol_ok = reference.startswith("npm:")
        if protocol_ok and _registry(version) and real:
            pins.append((real, version))

    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        header = YARN_HEADER.match(line) if not line[0].isspace() else None
        if header:
            close()
            name, version, resolution = _yarn_name(header.group(1)), None, None
            continue
        found = YARN_VERSION.match(line)
        if found and line.startswith("  ") and not line.startswith("   "):
            version = found.group(1)
            continue
        found = YARN_RESOLUTION.match(line)
        if found:
            resolution = found.group(1)
    close()
    if not pins and "version" not in text:
        raise UnreadableLockfile("no entry with a version")
    return pins


def _yarn_name(header: str) -> str | None:
    """The package a header names: '"@scope/a@^1.0.0", "@scope/a@^1.2.0"' → '@scope/a'."""
    first = header.split(",")[0].strip().strip('"')
    if first == "__metadata":
        return None
    at = first.find("@", 1)
    if at < 0:
        return None
    name, spec = first[:at], first[at + 1 :]
    if spec.startswith("npm:") and "@" in spec[5:]:  # an alias: "alias@npm:real@^1"
        return spec[4:].rpartition("@")[0]
    if spec.startswith(("file:", "link:", "portal:", "workspace:", "git", "http", "patch:")):
        return None
    return name


PNPM_PEERS = re.compile(r"\(.*\)$")


def pnpm_lock(text: str) -> Pins:
    """pnpm-lock.yaml, lockfile versions 5 ("/name/1.0.0"), 6 ("/name@1.0.0") and 9."""
    data = _mapping(_yaml(text), "the lockfile")
    packages = data.get("packages") or {}
    if not isinstance(packages, dict):
        raise UnreadableLockfile("packages is not a mapping")
    old = str(data.get("lockfileVersion", "")).startswith("5")
    pins: Pins = []
    for key in packages:
        if not isinstance(key, str):
            continue
        entry = PNPM_PEERS.sub("", key.lstrip("/"))
        if old:
            name, _, version = entry.rpartition("/")
            version = version.split("_")[0]
        else:
            at = entry.rfind("@")
            if at <= 0:
                continue
            name, version = entry[:at], entry[at + 1 :]
        if name and _registry(version):
            pins.append((name, version))
    return pins


# Ruby ----------------------------------------------------------------------------------

GEM_SPEC = re.compile(r"^    ([^\s(]+) \(([^)]+)\)$")


def gemfile_lock(text: str) -> Pins:
    """Gemfile.lock: the specs of the GEM sections (GIT and PATH sections are not gems)."""
    pins: Pins = []
    section = ""
    for line in text.splitlines():
        if line and not line[0].isspace():
            section = line.strip()
            continue
        if section != "GEM":
            continue
        found = GEM_SPEC.match(line)
        if found:
            # A platform follows the version after "-" ("1.13.10-x86_64-linux").
            pins.append((found.group(1), found.group(2).split("-")[0]))
    if not pins and "GEM" not in text:
        raise UnreadableLockfile("no GEM section")
    return pins


# Python --------------------------------------------------------------------------------


def toml_packages(text: str) -> Pins:
    """poetry.lock, uv.lock and pdm.lock: [[package]] tables with a name and a version."""
    data = _toml(text)
    packages = data.get("package", [])
    if not isinstance(packages, list):
        raise UnreadableLockfile("package is not a list of tables")
    pins: Pins = []
    for entry in packages:
        if not isinstance(entry, dict):
            continue
        name, version, source = entry.get("name"), entry.get("version"), entry.get("source")
        if isinstance(source, dict) and (
            source.get("type") in {"git", "directory", "file", "url"}
            or source.keys() & {"git", "editable", "virtual", "path", "directory", "url"}
        ):
            continue  # not from an index
        if isinstance(name, str) and _registry(version):
            pins.append((name, version))
    return pins


def pipfile_lock(text: str) -> Pins:
    """Pipfile.lock: "default" and "develop", each name with its "==version"."""
    data = _mapping(_json(text), "the lockfile")
    pins: Pins = []
    for group in ("default", "develop"):
        entries = data.get(group) or {}
        if not isinstance(entries, dict):
            continue
        for name, entry in entries.items():
            version = entry.get("version") if isinstance(entry, dict) else None
            if isinstance(version, str) and version.startswith("=="):
                pins.append((name, version[2:]))
    return pins


def requirements(text: str) -> Pins:
    """requirements*.txt and constraints: the lines that pin one version (== or ===).

    Each logical line (backslash continuations joined) is read by ``packaging``; options
    (-r, -e, --hash …), URLs and ranges pin nothing and are left out.
    """
    from packaging.requirements import InvalidRequirement, Requirement  # costly to import

    pins: Pins = []
    for line in text.replace("\\\n", " ").splitlines():
        line = line.split(" #")[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        line = re.split(r"\s--", line)[0].strip()  # per-requirement options: --hash=…
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        specifiers = list(requirement.specifier)
        if requirement.url or len(specifiers) != 1:
            continue
        (specifier,) = specifiers
        if specifier.operator in {"==", "==="} and "*" not in specifier.version:
            pins.append((requirement.name, specifier.version))
    return pins


# PHP, Rust, Go -------------------------------------------------------------------------


def composer_lock(text: str) -> Pins:
    """composer.lock: "packages" and "packages-dev"; branches ("dev-main") pin no version."""
    data = _mapping(_json(text), "the lockfile")
    pins: Pins = []
    for group in ("packages", "packages-dev"):
        for entry in data.get(group) or []:
            if not isinstance(entry, dict):
                continue
            name, version = entry.get("name"), entry.get("version")
            if isinstance(name, str) and _registry(version):
                pins.append((name, version))
    return pins


def cargo_lock(text: str) -> Pins:
    """Cargo.lock: [[package]] from a registry (workspace members have no source)."""
    data = _toml(text)
    pins: Pins = []
    for entry in data.get("package", []):
        if not isinstance(entry, dict):
            continue
        source = entry.get("source")
        if isinstance(source, str) and source.startswith(("registry+", "sparse+")):
            name, version = entry.get("name"), entry.get("version")
            if isinstance(name, str) and _registry(version):
                pins.append((name, version))
    return pins


GO_SUM = re.compile(r"^(\S+) (v\S+?)(/go\.mod)? h1:\S+$")


def go_sum(text: str) -> Pins:
    """go.sum: the modules whose code was downloaded, at the highest version listed.

    go.sum also keeps the go.mod hashes of versions the build did not select ("/go.mod"
    lines), which are left out; of the versions whose code is listed, the build uses the
    highest (minimal version selection), which is the one kept.
    """
    best: dict[str, tuple[Any, str]] = {}
    for line in text.splitlines():
        found = GO_SUM.match(line.strip())
        if not found or found.group(3):
            continue
        module, version = found.group(1), found.group(2)
        try:
            ordered = semver_key(version)
        except UnorderedVersion:
            continue
        if module not in best or best[module][0] < ordered:
            best[module] = (ordered, version)
    return [(module, version[1:]) for module, (_, version) in sorted(best.items())]


def _names(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Which parser reads which file, and the OSV ecosystem of what it pins.
PARSERS: tuple[tuple[re.Pattern[str], str, Callable[[str], Pins]], ...] = (
    (_names(r"(?:^|/)(?:package-lock|npm-shrinkwrap)\.json$"), "npm", package_lock),
    (_names(r"(?:^|/)yarn\.lock$"), "npm", yarn_lock),
    (_names(r"(?:^|/)pnpm-lock\.yaml$"), "npm", pnpm_lock),
    (_names(r"(?:^|/)Gemfile\.lock$"), "RubyGems", gemfile_lock),
    (_names(r"(?:^|/)(?:poetry|uv|pdm)\.lock$"), "PyPI", toml_packages),
    (_names(r"(?:^|/)Pipfile\.lock$"), "PyPI", pipfile_lock),
    (
        _names(
            r"(?:^|/)(?:requirements[^/]*\.(?:txt|lock)|constraints[^/]*\.txt"
            r"|requirements/[^/]+\.txt)$"
        ),
        "PyPI",
        requirements,
    ),
    (_names(r"(?:^|/)composer\.lock$"), "Packagist", composer_lock),
    (_names(r"(?:^|/)Cargo\.lock$"), "crates.io", cargo_lock),
    (_names(r"(?:^|/)go\.sum$"), "Go", go_sum),
)


# A path some parser reads: one search instead of one per parser.
ANY_PARSER = _names("|".join(f"(?:{pattern.pattern})" for pattern, _, _ in PARSERS))


def parser_for(path: str) -> tuple[str, Callable[[str], Pins]] | None:
    for pattern, ecosystem, parse in PARSERS:
        if pattern.search(path):
            return ecosystem, parse
    return None
