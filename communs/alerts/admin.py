from django.contrib import admin

from communs.alerts.models import AlertPreference, Event, Webhook, WebhookDelivery


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("key", "kind", "software", "happened_at")
    list_filter = ("kind",)
    search_fields = ("key",)


@admin.register(AlertPreference)
class AlertPreferenceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "frequency", "last_digest_at")
    list_filter = ("frequency",)


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("url", "organisation", "active", "created_at")
    exclude = ("secret",)
    raw_id_fields = ("organisation",)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("webhook", "event", "status", "attempts", "last_status_code")
    list_filter = ("status",)
