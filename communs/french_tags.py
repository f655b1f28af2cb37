"""The template side of communs.french: `{{ text|prepositions:organisation }}`.

Loaded as `{% load french %}` (settings.TEMPLATES names this library). The text is
usually a `{% blocktranslate … asvar text %}` result, whose names are already escaped.
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from communs.french import Named, with_prepositions

register = template.Library()


@register.filter
def prepositions(text: str, named: Named | str) -> SafeString:
    """The text with "de X" and "à X" written as French wants for this name (or object)."""
    escaped = str(conditional_escape(text))
    return mark_safe(with_prepositions(escaped, named, html=True))  # noqa: S308 (escaped above)
