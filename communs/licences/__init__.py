"""Licence facts for software licences, from SPDX expressions.

A pure library (no Django): it parses and normalises SPDX licence expressions and tells,
from reference data shipped in ``data/``, whether a licence is free (recognised by both
the FSF and the OSI) and whether French administrations may use it for their own code
(CRPA article D323-2-1).
"""

from communs.licences.facts import LicenceFacts, LicenceFamily, licence_facts
from communs.licences.spdx import InvalidLicenceExpression, normalise_expression

__all__ = [
    "InvalidLicenceExpression",
    "LicenceFacts",
    "LicenceFamily",
    "licence_facts",
    "normalise_expression",
]
