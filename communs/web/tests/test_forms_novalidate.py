"""Forms are checked by the site, in the site's language, never by the browser in its own.

A form without `novalidate` lets the browser refuse a required or numeric field with a
tooltip in the browser's language, before the site's translated message (and the input
kept) can show. Every form of the site that takes input carries it, as the sign-up form
does; forms of buttons only and the admin's own pages are left as they are.
"""

import re
from pathlib import Path

import communs

ROOT = Path(communs.__file__).resolve().parent
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
INPUT = re.compile(
    r"<textarea\b|<select\b|\{\{ *(?:form|field)\b|_field\.html"
    r"|<input\b(?![^>]*type=\"(?:hidden|submit)\")"
)


def forms_without_novalidate():
    for template in sorted(ROOT.glob("*/templates/**/*.html")):
        if "/templates/admin/" in template.as_posix():
            continue
        for match in FORM.finditer(template.read_text(encoding="utf-8")):
            opening, body = match.groups()
            if 'method="get"' in opening or "novalidate" in opening:
                continue
            if INPUT.search(body):
                yield f"{template.relative_to(ROOT)}: <form{opening[:60]}>"


def test_every_form_that_takes_input_is_validated_by_the_site():
    assert list(forms_without_novalidate()) == []
