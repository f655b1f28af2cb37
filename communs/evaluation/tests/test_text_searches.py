"""Expressions searched in file contents (manifests, CI files) are first reduced to texts
every match holds: the same answers as searching the whole text with the expression."""

import random
import re

import pytest

from communs.evaluation import files
from communs.evaluation.checks.integration import domain_standards, identity_standards
from communs.evaluation.checks.security import fuzzing, sbom, static_analysis


def expressions() -> list[tuple[str, re.Pattern[str]]]:
    return [
        *domain_standards.SIGNATURES.items(),
        *identity_standards.SIGNATURES.items(),
        *static_analysis.TOOLS.items(),
        ("fuzzing in CI", fuzzing.IN_CI),
        ("SBOM generators", sbom.GENERATORS),
    ]


def corpus(seed: int) -> list[str]:
    """Texts made of the expressions' own texts, in many cases and neighbours."""
    chance = random.Random(seed)  # noqa: S311 (test data, not secrets)
    pieces = sorted({text for _, rule in expressions() for text in files._required(rule) or ()})
    pieces += ['"', "'", ": ", "\n", "-", "_", "x", "/", " ", "test", "--taint-analysis"]
    texts = []
    for _ in range(2000):
        parts = [chance.choice(pieces) for _ in range(chance.randint(1, 6))]
        text = "".join(parts)
        if chance.random() < 0.3:
            text = text.upper() if chance.random() < 0.5 else text.title()
        texts.append(text)
    return texts


@pytest.mark.parametrize("seed", [1, 2])
def test_every_expression_finds_what_a_plain_search_finds(seed):
    found = 0
    for text in corpus(seed):
        for name, rule in expressions():
            expected = rule.search(text) is not None
            assert files.finds(rule, text) == expected, (name, text)
            found += expected
    assert found  # the corpus holds matches, not only misses


def test_a_text_that_is_not_ascii_is_searched_with_the_expression():
    # "ſ" (long s) matches "s" when case is ignored, which lowercasing does not show.
    assert files.finds(static_analysis.TOOLS["Semgrep"], "run: ſemgrep --config auto")
    assert files.finds(static_analysis.TOOLS["Semgrep"], "run: SEMGREP")
    assert not files.finds(static_analysis.TOOLS["Semgrep"], "run: semgrepper")


def test_an_expression_without_a_text_every_match_holds_is_searched_as_it_is():
    rule = re.compile(r"\b[a-z]{3}\b", re.IGNORECASE)
    assert files._required(rule) is None
    assert files.finds(rule, "a bcd e")
    assert not files.finds(rule, "a bc de")
