"""The catalogue's search and filters, kept in the URL so that every view can be shared."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from communs.catalog.models import LICENCE_FAMILY_LABELS, Category, Software
from communs.catalog.querysets import SoftwareQuerySet
from communs.catalog.search import MAX_QUERY_LENGTH
from communs.catalog.vocabulary import DEVELOPMENT_STATUS_LABELS


class SoftwareFilter(django_filters.FilterSet):  # type: ignore[misc]
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), field_name="categories__slug", empty_label=_("All categories")
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
            for category in sorted(Category.objects.holding_published(), key=str)
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
