from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

EXPIRY_EVERY = 3600.0  # seconds; expiring is idempotent, so an hourly look costs little


class MutualisationConfig(AppConfig):
    name = "communs.mutualisation"
    verbose_name = _("Pooling")

    def ready(self) -> None:
        # The embedded worker expires overdue campaigns as Celery beat does in scale mode.
        from communs.evaluations import worker
        from communs.mutualisation.tasks import expire_overdue_campaigns

        worker.register_periodic("expire-campaigns", EXPIRY_EVERY, expire_overdue_campaigns)
