"""The catalogue's search and filters, kept in the URL so that every view can be shared."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from communs.catalog.models import LICENCE_FAMILY_LABELS, Category, Software
from communs.catalog.querysets import SoftwareQuerySet
from communs.catalog.search import MAX_QUERY_LENGTH
from communs.catalog.vocabulary import DEVELOPMENT_STATUS_LABELS


class QuickSelect(forms.Select):
    """Django's select, the same HTML (without blanks between tags), built in Python: its
    template includes one template per option, a hundred for the catalogue's categories."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        options = []
        for group_name, group_choices, _index in widget["optgroups"]:
            inner = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((str(o["value"]), flatatt(o["attrs"]), o["label"]) for o in group_choices),
            )
            options.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, inner)
                if group_name
                else inner
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(options)),  # noqa: S308 (each part escaped above)
        )


class SoftwareFilter(django_filters.FilterSet):  # type: ignore[misc]
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"),
        field_name="categories__slug",
        empty_label=_("All categories"),
        widget=QuickSelect,
    )
    licence = django_filters.ChoiceFilter(
        label=_("Licence family"),
        field_name="licence_family",
        choices=[(family.value, label) for family, label in LICENCE_FAMILY_LABELS.items()],
        empty_label=_("All licences"),
    )
    crpa = django_filters.ChoiceFilter(
        label=_("Licence usable by French administrations"),
        field_name="licence_crpa_listed",
        choices=[("yes", _("Yes (CRPA list)")), ("no", _("No"))],
        method="filter_crpa",
        empty_label=_("Either"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Development status"),
        field_name="development_status",
        choices=list(DEVELOPMENT_STATUS_LABELS.items()),
        empty_label=_("Any status"),
    )

    class Meta:
        model = Software
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["category"].extra["choices"] = [
            (category.slug, category.label)
            for category in Category.objects.holding_published().as_read()
        ]

    def filter_search(self, queryset: SoftwareQuerySet, name: str, value: str) -> Any:
        return queryset.search(value)

    def filter_crpa(self, queryset: SoftwareQuerySet, name: str, value: str) -> Any:
        return queryset.filter(licence_crpa_listed=(value == "yes"))

    @property
    def query_was_truncated(self) -> bool:
        return len(self.data.get("q", "")) > MAX_QUERY_LENGTH

    def rejected_fields(self) -> list[str]:
        """Labels of the filters whose values were not understood (and so were ignored)."""
        self.form.is_valid()
        return [str(self.filters[name].label) for name in self.form.errors]
