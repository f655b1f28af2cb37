"""Field validators for catalogue data, each with a message that says what is wrong."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from communs.evaluation.targets import TargetError, is_local_name, parse_url
from communs.licences import InvalidLicenceExpression, normalise_expression

# La Poste's SIREN predates the Luhn rule and is the one documented exception to it.
_SIREN_LUHN_EXCEPTIONS = frozenset({"356000000"})


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siren(value: str) -> None:
    if not re.fullmatch(r"[0-9]{9}", value):
        raise ValidationError(
            _("A SIREN number has exactly 9 digits (you entered “%(value)s”)."),
            code="siren_format",
            params={"value": value},
        )
    if value not in _SIREN_LUHN_EXCEPTIONS and not luhn_valid(value):
        raise ValidationError(
            _("“%(value)s” is not a valid SIREN number: its check digit is wrong."),
            code="siren_checksum",
            params={"value": value},
        )


def validate_licence_expression(value: str) -> None:
    try:
        normalise_expression(value)
    except InvalidLicenceExpression as error:
        raise ValidationError(
            _(
                "“%(value)s” is not a valid SPDX licence expression (%(detail)s). "
                "Use identifiers from spdx.org/licenses, for example “AGPL-3.0-or-later” "
                "or “MIT OR Apache-2.0”."
            ),
            code=error.code,
            params={"value": value[:80], "detail": error.detail[:200]},
        ) from None


def validate_wikidata_id(value: str) -> None:
    if not re.fullmatch(r"Q[1-9][0-9]{0,11}", value):
        raise ValidationError(
            _("A Wikidata identifier looks like “Q936” (you entered “%(value)s”)."),
            code="wikidata_id",
            params={"value": value},
        )


def validate_https_url(value: str) -> None:
    if not value.lower().startswith("https://"):
        raise ValidationError(_("Only https:// addresses are accepted."), code="https_only")


def validate_repository_url(value: str) -> None:
    """An https:// repository on a public host: no credentials, no private or local address.

    Names are resolved again before each clone, so a name that later points inside the
    network is refused then.
    """
    validate_https_url(value)
    try:
        parsed = parse_url(value)
    except TargetError as error:
        raise ValidationError(
            _("This repository address cannot be used: %(reason)s"),
            code="bad_repository_url",
            params={"reason": str(error)},
        ) from None
    if is_local_name(parsed.host):
        raise ValidationError(
            _("This address points at a private or local machine; give a public repository."),
            code="private_repository_url",
        )
