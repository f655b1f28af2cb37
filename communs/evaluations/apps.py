from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "communs.evaluations"
    verbose_name = _("Evaluations")

    def ready(self) -> None:
        # Every process that loads Django (the web process included, not only Celery
        # workers) must know the Celery app: without it, tasks are published to Celery's
        # default broker instead of BROKER_URL.
        from communs import celery  # noqa: F401
