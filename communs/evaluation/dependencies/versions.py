"""How each ecosystem orders its versions, as OSV's schema asks ranges to be read.

OSV ranges are of two kinds that matter offline: ``SEMVER`` (SemVer 2.0 precedence, no
leading "v", whatever the ecosystem) and ``ECOSYSTEM`` (the package manager's own order).
Each ecosystem's order comes from a well-kept library where one exists (``packaging`` for
PyPI's PEP 440, ``semver`` for SemVer) and is written here from the package manager's
documented rules otherwise (RubyGems' ``Gem::Version``, Composer's ``version_compare``).

``key(ecosystem, version)`` gives a value that sorts like the ecosystem sorts, or raises
``UnorderedVersion`` when the string is not a version of that ecosystem.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, total_ordering
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import semver
    from packaging.version import Version

# ``semver`` and ``packaging`` are imported when a version is first ordered: every
# evaluation loads this module, few order a SemVer or PEP 440 version.


class UnorderedVersion(ValueError):
    """A string that the ecosystem's order cannot place."""


def semver_key(version: str) -> semver.Version:
    """SemVer 2.0 precedence; build metadata is ignored, as section 10 of SemVer says.

    A leading "v" (Go's module versions, Composer's tags) is dropped; a version with fewer
    than three numbers ("1.2") is read as "1.2.0", as npm's and OSV's tools do.
    """
    text = version.strip()
    if text[:1] in {"v", "V"}:
        text = text[1:]
    import semver

    try:
        return semver.Version.parse(text, optional_minor_and_patch=True)
    except (ValueError, TypeError):
        raise UnorderedVersion(version) from None


def pypi_key(version: str) -> Version:
    """PEP 440, through ``packaging`` (what pip itself uses)."""
    from packaging.version import InvalidVersion, Version

    try:
        return Version(version)
    except InvalidVersion:
        raise UnorderedVersion(version) from None


# RubyGems ------------------------------------------------------------------------------

GEM_VERSION = re.compile(
    r"^\s*[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?\s*$"
)
GEM_SEGMENT = re.compile(r"[0-9]+|[a-z]+", re.IGNORECASE)


@total_ordering
class GemVersion:
    """``Gem::Version`` ordering, from its documentation.

    A "-" means ".pre."; the version splits into numbers and letter runs; a letter run
    marks a prerelease and sorts before any number ("1.0.a" < "1.0"); trailing zeros of
    the release part and of the prerelease part are not significant ("1.0" == "1").
    """

    def __init__(self, version: str) -> None:
        if not GEM_VERSION.match(version):
            raise UnorderedVersion(version)
        text = version.strip().replace("-", ".pre.")
        segments: list[int | str] = [
            int(part) if part.isdigit() else part for part in GEM_SEGMENT.findall(text)
        ]
        first_text = next(
            (i for i, part in enumerate(segments) if isinstance(part, str)), len(segments)
        )
        self.segments = _without_trailing_zeros(segments[:first_text]) + _without_trailing_zeros(
            segments[first_text:]
        )

    def _compare(self, other: GemVersion) -> int:
        left, right = self.segments, other.segments
        for index in range(max(len(left), len(right))):
            a = left[index] if index < len(left) else 0
            b = right[index] if index < len(right) else 0
            if a == b:
                continue
            if isinstance(a, str) and isinstance(b, int):
                return -1
            if isinstance(a, int) and isinstance(b, str):
                return 1
            return -1 if a < b else 1  # type: ignore[operator]
        return 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GemVersion) and self._compare(other) == 0

    def __lt__(self, other: GemVersion) -> bool:
        return self._compare(other) < 0

    def __hash__(self) -> int:
        return hash(tuple(self.segments))


def _without_trailing_zeros(segments: list[int | str]) -> list[int | str]:
    end = len(segments)
    while end and segments[end - 1] == 0:
        end -= 1
    return segments[:end]


# Packagist (Composer) ------------------------------------------------------------------

# version_compare's special words, in order; any other word sorts before them all, and a
# number sits between "rc" and "pl" (PHP manual, version_compare).
PHP_WORDS = {"dev": 0, "alpha": 1, "a": 1, "beta": 2, "b": 2, "rc": 3, "#": 4, "pl": 5, "p": 5}
PHP_PART = re.compile(r"\d+|[a-z]+", re.IGNORECASE)


@total_ordering
class ComposerVersion:
    """PHP's ``version_compare`` on a Composer version without its leading "v".

    The version is cut at every change between digits and letters and at ".", "-", "_",
    "+"; numbers compare as numbers; words by the order dev < alpha = a < beta = b < RC <
    (number) < pl = p, any other word first. When one version runs out, the other's next
    part decides: a number makes it newer, a word is compared with a number ("1.0rc1" <
    "1.0" < "1.0.1" < "1.0pl1").
    """

    def __init__(self, version: str) -> None:
        text = version.strip()
        if text[:1] in {"v", "V"}:
            text = text[1:]
        if not text or not text[0].isdigit():
            raise UnorderedVersion(version)  # branches ("dev-main") are not versions
        self.parts: list[int | str] = [
            int(part) if part.isdigit() else part.lower() for part in PHP_PART.findall(text)
        ]

    @staticmethod
    def _rank(part: int | str) -> int:
        return PHP_WORDS["#"] if isinstance(part, int) else PHP_WORDS.get(part, -1)

    def _compare(self, other: ComposerVersion) -> int:
        left, right = self.parts, other.parts
        for a, b in zip(left, right, strict=False):
            if isinstance(a, int) and isinstance(b, int):
                if a != b:
                    return -1 if a < b else 1
                continue
            rank_a, rank_b = self._rank(a), self._rank(b)
            if rank_a != rank_b:
                return -1 if rank_a < rank_b else 1
        if len(left) == len(right):
            return 0
        longer, sign = (left, 1) if len(left) > len(right) else (right, -1)
        extra = longer[min(len(left), len(right))]
        return sign if self._rank(extra) >= PHP_WORDS["#"] else -sign

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ComposerVersion) and self._compare(other) == 0

    def __lt__(self, other: ComposerVersion) -> bool:
        return self._compare(other) < 0

    def __hash__(self) -> int:
        return hash(tuple(self.parts))


# The ecosystems whose lockfiles the engine reads, by OSV's ecosystem names.
ORDERS: dict[str, Callable[[str], Any]] = {
    "npm": semver_key,
    "crates.io": semver_key,
    "Go": semver_key,
    "PyPI": pypi_key,
    "RubyGems": GemVersion,
    "Packagist": ComposerVersion,
}


@lru_cache(maxsize=65_536)  # bounded: a worker evaluates repository after repository
def key(ecosystem: str, version: str, *, range_type: str = "ECOSYSTEM") -> Any:
    """A sortable key for the version in the range type's order (SEMVER or ECOSYSTEM)."""
    if range_type == "SEMVER":
        return semver_key(version)
    order = ORDERS.get(ecosystem)
    if order is None:
        raise UnorderedVersion(f"{ecosystem} {version}")
    return order(version)
