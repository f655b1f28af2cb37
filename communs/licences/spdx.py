"""SPDX licence expressions, parsed and normalised with the license-expression library.

This is the only module that touches license-expression, whose objects are untyped; the
rest of Communs sees plain strings and a small typed tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from license_expression import get_spdx_licensing

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


@lru_cache(maxsize=1)
def _licensing() -> Any:
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
