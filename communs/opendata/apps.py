from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

EXPORT_LOOK_EVERY = 900.0  # seconds; the export itself runs once a day (see services)


class OpendataConfig(AppConfig):
    name = "communs.opendata"
    verbose_name = _("Open data")

    def ready(self) -> None:
        # The embedded worker exports nightly as Celery beat does in scale mode.
        from communs.evaluations import worker
        from communs.opendata.services import (
            MISSING_PERIODIC,
            opendata_export_if_due,
            opendata_export_if_missing,
        )

        if settings.OPENDATA_EXPORT_HOUR >= 0:
            worker.register_periodic("opendata-export", EXPORT_LOOK_EVERY, opendata_export_if_due)
        # A dump as soon as there is none (a fresh installation), whatever the hour: pages
        # that find none ask for this one to run at once (opendata_export_request).
        worker.register_periodic(MISSING_PERIODIC, EXPORT_LOOK_EVERY, opendata_export_if_missing)
