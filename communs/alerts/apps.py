from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "communs.alerts"
    verbose_name = _("Alerts")

    def ready(self) -> None:
        # The embedded worker runs the alerts job as Celery beat does in scale mode.
        from communs.alerts import signals  # noqa: F401 (connects the receivers)
        from communs.alerts.services import alerts_run
        from communs.evaluations import worker

        if settings.ALERTS_EVERY_SECONDS > 0:
            worker.register_periodic("alerts", settings.ALERTS_EVERY_SECONDS, alerts_run)
