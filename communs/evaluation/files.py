"""Which files of a repository mean what: README, licence, CI configuration, manifests …

Pure path rules shared by the facts and the checks, and the short list of files whose
content the snapshot reads.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate
from typing import Any, cast

from communs.evaluation.snapshot import LOCKFILE_MAX_BYTES, MAX_FILE_BYTES, TreeEntry

MAX_FILES_READ = 400
MANIFEST_MAX_DEPTH = 3


def _names(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


README = _names(r"^(?:docs/|\.github/)?readme(?:[._-][a-z]{2}(?:[_-][a-z]{2})?)?(?:\.[a-z]+)?$")
LICENCE = _names(
    r"^(?:[\w.]+[-_.])?(?:licen[cs]e|copying|unlicense)(?:[._-][\w.-]*)?$|^licen[cs]es/[^/]+$"
)
CONTRIBUTING = _names(r"^(?:\.github/|docs/)?contributing(?:\.[a-z]+)?$")
CHANGELOG = _names(r"^(?:docs/)?(?:changelog|changes|history|news|release[-_]?notes)(?:\.[a-z]+)?$")
SECURITY = _names(r"^(?:\.github/|docs/|\.gitlab/)?security(?:\.[a-z]+)?$")
CODE_OF_CONDUCT = _names(r"^(?:\.github/|docs/)?code[-_]of[-_]conduct(?:\.[a-z]+)?$")
DOCS_FOLDER = _names(r"^(?:docs?|documentation|doc-src|website/docs)/")
TESTS = _names(
    r"(?:^|/)(?:tests?|spec|specs|__tests__|testing|e2e|cypress|features)/"
    r"|(?:^|/)test_[^/]+\.py$|_test\.(?:py|go|rb|exs?)$|\.(?:test|spec)\.[jt]sx?$"
    r"|(?:^|/)[^/]+Test\.(?:java|php|kt|cs)$|_spec\.rb$"
)
PUBLICCODE = _names(r"^publiccode\.ya?ml$")
CI = _names(
    r"^(?:\.github/workflows/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.travis\.ya?ml|jenkinsfile"
    r"|\.circleci/config\.ya?ml|\.woodpecker(?:\.ya?ml|/[^/]+\.ya?ml)|\.drone\.ya?ml"
    r"|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|\.(?:forgejo|gitea)/workflows/[^/]+"
    r"\.ya?ml|\.buildkite/[^/]+\.ya?ml|appveyor\.ya?ml)$"
)
GITHUB_WORKFLOW = _names(r"^\.github/workflows/[^/]+\.ya?ml$")
DEPENDENCY_UPDATES = _names(
    r"^(?:\.github/dependabot\.ya?ml|(?:\.github/|\.gitlab/)?renovate\.json5?"
    r"|\.renovaterc(?:\.json5?)?)$"
)
API_DESCRIPTION = _names(
    r"(?:^|/)(?:openapi|swagger)[^/]*\.(?:ya?ml|json)$|\.(?:graphql|gql|graphqls)$"
    r"|(?:^|/)asyncapi[^/]*\.(?:ya?ml|json)$"
)
TRANSLATION = _names(
    r"\.(?:po|pot|xliff|xlf)$|(?:^|/)(?:locales?|i18n|lang|translations)/[^/]+\.(?:json|ya?ml"
    r"|properties|ts|php|xml)$|(?:^|/)res/values-[a-z]{2}[^/]*/strings\.xml$"
)
FRENCH_TRANSLATION = _names(
    r"(?:^|[/_.-])fr(?:[_-](?:fr|be|ca|ch))?(?:/|\.(?:po|json|ya?ml|xliff|xlf|properties|ts"
    r"|php|md)$)"
)
CONTAINER = _names(
    r"(?:^|/)(?:dockerfile|containerfile)(?:\.[\w-]+)?$|(?:^|/)(?:docker-)?compose"
    r"(?:\.[\w-]+)?\.ya?ml$"
)
HELM = _names(r"(?:^|/)chart\.yaml$")
DEBIAN = _names(r"^(?:.*/)?debian/control$")
ANSIBLE = _names(
    r"(?:^|/)(?:ansible\.cfg|galaxy\.yml|playbook[^/]*\.ya?ml)$|(?:^|/)roles/[^/]+/"
    r"tasks/main\.ya?ml$"
)
OTHER_PACKAGING = _names(
    r"(?:^|/)(?:snapcraft\.yaml|flake\.nix|[^/]+\.spec|[^/]+\.flatpak"
    r"\.ya?ml|PKGBUILD)$"
)

# Software bills of materials (SPDX, CycloneDX), as OpenSSF Scorecard's SBOM check names them.
SBOM = _names(
    r"(?:^|/)[^/]*(?:\.spdx(?:\.(?:json|xml|ya?ml|rdf|tag|txt))?|\.cdx\.(?:json|xml)"
    r"|(?:^|[-_.])(?:sbom|bom)\.(?:json|xml|spdx|ya?ml))$"
)
# Static analysis configured in the repository itself (tools' own configuration files).
STATIC_ANALYSIS_CONFIG = _names(
    r"^(?:\.github/codeql/[^/]+|sonar-project\.properties|\.semgrep(?:\.ya?ml|/[^/]+)"
    r"|\.semgrepignore|\.bandit|\.snyk|codeql-config\.ya?ml|\.gosec\.json"
    r"|\.github/workflows/[^/]*(?:codeql|semgrep|sonar|snyk|brakeman|gosec|bandit)[^/]*)$"
)
# Fuzzing: ClusterFuzzLite, OSS-Fuzz build files, fuzz targets and harnesses.
FUZZING = _names(
    r"^\.clusterfuzzlite/|(?:^|/)(?:fuzz|fuzzing|fuzzers)/[^/]+$|(?:^|/)fuzz_[^/]+\.(?:py|c|cc|cpp)$"
    r"|(?:^|/)[^/]*_fuzz(?:er)?(?:_test)?\.(?:go|py|c|cc|cpp|rs|js|ts)$|(?:^|/)[^/]*Fuzz(?:er|Test)"
    r"\.(?:java|kt)$|(?:^|/)oss-fuzz/|(?:^|/)[^/]*\.fuzz\.[jt]s$"
)

# Dependency manifests, by ecosystem, and the lockfiles that pin them.
MANIFESTS: dict[str, re.Pattern[str]] = {
    "npm": _names(r"(?:^|/)package\.json$"),
    "python": _names(
        r"(?:^|/)(?:pyproject\.toml|setup\.py|setup\.cfg|requirements[^/]*\.(?:txt"
        r"|in)|pipfile)$"
    ),
    "ruby": _names(r"(?:^|/)(?:gemfile|[^/]+\.gemspec)$"),
    "php": _names(r"(?:^|/)composer\.json$"),
    "rust": _names(r"(?:^|/)cargo\.toml$"),
    "go": _names(r"(?:^|/)go\.mod$"),
    "java": _names(r"(?:^|/)(?:pom\.xml|build\.gradle(?:\.kts)?)$"),
    "elixir": _names(r"(?:^|/)mix\.exs$"),
    "dotnet": _names(r"\.(?:csproj|fsproj)$"),
}
LOCKFILES: dict[str, re.Pattern[str]] = {
    "npm": _names(
        r"(?:^|/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock"
        r"|pnpm-lock\.yaml|bun\.lockb?)$"
    ),
    "python": _names(
        r"(?:^|/)(?:poetry\.lock|uv\.lock|pipfile\.lock|pdm\.lock"
        r"|requirements[^/]*\.lock|constraints[^/]*\.txt)$"
    ),
    "ruby": _names(r"(?:^|/)gemfile\.lock$"),
    "php": _names(r"(?:^|/)composer\.lock$"),
    "rust": _names(r"(?:^|/)cargo\.lock$"),
    "go": _names(r"(?:^|/)go\.sum$"),
    "java": _names(r"(?:^|/)(?:gradle\.lockfile|[^/]*\.lockfile)$"),
    "elixir": _names(r"(?:^|/)mix\.lock$"),
    "dotnet": _names(r"(?:^|/)packages\.lock\.json$"),
}

# Lockfiles whose pinned versions the engine reads (``dependencies.lockfiles`` parses them).
READ_LOCKFILES = _names(
    r"(?:^|/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml"
    r"|gemfile\.lock|(?:poetry|uv|pdm)\.lock|pipfile\.lock|requirements[^/]*\.(?:txt|lock)"
    r"|constraints[^/]*\.txt|requirements/[^/]+\.txt|composer\.lock|cargo\.lock|go\.sum)$"
)

# Folders that hold someone else's code: their files do not describe this project.
VENDORED = _names(r"(?:^|/)(?:node_modules|vendor|third[_-]?party|bower_components|\.yarn)/")


def depth(path: str) -> int:
    return path.count("/")


def own(paths: Iterable[str]) -> tuple[str, ...]:
    """The paths outside vendored folders (whose files do not describe this project)."""
    return _own(paths if isinstance(paths, tuple) else tuple(paths))


@lru_cache(maxsize=8)
def _own(paths: tuple[str, ...]) -> tuple[str, ...]:
    vendored = set(_matching(paths, VENDORED))
    return tuple(path for path in paths if path not in vendored) if vendored else paths


def matching(paths: Iterable[str], pattern: re.Pattern[str]) -> list[str]:
    """The paths the pattern finds, sorted; give it paths already filtered with ``own``.

    The facts and several checks ask the same questions of the same tree: answers are kept.
    """
    return list(_matching(paths if isinstance(paths, tuple) else tuple(paths), pattern))


@lru_cache(maxsize=256)
def _matching(paths: tuple[str, ...], pattern: re.Pattern[str]) -> tuple[str, ...]:
    search = pattern.search
    candidates = _candidates(paths, pattern)
    if candidates is None:
        return tuple(sorted(path for path in paths if search(path)))
    return tuple(sorted(path for path in candidates if search(path)))


# Searching thousands of paths with expressions that may start anywhere ("(?:^|/)…") costs
# more than the rest of an evaluation's Python: each expression is first reduced to text
# that every match contains, found in C over all the paths at once; only the paths that
# hold it are searched. The answer is the same (a test compares both ways).
_MIN_LITERAL = 2


def _candidates(paths: tuple[str, ...], pattern: re.Pattern[str]) -> list[str] | None:
    """The paths that hold one of the texts every match contains (and every path that is not
    ASCII, whose case folding lowercasing would not show), or None when the pattern gives
    no such text."""
    literals = _required(pattern)
    if literals is None:
        return None
    folded, exact, starts, others = _joined(paths)
    joined = folded if pattern.flags & re.IGNORECASE else exact
    found = set(others)
    end = len(joined)
    for literal in literals:
        at = joined.find(literal)
        while at >= 0:
            index = bisect_right(starts, at) - 1
            found.add(index)
            following = starts[index + 1] if index + 1 < len(starts) else end
            at = joined.find(literal, following)
    return [paths[index] for index in sorted(found)]


@lru_cache(maxsize=8)
def _joined(paths: tuple[str, ...]) -> tuple[str, str, list[int], list[int]]:
    """The ASCII paths joined with NUL (no path holds one), lowercased and as written, where
    each path starts, and the indexes of the paths left out (written empty) as not ASCII."""
    others: list[int] = []
    placed: tuple[str, ...] | list[str] = paths
    if not "".join(paths).isascii():
        placed = [path if path.isascii() else "" for path in paths]
        others = [index for index, path in enumerate(paths) if not path.isascii()]
    exact = "\0".join(placed)
    starts = list(accumulate((len(path) + 1 for path in placed[:-1]), initial=0))
    return exact.lower(), exact, starts, others


@lru_cache(maxsize=256)
def _required(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Texts (lowercased if the pattern ignores case) one of which every match contains."""
    # The standard library's own parser of expressions (private, hence not typed).
    _parser: Any = importlib.import_module("re._parser")

    if pattern.flags & ~(re.IGNORECASE | re.UNICODE):
        return None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except re.error:
        return None
    found = _required_in(list(tree), pattern.flags & re.IGNORECASE)
    if found is None or min(map(len, found)) < _MIN_LITERAL:
        return None
    return frozenset(found)


