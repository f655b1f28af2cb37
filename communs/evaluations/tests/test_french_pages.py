"""On the French site, the evaluation pages speak French for every shipped demo report."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.utils import translation

from communs.catalog.models import Software
from communs.catalog.services import demo_load
from communs.evaluations.services import DEMO_DIR, demo_evaluations_load
from communs.evaluations.wording import MESSAGES, catalogue

pytestmark = pytest.mark.django_db

# Words that only English uses in running text (French shares "on", "or", "an", "a", "as").
ENGLISH_ONLY = frozenset(
    [
        "the",
        "and",
        "of",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "this",
        "that",
        "from",
        "which",
        "there",
        "been",
        "its",
        "their",
        "with",
        "for",
        "by",
        "to",
        "it",
        "not",
        "no",
        "be",
        "at",
        "in",
        "into",
        "would",
        "should",
        "could",
        "none",
        "nobody",
        "only",
    ]
)
SKIPPED = {"code", "script", "style", "pre", "kbd", "samp"}


class VisibleText(HTMLParser):
    """Text a reader sees in the part of a page under the first element with `start` id or
    class, leaving out code and whatever is marked lang="en"."""

    def __init__(self, region: str) -> None:
        super().__init__()
        self.region = region
        self.depth = 0  # > 0 inside the region
        self.skipping = 0
        self.stack: list[tuple[str, bool, bool]] = []
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "img", "input", "meta", "link", "hr", "rect", "polyline"}:
            return
        values = dict(attrs)
        opens = not self.depth and self.region in (
            values.get("id", ""),
            *(values.get("class") or "").split(),
        )
        skips = tag in SKIPPED or values.get("lang", "").startswith("en")
        self.depth += 1 if (opens or self.depth) else 0
        self.skipping += 1 if skips else 0
        self.stack.append((tag, opens or self.depth > 0, skips))

    def handle_startendtag(self, tag, attrs):
        """A self-closed element (<rect/>) holds no text."""

    def handle_endtag(self, tag):
        while self.stack:
            name, inside, skips = self.stack.pop()
            self.depth -= 1 if inside else 0
            self.skipping -= 1 if skips else 0
            if name == tag:
                break

    def handle_data(self, data):
        if self.depth and not self.skipping and data.strip():
            self.chunks.append(" ".join(data.split()))


def visible(html: str, region: str) -> list[str]:
    parser = VisibleText(region)
    parser.feed(html)
    assert parser.chunks, f"nothing found under {region}"
    return parser.chunks


def english_sentences(chunks: list[str]) -> list[str]:
    found = []
    for chunk in chunks:
        words = set(re.findall(r"[a-z]+", chunk.lower()))
        if len(words & ENGLISH_ONLY) >= 2:
            found.append(chunk)
    return found


def untranslated(chunks: list[str], english: set[str]) -> list[str]:
    """English strings found: a sentence anywhere in the text, a word as a whole chunk."""
    text = " ".join(chunks)
    return sorted(
        string for string in english if (string in chunks if " " not in string else string in text)
    )


@pytest.fixture
def demo(client):
    demo_load()
    assert demo_evaluations_load() > 0
    client.cookies["django_language"] = "fr"
    return client


def english_strings() -> set[str]:
    """What the engine writes in English and the French catalogue translates differently."""
    with translation.override("fr"):
        from django.utils.translation import gettext

        return {
            text
            for kind, text in catalogue()
            if kind in ("message", "plural", "remediation", "evidence") and gettext(text) != text
        }


def shipped():
    for path in sorted(DEMO_DIR.glob("*.json")):
        yield path.stem, json.loads(path.read_text(encoding="utf-8"))["evaluations"]


def test_every_demo_software_page_shows_its_evaluation_in_french_only(demo):
    english = english_strings()
    for slug, records in shipped():
        software = Software.objects.get(slug=slug)
        assert software.evaluations.count() == len(records)
        html = demo.get(software.get_absolute_url()).content.decode()
        chunks = visible(html, "evaluation")
        text = " ".join(chunks)
        assert english_sentences(chunks) == [], slug
        reasons = {c["reason"] for r in records for c in r["report"]["checks"]}
        assert untranslated(chunks, english | reasons) == [], slug
        # What the French page shows instead: translated messages and evidence labels.
        assert "Ce que le projet peut faire :" in text or all(
            c["outcome"] not in ("partial", "fail") for c in records[-1]["report"]["checks"]
        )
        assert "Preuves" in text


def test_the_compare_page_of_the_demo_reports_is_in_french(demo):
    slugs = [slug for slug, _records in shipped()]
    for group in (slugs[:4], slugs[4:]):
        html = demo.get("/compare/", {"s": group}).content.decode()
        chunks = visible(html, "content")
        assert english_sentences(chunks) == [], group
        assert re.search(r"\d,\d/10 \(", " ".join(chunks)), "French decimal scores"


def test_the_methodology_page_is_in_french_with_every_possible_result(demo):
    html = demo.get("/methodology/").content.decode()
    chunks = visible(html, "content")
    assert english_sentences(chunks) == []
    assert untranslated(chunks, english_strings()) == []
    for code, message in MESSAGES.items():
        if not code.startswith("engine."):
            assert f"<code>{code}</code>" in html
            assert message.code in html


def test_the_detector_finds_an_english_sentence_in_a_french_page():
    html = (
        '<main id="content"><p>Activité récente</p><p>1353 commits in the last 12 months.</p>'
        '<p lang="en">The repository is empty.</p><code>no file is the one</code></main>'
    )
    chunks = visible(html, "content")
    assert chunks == ["Activité récente", "1353 commits in the last 12 months."]
    assert english_sentences(chunks) == ["1353 commits in the last 12 months."]
    assert untranslated(chunks, {"1353 commits in the last 12 months."})
    french = (
        '<main id="content"><p>Aucun commit ces 12 derniers mois ; le dernier date du 3 mai.'
        "</p></main>"
    )
    assert english_sentences(visible(french, "content")) == []
