from django.contrib import admin

from communs.outcomes.models import Measurement


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["declaration", "metric", "phase", "value", "period_start", "period_end"]
    list_filter = ["metric", "phase"]
    search_fields = ["declaration__organisation__name", "declaration__software__name", "source"]
    raw_id_fields = ["declaration", "recorded_by"]
