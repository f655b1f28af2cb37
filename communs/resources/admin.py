from django.contrib import admin

from communs.resources.models import Resource, Usefulness


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "kind", "software", "language", "status", "featured", "demo"]
    list_filter = ["kind", "status", "featured", "language", "demo"]
    search_fields = ["title", "description", "software__name"]
    raw_id_fields = ["software", "author_organisation", "uploaded_by", "experiences"]
    readonly_fields = ["file", "original_name", "content_type", "size"]


@admin.register(Usefulness)
class UsefulnessAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["resource", "user", "created_at"]
    raw_id_fields = ["resource", "user"]
