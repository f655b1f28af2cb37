"""OSV ranges read as the schema says, in each ecosystem's order, checked against
independent oracles on random versions."""

import random

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from communs.evaluation.dependencies.osv import Affected, Event, Range, is_affected
from communs.evaluation.dependencies.versions import (
    ComposerVersion,
    GemVersion,
    UnorderedVersion,
    key,
    semver_key,
)


def affected(ecosystem, range_type, *events, versions=()):
    span = Range(range_type, tuple(Event(kind, version) for kind, version in events))
    return Affected(ecosystem, "pkg", (span,), frozenset(versions))


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("0.9.0", False),
        ("1.0.0", True),
        ("1.4.1", True),
        ("1.4.2", False),
        ("1.9.0", False),
        ("2.0.0-alpha", False),
        ("2.0.0-beta.1", True),
        ("2.0.0", True),
        ("2.1.0", False),
    ],
)
def test_a_semver_range_with_two_intervals_and_a_prerelease(version, expected):
    span = affected(
        "npm",
        "SEMVER",
        ("introduced", "1.0.0"),
        ("fixed", "1.4.2"),
        ("introduced", "2.0.0-beta.1"),
        ("fixed", "2.1.0"),
    )
    assert is_affected(span, version) is expected


def test_events_are_replayed_in_version_order_whatever_their_order_in_the_file():
    span = affected("npm", "SEMVER", ("fixed", "1.4.2"), ("introduced", "1.0.0"))
    assert is_affected(span, "1.2.0") is True
    assert is_affected(span, "1.5.0") is False


@pytest.mark.parametrize(
    ("version", "expected"), [("2.9.9", True), ("3.0.0", True), ("3.0.1", False)]
)
def test_last_affected_is_an_inclusive_ceiling(version, expected):
    span = affected("npm", "ECOSYSTEM", ("introduced", "0"), ("last_affected", "3.0.0"))
    assert is_affected(span, version) is expected


@pytest.mark.parametrize(
    ("version", "expected"), [("0.4.9", False), ("0.5.0", True), ("0.6.9", True), ("0.7.0", False)]
)
def test_a_limit_bounds_an_open_range(version, expected):
    span = affected("crates.io", "SEMVER", ("introduced", "0.5.0"), ("limit", "0.7.0"))
    assert is_affected(span, version) is expected


def test_a_star_limit_is_infinity():
    span = affected("crates.io", "SEMVER", ("introduced", "0.5.0"), ("limit", "*"))
    assert is_affected(span, "99.0.0") is True


def test_introduced_zero_sorts_before_every_version():
    span = affected("PyPI", "ECOSYSTEM", ("introduced", "0"), ("fixed", "0.0.1"))
    assert is_affected(span, "0.0.0a1") is True
    assert is_affected(span, "0.0.1") is False


def test_a_versions_list_matches_exactly_without_ranges():
    entry = Affected("Packagist", "pkg", (), frozenset({"v5.1.0", "5.1.1"}))
    assert is_affected(entry, "v5.1.0") is True
    assert is_affected(entry, "5.1.2") is False


def test_a_version_the_order_cannot_place_is_undecided_not_safe():
    span = affected("PyPI", "ECOSYSTEM", ("introduced", "0"), ("fixed", "2.0"))
    assert is_affected(span, "not a version") is None


def test_git_ranges_are_not_evaluated_offline():
    span = affected("npm", "GIT", ("introduced", "a" * 40))
    assert is_affected(span, "1.0.0") is False


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("1.0.a", "1.0"),
        ("1.2.0.rc1", "1.2.0"),
        ("1.2.0-rc1", "1.2.0"),
        ("1.9", "1.10"),
        ("1.0.0.pre", "1.0.0.pre.1"),
        ("1.0.b1", "1.0.rc1"),
    ],
)
def test_rubygems_order(lower, higher):
    assert GemVersion(lower) < GemVersion(higher)
    assert GemVersion("1.0") == GemVersion("1.0.0")


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("1.0rc1", "1.0"),
        ("1.0", "1.0.1"),
        ("1.0", "1.0pl1"),
        ("1.0-dev", "1.0-alpha1"),
        ("1.0-alpha1", "1.0-beta1"),
        ("1.0-beta2", "1.0-RC1"),
        ("v2.9.9", "3.0.0-beta1"),
    ],
)
def test_composer_order(lower, higher):
    assert ComposerVersion(lower) < ComposerVersion(higher)
    assert ComposerVersion("v1.2.3") == ComposerVersion("1.2.3")


