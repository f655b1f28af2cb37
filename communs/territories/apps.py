from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoriesConfig(AppConfig):
    name = "communs.territories"
    verbose_name = _("Territories and organisations")
