"""Which files of a repository mean what: README, licence, CI configuration, manifests …

Pure path rules shared by the facts and the checks, and the short list of files whose
content the snapshot reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

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
    return tuple(path for path in paths if not VENDORED.search(path))


def matching(paths: Iterable[str], pattern: re.Pattern[str]) -> list[str]:
    """The paths the pattern finds, sorted; give it paths already filtered with ``own``.

    The facts and several checks ask the same questions of the same tree: answers are kept.
    """
    return list(_matching(paths if isinstance(paths, tuple) else tuple(paths), pattern))


@lru_cache(maxsize=256)
def _matching(paths: tuple[str, ...], pattern: re.Pattern[str]) -> tuple[str, ...]:
    search = pattern.search
    return tuple(sorted(path for path in paths if search(path)))


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
