from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsageConfig(AppConfig):
    name = "communs.usage"
    verbose_name = _("Usage")

    def ready(self) -> None:
        from communs.usage import signals  # noqa: F401  (connects the receivers)
