"""Demo resources, marked as demo (demo=True, shown with a notice); safe to load again."""

from __future__ import annotations

import datetime
import io

from django.db import transaction

from communs.catalog.models import Software
from communs.resources import uploads
from communs.resources.models import LegalVehicle, Resource
from communs.resources.services import attach

MIGRATION_GUIDE = """# Démo – Passer à QGIS en six semaines

Document de démonstration : il montre comment la bibliothèque lit le texte des fichiers.

## Étapes

1. Inventorier les couches et les projets existants.
2. Installer QGIS sur deux postes pilotes ; former les géomaticiens.
3. Convertir les projets et publier le cadastre sur le serveur cartographique.
"""

DELIBERATION = """# Démo – Modèle de délibération : adhésion à un groupement de commandes

Le conseil municipal, vu le Code de la commande publique (articles L2113-6 à L2113-8),
décide d’adhérer au groupement de commandes pour la maintenance du logiciel.
Document de démonstration : ce n’est pas un modèle juridique validé.
"""

# Slug, kind, title, file name, text (None: a link), external address, legal vehicle.
RESOURCES = [
    (
        "qgis",
        Resource.Kind.MIGRATION_GUIDE,
        "Démo – Guide de migration vers QGIS",
        "guide-qgis.md",
        MIGRATION_GUIDE,
        "",
        "",
    ),
    (
        "nextcloud",
        Resource.Kind.DELIBERATION,
        "Démo – Délibération d’adhésion à un groupement",
        "deliberation.md",
        DELIBERATION,
        "",
        LegalVehicle.GROUPEMENT,
    ),
    (
        "moodle",
        Resource.Kind.EXTERNAL_TRAINING,
        "Démo – Parcours de formation Moodle pour agents",
        "",
        None,
        "https://demo.example.org/moodle/course/view.php?id=1",
        "",
    ),
]


@transaction.atomic
def demo_resources_load() -> int:
    """Create the demo resources if missing; returns how many were made."""
    made = 0
    for slug, kind, title, name, text, url, vehicle in RESOURCES:
        software = Software.objects.published().filter(slug=slug).first()
        if software is None or Resource.objects.filter(title=title, demo=True).exists():
            continue
        resource = Resource(
            software=software,
            kind=kind,
            title=title,
            description="Ressource de démonstration.",
            licence="CC-BY-4.0",
            published_on=datetime.date(2025, 1, 15),
            language=Resource.Language.FR,
            external_url=url,
            legal_vehicle=vehicle,
            demo=True,
        )
        if text is not None:
            data = text.encode()
            upload = io.BytesIO(data)
            checked = uploads.check(upload, name=name, size=len(data))
            attach(resource, upload=upload, upload_name=name, checked=checked)
        resource.full_clean()
        resource.save()
        made += 1
    return made
