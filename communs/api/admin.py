from django.contrib import admin

from communs.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "prefix", "organisation", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "organisation__name")
    # The digest is useless to a curator and a token is never shown again.
    exclude = ("digest",)
    readonly_fields = ("prefix", "created_by", "created_at", "last_used_at", "revoked_by")
    raw_id_fields = ("organisation",)