@pytest.mark.parametrize(
    ("ecosystem", "version"),
    [
        ("Packagist", "dev-main"),
        ("RubyGems", "not-a-gem!"),
        ("PyPI", "1.0-and-then"),
        ("npm", "x.y"),
    ],
)
def test_strings_that_are_not_versions_of_the_ecosystem_are_refused(ecosystem, version):
    with pytest.raises(UnorderedVersion):
        key(ecosystem, version)


def test_semver_ignores_build_metadata_and_a_leading_v():
    assert semver_key("v2.1.0+incompatible") == semver_key("2.1.0")


# Differential tests: the schema's event timeline against independent oracles.


def _random_pep440(rng):
    release = ".".join(str(rng.randint(0, 3)) for _ in range(rng.randint(1, 3)))
    suffix = rng.choice(["", "", "a1", "b2", "rc1", ".post1", ".dev0"])
    return release + suffix


def _excluded_by_pep440_exclusive_rule(candidate, high):
    """PEP 440's "<V" also refuses pre-releases of V itself (a rule of specifiers, not of
    the order OSV ranges use): the oracle cannot speak for those candidates."""
    ours, theirs = Version(candidate), Version(high)
    return (ours.is_prerelease or ours.is_devrelease) and Version(ours.base_version) == Version(
        theirs.base_version
    )


def test_pypi_ranges_agree_with_packaging_specifier_sets_on_random_versions():
    """introduced X, fixed Y means ">=X, <Y" to pip (prereleases included): the event
    replay in PEP 440 order and packaging's own specifier logic must agree."""
    rng = random.Random(12)  # noqa: S311 (reproducible test data)
    for _ in range(400):
        low, high = sorted([_random_pep440(rng), _random_pep440(rng)], key=Version)
        if Version(low) == Version(high):
            continue
        span = affected("PyPI", "ECOSYSTEM", ("introduced", low), ("fixed", high))
        # "0" is OSV's "before every version", below even "0.dev0".
        lower = "" if low == "0" else f">={low},"
        oracle = SpecifierSet(f"{lower}<{high}", prereleases=True)
        for _ in range(10):
            candidate = _random_pep440(rng)
            if _excluded_by_pep440_exclusive_rule(candidate, high):
                continue
            expected = Version(candidate) in oracle
            assert is_affected(span, candidate) is expected, (low, high, candidate)


def _random_semver(rng):
    core = ".".join(str(rng.randint(0, 3)) for _ in range(3))
    return core + rng.choice(["", "", "-alpha", "-alpha.1", "-beta.2", "-rc.1"])


def test_semver_ranges_agree_with_intervals_built_by_sorting_on_random_versions():
    """Random sets of disjoint [introduced, fixed) intervals, given to the replay in a
    shuffled order, against membership tested interval by interval."""
    rng = random.Random(1212)  # noqa: S311 (reproducible test data)
    for _ in range(300):
        points = sorted({_random_semver(rng) for _ in range(6)}, key=semver_key)
        if len(points) % 2:
            points = points[:-1]
        intervals = list(zip(points[::2], points[1::2], strict=True))
        events = [e for low, high in intervals for e in (("introduced", low), ("fixed", high))]
        rng.shuffle(events)
        span = affected("npm", "SEMVER", *events)
        for _ in range(10):
            candidate = _random_semver(rng)
            v = semver_key(candidate)
            expected = any(semver_key(low) <= v < semver_key(high) for low, high in intervals)
            assert is_affected(span, candidate) is expected, (intervals, candidate)
