from django.contrib import admin

from communs.territories.models import InseeAlias, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "kind", "epci_type", "insee_code", "siren", "population"]
    list_filter = ["kind", "epci_type", "official_edition"]
    search_fields = ["name", "insee_code", "siren", "postcodes"]
    raw_id_fields = ["epci", "departement", "region"]
    readonly_fields = ["official_edition"]


@admin.register(InseeAlias)
class InseeAliasAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "organisation", "reason"]
    search_fields = ["code", "name", "organisation__name"]
    raw_id_fields = ["organisation"]
