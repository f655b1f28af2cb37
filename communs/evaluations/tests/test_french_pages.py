"""On the French site, the evaluation pages speak French for every shipped demo report."""

import ast
import functools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.utils import translation

from communs.catalog.models import Software
from communs.catalog.services import demo_load
from communs.evaluations.presentation import check_view
from communs.evaluations.reading import read_report
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
# Identifiers (message codes on the methodology page) are code, not sentences.
IDENTIFIERS = {"code", "script", "style", "pre", "kbd", "samp"}
# On a software page, <code> holds evidence, which must read in French too.
MACHINERY = {"script", "style"}


class VisibleText(HTMLParser):
    """Text a reader sees in the part of a page under the first element with `start` id or
    class, leaving out the `skipped` elements and whatever is marked lang="en" (counted in
    `marked_english`)."""

    def __init__(self, region: str, skipped: set[str] = IDENTIFIERS) -> None:
        super().__init__()
        self.region = region
        self.skipped = skipped
        self.depth = 0  # > 0 inside the region
        self.skipping = 0
        self.stack: list[tuple[str, bool, bool]] = []
        self.chunks: list[str] = []
        self.marked_english: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "img", "input", "meta", "link", "hr", "rect", "polyline"}:
            return
        values = dict(attrs)
        opens = not self.depth and self.region in (
            values.get("id", ""),
            *(values.get("class") or "").split(),
        )
        english = values.get("lang", "").startswith("en")
        skips = tag in self.skipped or english
        if english and (opens or self.depth):
            self.marked_english.append(tag)
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


def visible(html: str, region: str, skipped: set[str] = IDENTIFIERS) -> list[str]:
    parser = VisibleText(region, skipped)
    parser.feed(html)
    assert parser.chunks, f"nothing found under {region}"
    assert parser.marked_english == [], f"{region} has text left in English"
    return parser.chunks


# A token with these is a path, an address, an identifier or a licence id, not a word.
NOT_WORDS = re.compile(r"[/._@:{}$\\d-]")


def english_sentences(chunks: list[str]) -> list[str]:
    found = []
    for chunk in chunks:
        words = {
            word
            for token in chunk.lower().split()
            if not NOT_WORDS.search(token.strip(",;()«»"))
            for word in re.findall(r"[a-z]+", token)
        }
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
    """What the engine writes in English and the French catalogue file says otherwise (or
    does not translate): read from the file, so that a translation missing at run time
    still counts."""
    entries = po_entries()
    return {
        text
        for kind, text in catalogue()
        if kind in ("message", "plural", "remediation", "evidence", "term")
        and entries.get(text) != text
    }


def shipped():
    for path in sorted(DEMO_DIR.glob("*.json")):
        yield path.stem, json.loads(path.read_text(encoding="utf-8"))["evaluations"]


def as_rendered(records, language: str) -> list[str]:
    """Every text the software page renders from these evaluations' checks, in a language."""
    texts = []
    with translation.override(language):
        for record in records:
            for result in read_report(record["report"]).checks:
                view = check_view(result)
                texts += [view.title, view.outcome_label, view.said.text]
                if view.advice:
                    texts += [view.advice.text, view.advice.effort]
                for item in view.evidence_items:
                    texts += [item.label, item.text]
    return texts


def english_only(records) -> set[str]:
    """What the page would show in English and shows otherwise in French."""
    return {
        english
        for english, french in zip(
            as_rendered(records, "en"), as_rendered(records, "fr"), strict=True
        )
        if english != french
    }


PO_FILE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{[^{}]*\}")


@functools.cache
def po_entries(path: Path = PO_FILE) -> dict[str, str]:
    """The French catalogue's source strings (plural forms too) and their translations
    ("" when missing)."""
    entries: dict[str, str] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        name = ""
        for line in block.splitlines():
            if line.startswith(("msgid", "msgstr")):
                name, _space, value = line.partition(" ")
                fields[name] = ast.literal_eval(value)
            elif line.startswith('"') and name:
                fields[name] += ast.literal_eval(line)
        if fields.get("msgid"):
            entries[fields["msgid"]] = fields.get("msgstr", fields.get("msgstr[0]", ""))
            if "msgid_plural" in fields:
                entries[fields["msgid_plural"]] = fields.get("msgstr[1]", "")
    return entries


@functools.cache
def catalogue_patterns() -> list[tuple[str, str, re.Pattern[str]]]:
    """A pattern for each English source string that French says otherwise; a template's
    parameters match any text."""
    found = []
    for english, french in po_entries().items():
        literal = PLACEHOLDER.sub(" ", english)
        words = [part for part in literal.split() if re.search(r"[A-Za-z]{2,}", part)]
        if english == french or len(words) < 2:
            continue  # the same in French, or a word (single words are checked by chunk)
        parts = PLACEHOLDER.split(english)
        longest = max(parts, key=len)
        found.append((english, longest, re.compile(".{1,200}?".join(map(re.escape, parts)))))
    return found


