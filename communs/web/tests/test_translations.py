"""The committed French catalogue is complete and its compiled form is up to date."""

import re
from pathlib import Path

from django.utils import translation

PO = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
FIELD = re.compile(r'^(msgid|msgstr) ((?:".*"\n?)+)', re.MULTILINE)


def entries():
    """(msgid, msgstr) of every singular entry, with wrapped lines joined."""
    found = []
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        if "msgid_plural" in block:
            continue
        fields = {k: "".join(re.findall(r'"(.*)"', v)) for k, v in FIELD.findall(block)}
        if fields.get("msgid"):
            found.append((fields["msgid"], fields.get("msgstr", "")))
    return found


def test_every_single_line_message_has_a_french_translation():
    found = entries()
    assert len(found) > 100
    assert [msgid for msgid, msgstr in found if not msgstr] == []


def test_the_compiled_catalogue_matches_the_source():
    unescape = lambda text: text.replace('\\"', '"').replace("\\\\", "\\")  # noqa: E731
    with translation.override("fr"):
        stale = [
            msgid
            for msgid, msgstr in entries()
            if translation.gettext(unescape(msgid)) != unescape(msgstr)
        ]
    assert stale == []