def _required_in(items: list[tuple[object, object]], fold: int) -> set[str] | None:
    """The best set of texts for a sequence of parsed items (the longest shortest text)."""
    sre: Any = importlib.import_module("re._constants")

    options: list[set[str]] = []
    run = ""
    for op, value in items:
        if op is sre.LITERAL and isinstance(value, int) and value < 128:
            run += chr(value).lower() if fold else chr(value)
            continue
        if run:
            options.append({run})
            run = ""
        inner: set[str] | None = None
        if op is sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = cast(tuple[Any, int, int, Any], value)
            if not add_flags and not del_flags:
                inner = _required_in(list(sub), fold)
        elif op is sre.BRANCH:
            branches = [_required_in(list(sub), fold) for sub in value[1]]  # type: ignore[index]
            if all(branch is not None for branch in branches):
                inner = {text for branch in branches for text in branch}  # type: ignore[union-attr]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _high, sub = cast(tuple[int, Any, Any], value)
            if low >= 1:
                inner = _required_in(list(sub), fold)
        if inner:
            options.append(inner)
    if run:
        options.append({run})
    if not options:
        return None
    return max(options, key=lambda texts: min(map(len, texts)))


def finds(pattern: re.Pattern[str], text: str) -> bool:
    """Whether the pattern matches somewhere in the text (a manifest, a CI file), as
    ``pattern.search`` answers: the texts every match holds are first looked for with
    ``in``, in C, and the expression runs only when one of them is there (the standards'
    lists of library names, which ignore case and look behind, are otherwise tried at
    every character). A text that is not ASCII is always searched: Unicode case folding
    could match where lowercasing shows nothing."""
    literals = _required(pattern)
    if literals is not None and text.isascii():
        folded = text.lower() if pattern.flags & re.IGNORECASE else text
        if not any(literal in folded for literal in literals):
            return False
    return pattern.search(text) is not None