def english_of_the_catalogue(chunks: list[str]) -> list[str]:
    """The catalogue's English source strings of two words or more found in the text."""
    text = " ".join(chunks)
    return [
        english
        for english, longest, pattern in catalogue_patterns()
        if longest in text and pattern.search(text)
    ]


def english_on_the_page(client, slug, records) -> list[str]:
    """English found in the evaluation section of the French page: sentences with English
    words, English source strings of the catalogue, the stored English reasons, and what the
    page renders differently in English."""
    html = client.get(Software.objects.get(slug=slug).get_absolute_url()).content.decode()
    chunks = visible(html, "evaluation", skipped=MACHINERY)
    reasons = {c["reason"] for r in records for c in r["report"]["checks"]}
    return (
        english_sentences(chunks)
        + untranslated(chunks, english_strings() | reasons | english_only(records))
        + english_of_the_catalogue(chunks)
    )


def test_every_demo_software_page_shows_its_evaluation_in_french_only(demo):
    for slug, records in shipped():
        software = Software.objects.get(slug=slug)
        assert software.evaluations.count() == len(records)
        assert english_on_the_page(demo, slug, records) == [], slug
        html = demo.get(software.get_absolute_url()).content.decode()
        text = " ".join(visible(html, "evaluation", skipped=MACHINERY))
        # What the French page shows instead: translated messages and evidence labels.
        assert "Ce que le projet peut faire :" in text or all(
            c["outcome"] not in ("partial", "fail") for c in records[-1]["report"]["checks"]
        )
        assert "Preuves" in text


@pytest.mark.parametrize(
    ("slug", "english"),
    [
        ("grist", "{commits} commits in the last 12 months."),  # a message's template
        ("grist", "script injection"),  # a word of evidence
        ("grist", "Add a CODE_OF_CONDUCT file; the Contributor Covenant is a common choice."),
        ("grist", "Warnings"),  # an evidence label
        ("grist", "Lowercase country codes are deprecated: write “%(replacement)s”."),  # publiccode
    ],
)
def test_the_test_finds_a_translation_that_went_missing(demo, monkeypatch, slug, english):
    """Drop one French translation: the page shows English, and the test above says so."""
    from django.utils.translation import trans_real

    records = dict(shipped())[slug]
    catalog = trans_real.translation("fr")._catalog
    if english.startswith("{commits}"):
        plural = english.replace("{commits} commits", "{commits} commit")
        keys = catalog.keys()  # a TranslationCatalog is not iterable
        missing = [key for key in keys if isinstance(key, tuple) and key[0] == plural]
    else:
        missing = [english] if english in catalog else []
    assert missing, f"{english!r} is not in the French catalogue"
    assert english_on_the_page(demo, slug, records) == []
    for key in missing:
        for translations in catalog._catalogs:  # one dict per catalogue file
            if key in translations:
                monkeypatch.delitem(translations, key)
    assert english_on_the_page(demo, slug, records) != []


def test_the_compare_page_of_the_demo_reports_is_in_french(demo):
    slugs = [slug for slug, _records in shipped()]
    for group in (slugs[:4], slugs[4:]):
        html = demo.get("/compare/", {"s": group}).content.decode()
        chunks = visible(html, "content")
        assert english_sentences(chunks) == [], group
        assert english_of_the_catalogue(chunks) == [], group
        assert re.search(r"\d,\d/10 \(", " ".join(chunks)), "French decimal scores"


def test_the_methodology_page_is_in_french_with_every_possible_result(demo):
    html = demo.get("/methodology/").content.decode()
    chunks = visible(html, "content")
    assert english_sentences(chunks) == []
    assert untranslated(chunks, english_strings()) == []
    assert english_of_the_catalogue(chunks) == []
    for code, message in MESSAGES.items():
        if not code.startswith("engine."):
            assert f"<code>{code}</code>" in html
            assert message.code in html


def test_the_detector_finds_an_english_sentence_in_a_french_page():
    html = (
        '<main id="content"><p>Activité récente</p><p>1353 commits in the last 12 months.</p>'
        "<code>no file is the one</code></main>"
    )
    chunks = visible(html, "content")
    assert chunks == ["Activité récente", "1353 commits in the last 12 months."]
    assert english_sentences(chunks) == ["1353 commits in the last 12 months."]
    assert untranslated(chunks, {"1353 commits in the last 12 months."})
    assert english_sentences(visible(html, "content", skipped=MACHINERY)) == [
        "1353 commits in the last 12 months.",
        "no file is the one",
    ]
    french = (
        '<main id="content"><p>Aucun commit ces 12 derniers mois ; le dernier date du 3 mai.'
        "</p></main>"
    )
    assert english_sentences(visible(french, "content")) == []
    marked = VisibleText("content")
    marked.feed('<main id="content"><p>Bonjour</p><p lang="en">The repository is empty.</p></main>')
    assert marked.chunks == ["Bonjour"] and marked.marked_english == ["p"]
    with pytest.raises(AssertionError, match="left in English"):
        visible('<main id="content"><p>Oui</p><p lang="en">Yes</p></main>', "content")
