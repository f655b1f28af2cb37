from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from communs.usage.models import Answer, ContactMessage, Experience, UsageDeclaration


@admin.register(UsageDeclaration)
class UsageDeclarationAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["organisation", "software", "status", "since", "updated_at"]
    list_filter = ["status"]
    search_fields = ["organisation__name", "software__name"]
    raw_id_fields = ["organisation", "referent", "contractor"]


@admin.register(Experience)
class ExperienceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "kind", "software", "organisation", "moderation", "created_at"]
    list_filter = ["kind", "moderation", "resolution"]
    search_fields = ["title", "body", "software__name", "organisation__name"]
    raw_id_fields = ["organisation", "author"]
    fields = [
        "kind",
        "organisation",
        "software",
        "author",
        "title",
        "body",
        "version",
        "workaround",
        "upstream_url",
        "resolution",
        "moderation",
        "moderation_reason",
    ]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Curators hide an answer here (moderation): it leaves the page, the API, the dumps,
    and its alert is withdrawn."""

    list_display = ["experience", "organisation", "moderation", "created_at"]
    list_filter = ["moderation"]
    search_fields = ["body", "experience__title", "organisation__name"]
    raw_id_fields = ["experience", "organisation", "author"]
    fields = ["experience", "organisation", "author", "body", "moderation", "moderation_reason"]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["declaration", "sender", "sent_at"]
    readonly_fields = ["declaration", "sender", "body", "sent_at"]
