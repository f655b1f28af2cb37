"""What a licence expression means for a local government.

``is_free``: the licence is recognised as free by both the FSF and the OSI (the SILL's
accepted list). ``crpa_listed``: French administrations may publish their own code or
data under it (CRPA article D323-2-1). Both follow the SPDX identifiers exactly as the
reference data writes them: ``GPL-3.0-or-later`` is listed by the CRPA page,
``GPL-3.0-only`` is not.

For an expression, ``A OR B`` holds when either option holds (the user may choose it) and
``A AND B`` when both do.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from communs.licences.spdx import Choice, Licence, Node, expression_tree
from communs.licences.spdx import normalise_expression as _normalise

DATA_DIR = Path(__file__).resolve().parent / "data"


class LicenceFamily(enum.StrEnum):
    """How much a licence asks of those who redistribute the software, least first."""

    PERMISSIVE = "permissive"
    WEAK_COPYLEFT = "weak-copyleft"
    STRONG_COPYLEFT = "strong-copyleft"
    OTHER = "other"


_FAMILY_RANK = list(LicenceFamily)

_FAMILIES: dict[str, LicenceFamily] = {
    **dict.fromkeys(
        [
            "0BSD", "AFL-3.0", "Apache-1.1", "Apache-2.0", "Artistic-2.0", "BSD-2-Clause",
            "BSD-3-Clause", "BSL-1.0", "CECILL-B", "etalab-2.0", "HPND", "ISC", "MIT",
            "MIT-0", "NCSA", "PHP-3.01", "PostgreSQL", "Python-2.0", "Unlicense",
            "UPL-1.0", "W3C", "X11", "Zlib", "ZPL-2.1", "CC-BY-4.0", "CC0-1.0",
        ],
        LicenceFamily.PERMISSIVE,
    ),
    **dict.fromkeys(
        [
            "CDDL-1.0", "CECILL-C", "EPL-1.0", "EPL-2.0", "LGPL-2.0-only",
            "LGPL-2.0-or-later", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only",
            "LGPL-3.0-or-later", "MPL-1.1", "MPL-2.0", "MS-RL",
        ],
        LicenceFamily.WEAK_COPYLEFT,
    ),
    **dict.fromkeys(
        [
            "AGPL-3.0-only", "AGPL-3.0-or-later", "CC-BY-SA-4.0", "CECILL-2.0",
            "CECILL-2.1", "EUPL-1.1", "EUPL-1.2", "GPL-2.0-only", "GPL-2.0-or-later",
            "GPL-3.0-only", "GPL-3.0-or-later", "ODbL-1.0", "OSL-3.0",
        ],
        LicenceFamily.STRONG_COPYLEFT,
    ),
}  # fmt: skip


@dataclass(frozen=True)
class LicenceFacts:
    expression: str
    spdx_ids: tuple[str, ...]
    is_free: bool
    crpa_listed: bool
    family: LicenceFamily


@cache
def free_licences() -> frozenset[str]:
    data = json.loads((DATA_DIR / "sill-accepted-licences.json").read_text(encoding="utf-8"))
    return frozenset(data["spdx_ids"])


@cache
def crpa_licences() -> frozenset[str]:
    data = json.loads((DATA_DIR / "crpa-D323-2-1-licences.json").read_text(encoding="utf-8"))
    return frozenset(entry["spdx_as_written"] for entry in data["licences"])


def _holds(node: Node, predicate: Callable[[str], bool]) -> bool:
    if isinstance(node, Licence):
        return predicate(node.spdx_id)
    if isinstance(node, Choice):
        return any(_holds(option, predicate) for option in node.options)
    return all(_holds(part, predicate) for part in node.parts)


def _family(node: Node) -> LicenceFamily:
    if isinstance(node, Licence):
        return _FAMILIES.get(node.spdx_id, LicenceFamily.OTHER)
    if isinstance(node, Choice):
        return min((_family(o) for o in node.options), key=_FAMILY_RANK.index)
    return max((_family(p) for p in node.parts), key=_FAMILY_RANK.index)


def _identifiers(node: Node) -> list[str]:
    if isinstance(node, Licence):
        return [node.spdx_id]
    children = node.options if isinstance(node, Choice) else node.parts
    return [spdx_id for child in children for spdx_id in _identifiers(child)]


def licence_facts(expression: str) -> LicenceFacts:
    """Facts for a valid SPDX expression; raises InvalidLicenceExpression otherwise."""
    tree = expression_tree(expression)
    free, crpa = free_licences(), crpa_licences()
    return LicenceFacts(
        expression=_normalise(expression),
        spdx_ids=tuple(dict.fromkeys(_identifiers(tree))),
        is_free=_holds(tree, free.__contains__),
        crpa_listed=_holds(tree, crpa.__contains__),
        family=_family(tree),
    )
