from django.contrib import admin

from communs.territories.models import InseeAlias, Membership, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "kind", "epci_type", "insee_code", "siren", "population"]
    list_filter = ["confirmed", "kind", "epci_type", "official_edition"]
    search_fields = ["name", "insee_code", "siren", "postcodes"]
    raw_id_fields = ["epci", "departement", "region"]
    readonly_fields = ["official_edition"]


@admin.register(InseeAlias)
class InseeAliasAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "organisation", "reason"]
    search_fields = ["code", "name", "organisation__name"]
    raw_id_fields = ["organisation"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "organisation", "role", "status", "requested_at"]
    list_filter = ["status", "role"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    raw_id_fields = ["organisation", "user", "decided_by"]
