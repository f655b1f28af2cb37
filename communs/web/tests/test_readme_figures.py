"""Every figure the README states about the demo equals what the demo loads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from communs.catalog.families import FAMILIES
from communs.catalog.models import Provider, Software
from communs.catalog.services import demo_load
from communs.evaluations.models import Evaluation
from communs.evaluations.services import demo_evaluations_load
from communs.mutualisation.demo import demo_pooling_load
from communs.mutualisation.models import Campaign, Need, SharedProject

README = Path(__file__).resolve().parents[3] / "README.md"
NUMBER_WORDS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
}


def stated(pattern: str) -> int:
    text = " ".join(README.read_text(encoding="utf-8").split())
    match = re.search(pattern, text)
    assert match, f"the README no longer says {pattern!r}"
    value = match.group(1)
    return int(value) if value.isdigit() else NUMBER_WORDS[value]


@pytest.mark.django_db
def test_the_readme_demo_figures_are_what_the_demo_loads():
    demo_load()
    demo_evaluations_load()
    assert stated(r"`make run` loads (\d+) software") == Software.objects.published().count()
    assert stated(r"loads \d+ software and (\d+) providers") == Provider.objects.count()
    assert (
        stated(r"(\d+) real open-source products")
        == Software.objects.exclude(slug="communs").count()
    )
    repositories = Evaluation.objects.values("target").distinct().count()
    assert stated(r"computed on (\w+) real repositories") == repositories
    dates = stated(r"repositories \([^)]*\) at (\w+) dates")
    assert Evaluation.objects.count() == repositories * dates


@pytest.mark.django_db
def test_the_readme_pooling_and_family_figures_are_what_the_demo_loads():
    demo_load()
    demo_pooling_load()
    assert stated(r"`communs load_demo` adds (\w+) demo needs") == Need.objects.count()
    assert stated(r"demo needs, (\w+) demo campaign in each state") == 1
    assert stated(r"and (\w+) demo shared project") == SharedProject.objects.count()
    states = list(Campaign.objects.values_list("state", flat=True))
    assert sorted(states) == sorted(Campaign.State.values)
    assert stated(r"the categories grouped in (\w+) families") == len(FAMILIES)
