from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from communs.catalog.forms import ProviderAdminForm, SoftwareAdminForm
from communs.catalog.models import Category, Provider, Software


class ProviderInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Provider.software.through
    extra = 0
    verbose_name = _("provider")
    verbose_name_plural = _("providers")
    autocomplete_fields = ["provider"]


@admin.register(Software)
class SoftwareAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = SoftwareAdminForm
    list_display = [
        "name",
        "status",
        "licence",
        "licence_crpa_listed",
        "development_status",
        "updated_at",
    ]
    list_filter = [
        "status",
        "development_status",
        "licence_family",
        "licence_crpa_listed",
        "licence_is_free",
        "software_type",
        "categories",
    ]
    search_fields = ["name", "slug", "search_text"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["categories"]
    readonly_fields = [
        "licence_family",
        "licence_is_free",
        "licence_crpa_listed",
        "created_at",
        "updated_at",
    ]
    inlines = [ProviderInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status"]}),
        (
            _("Descriptions"),
            {
                "fields": [
                    "short_description_fr",
                    "short_description_en",
                    "usage_fr",
                    "usage_en",
                    "long_description_fr",
                    "long_description_en",
                    "advantages_fr",
                    "advantages_en",
                    "replaces",
                    "categories",
                ]
            },
        ),
        (
            _("Licence"),
            {
                "fields": [
                    "licence",
                    "licence_family",
                    "licence_is_free",
                    "licence_crpa_listed",
                ]
            },
        ),
        (_("Links"), {"fields": ["website", "repository_url", "documentation_url", "logo"]}),
        (
            _("publiccode.yml metadata"),
            {
                "fields": [
                    "development_status",
                    "software_type",
                    "maintenance_type",
                ]
            },
        ),
        (_("Other catalogues"), {"fields": ["wikidata_id", "sill_id", "comptoir_du_libre_id"]}),
        (_("History"), {"fields": ["created_at", "updated_at"]}),
    ]


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = ProviderAdminForm
    list_display = ["name", "siren", "website"]
    search_fields = ["name", "siren"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["software"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["label", "slug"]
    search_fields = ["slug"]

    def has_add_permission(self, request: object) -> bool:
        return False  # the vocabulary comes from the publiccode.yml standard

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
