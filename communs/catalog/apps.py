from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "communs.catalog"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_ensure_fulltext, dispatch_uid="catalog-fulltext")


def _ensure_fulltext(sender: object, using: str = "default", **kwargs: object) -> None:
    """After every migration: the full-text indexes and their triggers (see fulltext)."""
    from communs.catalog.fulltext import ensure_fulltext

    ensure_fulltext(using)