def manifests(paths: Iterable[str]) -> dict[str, list[str]]:
    listed = own(paths)
    found = {}
    for ecosystem, pattern in MANIFESTS.items():
        hits = [p for p in matching(listed, pattern) if depth(p) <= MANIFEST_MAX_DEPTH]
        if hits:
            found[ecosystem] = hits
    return found


def extension(path: str) -> str:
    """The lowercased suffix of the file name, with its dot ('' when there is none)."""
    name = path.rpartition("/")[2]
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def files_to_read(tree: Iterable[TreeEntry]) -> list[str]:
    """The files whose content checks read, at most MAX_FILES_READ of them."""
    paths = own(entry.path for entry in tree)
    wanted: list[str] = []
    for pattern in (
        README,
        LICENCE,
        CONTRIBUTING,
        CHANGELOG,
        SECURITY,
        CODE_OF_CONDUCT,
        PUBLICCODE,
        CI,
        DEPENDENCY_UPDATES,
    ):
        wanted += [path for path in matching(paths, pattern) if depth(path) <= 2]
    for hits in manifests(paths).values():
        wanted += hits
    wanted += [
        path for path in matching(paths, READ_LOCKFILES) if depth(path) <= MANIFEST_MAX_DEPTH
    ]
    return list(dict.fromkeys(wanted))[:MAX_FILES_READ]


def read_cap(path: str) -> int:
    """How many bytes of the file the snapshot keeps: lockfiles are read whole, up to a
    larger cap, because a cut lockfile pins nothing reliably."""
    return LOCKFILE_MAX_BYTES if READ_LOCKFILES.search(path) else MAX_FILE_BYTES
