from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The site's shell: layout, home page, error pages and system checks."""

    name = "communs.web"
    verbose_name = _("Site")

    def ready(self) -> None:
        from communs.web import checks, fragments  # noqa: F401  (registers checks, receivers)
