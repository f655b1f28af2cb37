"""French prepositions before names: "d’Annecy", "du Havre", "aux Mureaux", "de La Rochelle".

French writes "de" and "à" differently before a name: elided before a vowel ("d’Annecy"),
contracted with the article "Le" or "Les" ("du Havre", "au Havre", "des Mureaux", "aux
Mureaux"), unchanged before "La" and "L’". Translations keep the plain "de %(name)s" and
"à %(name)s" (gettext wants the same placeholders in both languages), and the text is
corrected once formatted, for the names it holds.

INSEE gives each commune, département and région its article type (the "type de nom en
clair", 0 to 8; called typeLiaison in the official data the site imports). When it is
known it decides; otherwise the name's first word does. An initial "H" may be mute
("d’Hérouville") or aspirated ("de Hautmont"): without the article type it keeps "de".

Pure Python: it holds no Django, so that any layer may use it.
"""

from __future__ import annotations

import re
from html import escape
from typing import Protocol

VOWELS = "AEIOUÂÄÀÉÈÊËÎÏÔÖÛÜÙŒÆ"
APOSTROPHES = ("'", "’")

# INSEE's article types (TNCC), as its documentation of the code officiel géographique names
# them: 0 no article, 1 no article before a vowel ("d’"), 2 "Le" ("du"), 3 "La" ("de La"),
# 4 "Les" ("des"), 5 "L’" ("de L’"), 6 "Aux" ("des"), 7 "Las" and 8 "Los" ("de Las/Los").
NO_ARTICLE_CONSONANT, NO_ARTICLE_VOWEL, LE, LA, LES, L_APOSTROPHE, AUX = range(7)


class Named(Protocol):
    """What has a name and may know its article type (an Organisation)."""

    name: str
    name_liaison: int | None


def _strip(name: str, article: str) -> str:
    return name[len(article) :] if name.startswith(article) else name


def _forms(name: str, liaison: int | None) -> tuple[str, str]:
    """("de …", "à …") before this name."""
    if liaison is None:
        liaison = _guess(name)
    if liaison == NO_ARTICLE_VOWEL:
        return f"d’{name}", f"à {name}"
    if liaison == LE:
        rest = _strip(name, "Le ")
        return f"du {rest}", f"au {rest}"
    if liaison in (LES, AUX):
        rest = _strip(name, "Les " if liaison == LES else "Aux ")
        return f"des {rest}", f"aux {rest}"
    if liaison == LA and not name.startswith("La "):  # a département: "la Haute-Savoie"
        return f"de la {name}", f"à la {name}"
    if liaison == L_APOSTROPHE and not name.startswith(("L'", "L’")):  # "l’Ain"
        return f"de l’{name}", f"à l’{name}"
    return f"de {name}", f"à {name}"


def _guess(name: str) -> int:
    if name.startswith("Le "):
        return LE
    if name.startswith("Les "):
        return LES
    if name[:1].upper() in VOWELS and name[1:2] not in APOSTROPHES:
        return NO_ARTICLE_VOWEL
    return NO_ARTICLE_CONSONANT


def of(name: str, liaison: int | None = None) -> str:
    """ "de" before the name: "d’Annecy", "du Havre", "des Mureaux", "de La Rochelle"."""
    return _forms(name, liaison)[0]


def at(name: str, liaison: int | None = None) -> str:
    """ "à" before the name: "à Annecy", "au Havre", "aux Mureaux", "à La Rochelle"."""
    return _forms(name, liaison)[1]


def with_prepositions(text: str, *names: Named | str, html: bool = False) -> str:
    """The text with each "de X" and "à X" of the given names written as French wants.

    With `html`, the text is HTML where the names were escaped (a rendered template), and
    what replaces them is escaped the same way.
    """
    for named in sorted(names, key=lambda n: -len(n if isinstance(n, str) else n.name)):
        if isinstance(named, str):
            name, liaison = named, None
        else:
            name, liaison = named.name, named.name_liaison
        if not name:
            continue
        forms = _forms(name, liaison)
        shown = escape(name) if html else name
        pattern = re.compile(rf"(?<![\w’'-])(de|De|à|À) {re.escape(shown)}(?![\w’'-])")

        def replace(match: re.Match[str], forms: tuple[str, str] = forms) -> str:
            word = match.group(1)
            form = forms[0] if word.lower() == "de" else forms[1]
            if word[0].isupper():
                form = form[0].upper() + form[1:]
            return escape(form) if html else form

        text = pattern.sub(replace, text)
    return text
