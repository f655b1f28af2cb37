"""Path rules are searched through the texts every match contains: the same answers as
searching every path with the expression."""

import random
import re

import pytest

from communs.evaluation import files
from communs.evaluation.dependencies import lockfiles


def rules() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for name in dir(files):
        value = getattr(files, name)
        if isinstance(value, re.Pattern):
            found.append((name, value))
        elif isinstance(value, dict):
            found += [(f"{name}.{k}", v) for k, v in value.items() if isinstance(v, re.Pattern)]
    found += [(f"PARSERS.{i}", pattern) for i, (pattern, _, _) in enumerate(lockfiles.PARSERS)]
    return found


def corpus(seed: int) -> list[str]:
    """Paths made of the rules' own texts, in many cases, places and neighbours."""
    chance = random.Random(seed)  # noqa: S311 (test data, not secrets)
    pieces = sorted({text for _, rule in rules() for text in (files._required(rule) or ())})
    pieces += ["docs/", ".github/", "src/", "a", "b.yml", "x.json", ".", "/", "_", "-", "README"]
    paths = set()
    for _ in range(3000):
        parts = [chance.choice(pieces) for _ in range(chance.randint(1, 4))]
        glue = [chance.choice(["", "/", ".", "_", "-", "x"]) for _ in parts]
        path = "".join(part + sep for part, sep in zip(parts, glue, strict=True)).strip("/")
        if chance.random() < 0.3:
            path = path.upper() if chance.random() < 0.5 else path.title()
        if path:
            paths.add(path)
    return sorted(paths)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_rule_finds_the_same_paths_as_a_plain_search(seed):
    paths = tuple(corpus(seed))
    if seed == 3:  # with paths that are not ASCII among them
        paths += ("docs/ſecurity.md", "fr/こんにちは.po", "README.ᴍd", "Kelvin/K.lock")
    for name, rule in rules():
        expected = tuple(sorted(path for path in paths if rule.search(path)))
        assert files._matching(paths, rule) == expected, name
    assert any(files._matching(paths, rule) for _, rule in rules())


def test_paths_that_are_not_ascii_are_searched_one_by_one_beside_the_others():
    # "ſ" (long s) matches "s" when case is ignored, which lowercasing does not show.
    paths = ("ſecurity.md", "docs/readme.md\n", "SECURITY.md")
    for _name, rule in rules():
        expected = tuple(sorted(path for path in paths if rule.search(path)))
        assert files._matching(paths, rule) == expected
    assert files._matching(paths, files.SECURITY) == ("SECURITY.md", "ſecurity.md")
    assert files._matching(("docs/readme.md\n",), files.README) == ("docs/readme.md\n",)


def test_a_rule_without_a_text_every_match_holds_is_searched_one_by_one():
    rule = re.compile(r"^[a-z]+$", re.IGNORECASE)
    assert files._required(rule) is None
    assert files._matching(("abc", "a/b", "X"), rule) == ("X", "abc")
    assert files._required(files.README) == frozenset({"readme"})


@pytest.mark.parametrize(
    "expression",
    [
        r"(?:abcdef)?xy",
        r"(?:abcdef)*xy$",
        r"(?:abcdef){0,3}xy",
        r"(?:abc|de)+/z",
        r"^(?:abc|[a-z]+)x$",
        r"(?i:ABCDEF)|xy",
        r"ab(?=cdef)",
    ],
)
def test_optional_parts_alternatives_and_lookarounds_are_not_required(expression):
    rule = re.compile(expression, re.IGNORECASE)
    paths = ("xy", "abcdefxy", "ABxY", "de/z", "a/abcde/z", "qx", "abcx", "ABCDEF", "abcdef")
    expected = tuple(sorted(path for path in paths if rule.search(path)))
    assert files._matching(paths, rule) == expected
    assert expected


@pytest.mark.parametrize("seed", [4, 5])
def test_a_path_is_a_lockfile_to_read_when_one_parser_reads_it(seed):
    for path in corpus(seed):
        assert bool(lockfiles.ANY_PARSER.search(path)) == (lockfiles.parser_for(path) is not None)


def test_files_of_vendored_folders_are_left_out_in_the_order_given():
    paths = ("src/b.py", "vendor/x.rb", "a/node_modules/y.js", "README.md", "lib/vendored.py")
    assert files.own(paths) == ("src/b.py", "README.md", "lib/vendored.py")
    assert files.own(("a.py", "b.py")) == ("a.py", "b.py")
