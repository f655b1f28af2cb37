"""SPDX licence expressions, parsed and normalised with the license-expression library.

This is the only module that touches license-expression, whose objects are untyped; the
rest of Communs sees plain strings and a small typed tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MAX_EXPRESSION_LENGTH = 500


class InvalidLicenceExpression(ValueError):
    """An expression that is not a valid SPDX licence expression."""

    code = "invalid_licence_expression"

    def __init__(self, expression: str, detail: str) -> None:
        super().__init__(f"{expression!r} is not a valid SPDX licence expression: {detail}")
        self.expression = expression
        self.detail = detail


@dataclass(frozen=True)
class Licence:
    """One licence of an expression (an exception, if any, only adds permissions)."""

    spdx_id: str


@dataclass(frozen=True)
class Choice:
    """``A OR B``: the user may pick any of the options."""

    options: tuple[Node, ...]


@dataclass(frozen=True)
class Conjunction:
    """``A AND B``: every part applies at once."""

    parts: tuple[Node, ...]


Node = Licence | Choice | Conjunction


# Identifiers that the library reads as themselves, one licence written exactly so (a test
# checks each against it): an expression that is just one of them is answered without
# loading the library, whose licence index takes longer to load than git takes to read a
# repository's history.
PLAIN_IDS = frozenset(
    [
        "0BSD", "AFL-1.1", "AFL-1.2", "AFL-2.0", "AFL-2.1", "AFL-3.0", "AGPL-3.0-only",
        "AGPL-3.0-or-later", "APSL-2.0", "Apache-1.1", "Apache-2.0", "Artistic-2.0",
        "BSD-2-Clause", "BSD-3-Clause", "BSL-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0",
        "CDDL-1.0", "CECILL-2.0", "CECILL-2.1", "CECILL-B", "CECILL-C", "CPAL-1.0", "CPL-1.0",
        "ECL-2.0", "EFL-2.0", "EPL-1.0", "EPL-2.0", "EUDatagrid", "EUPL-1.1", "EUPL-1.2",
        "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "HPND", "IPA",
        "IPL-1.0", "ISC", "Intel", "LGPL-2.0-only", "LGPL-2.0-or-later", "LGPL-2.1-only",
        "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "LPL-1.02", "MIT", "MIT-0",
        "MPL-1.1", "MPL-2.0", "MS-PL", "MS-RL", "NCSA", "Nokia", "ODbL-1.0", "OFL-1.1",
        "OSL-1.0", "OSL-2.0", "OSL-2.1", "OSL-3.0", "PHP-3.01", "PostgreSQL", "Python-2.0",
        "QPL-1.0", "RPSL-1.0", "SISSL", "SPL-1.0", "Sleepycat", "UPL-1.0", "Unlicense", "W3C",
        "WTFPL", "X11", "ZPL-2.0", "ZPL-2.1", "Zlib", "etalab-2.0",
    ]
)  # fmt: skip


@lru_cache(maxsize=1)
def _licensing() -> Any:
    from license_expression import get_spdx_licensing  # costly: loaded on first parse

    return get_spdx_licensing()


@lru_cache(maxsize=2048)
def _parse(expression: str) -> tuple[str, Node]:
    text = expression.strip()
    if not text:
        raise InvalidLicenceExpression(expression, "it is empty")
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise InvalidLicenceExpression(
            expression[:40] + "…", f"it is longer than {MAX_EXPRESSION_LENGTH} characters"
        )
    if text in PLAIN_IDS:
        return text, Licence(text)
    try:
        parsed = _licensing().parse(text, validate=True, strict=True)
    except Exception as error:  # the library raises several unrelated exception types
        raise InvalidLicenceExpression(text, str(error) or type(error).__name__) from None
    if parsed is None:
        raise InvalidLicenceExpression(text, "it is empty")
    return str(parsed.render()), _tree(parsed)


def _tree(parsed: Any) -> Node:
    kind = type(parsed).__name__
    if kind == "LicenseWithExceptionSymbol":
        return Licence(str(parsed.license_symbol.key))
    if kind == "LicenseSymbol":
        return Licence(str(parsed.key))
    children = tuple(_tree(arg) for arg in parsed.args)
    if kind == "OR":
        return Choice(children)
    if kind == "AND":
        return Conjunction(children)
    raise InvalidLicenceExpression(str(parsed), f"unsupported operator {kind}")


def normalise_expression(expression: str) -> str:
    """The canonical spelling of an expression (``mit or apache-2.0`` → ``MIT OR Apache-2.0``).

    Deprecated identifiers become their current form (``GPL-3.0+`` → ``GPL-3.0-or-later``).
    Raises InvalidLicenceExpression with a readable detail.
    """
    return _parse(expression)[0]


def expression_tree(expression: str) -> Node:
    return _parse(expression)[1]
