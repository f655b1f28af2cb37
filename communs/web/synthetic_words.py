"""The words the synthetic data generator (``communs generate``) composes French text from.

Names and descriptions are built from these lists with a seeded random generator, so the
same seed gives the same rows. They read like the real thing, to exercise the search and
the pages the way real data would; none of them names a real organisation or product.
"""

from __future__ import annotations

# Syllables of place names, and the shapes real French commune names take.
NAME_ROOTS = (
    "Ambr",
    "Bel",
    "Beau",
    "Bour",
    "Brie",
    "Cham",
    "Char",
    "Chat",
    "Cler",
    "Cour",
    "Dam",
    "Font",
    "Gour",
    "Lan",
    "Laval",
    "Mar",
    "Mont",
    "Mor",
    "Neu",
    "Orm",
    "Pla",
    "Pont",
    "Roch",
    "Roq",
    "Sau",
    "Ser",
    "Tour",
    "Val",
    "Vauc",
    "Vil",
    "Étr",
    "Éc",
    "Aub",
    "Ber",
    "Cast",
)
NAME_ENDINGS = (
    "ville",
    "court",
    "mont",
    "ac",
    "ay",
    "ieu",
    "y",
    "ignac",
    "ières",
    "enne",
    "in",
    "on",
    "ette",
    "el",
    "oux",
    "ange",
    "ans",
    "és",
    "euil",
    "é",
)
SAINTS = (
    "Saint-Martin",
    "Saint-Étienne",
    "Saint-Jean",
    "Saint-Pierre",
    "Sainte-Marie",
    "Saint-Germain",
    "Saint-Laurent",
    "Sainte-Croix",
    "Saint-Denis",
    "Saint-Hilaire",
)
RIVERS = ("Loire", "Seine", "Marne", "Garonne", "Rhône", "Dordogne", "Oise", "Meuse", "Lot")
ARTICLES = ("Le ", "La ", "Les ", "L’", "")

REGION_NAMES = (
    "Auvergne-Rhône-Alpes",
    "Bourgogne-Franche-Comté",
    "Bretagne",
    "Centre-Val de Loire",
    "Corse",
    "Grand Est",
    "Hauts-de-France",
    "Île-de-France",
    "Normandie",
    "Nouvelle-Aquitaine",
    "Occitanie",
    "Pays de la Loire",
    "Provence-Alpes-Côte d’Azur",
    "Guadeloupe",
    "Martinique",
    "Guyane",
    "La Réunion",
    "Mayotte",
)
PUBLIC_BODY_PREFIXES = (
    "Syndicat mixte",
    "Syndicat intercommunal",
    "Centre de gestion",
    "Office public de l’habitat",
    "Service départemental d’incendie et de secours",
    "Centre communal d’action sociale",
)

# Software: names, what they do, for whom.
SOFTWARE_ROOTS = (
    "Carto",
    "Geo",
    "Doc",
    "Delib",
    "Agora",
    "Civi",
    "Muni",
    "Terri",
    "Libre",
    "Open",
    "Pad",
    "Form",
    "Budget",
    "Regis",
    "Archi",
    "Plan",
    "Urba",
    "Eco",
    "Flux",
    "Data",
    "Mail",
    "Parc",
    "Voirie",
    "Scol",
    "Biblio",
    "Social",
    "Santé",
    "Élec",
    "Clim",
    "Paie",
)
SOFTWARE_ENDINGS = (
    "ly",
    "ia",
    "hub",
    "box",
    "flow",
    "net",
    "base",
    "kit",
    "lab",
    "desk",
    "io",
    "ix",
    "ium",
    "ou",
    "eo",
    "ica",
    "ist",
    "o",
    "up",
    "a",
)
TOPICS = (
    ("cartographie", "des réseaux et de l’espace public"),
    ("gestion électronique des documents", "des services administratifs"),
    ("délibérations", "du conseil municipal et des assemblées"),
    ("urbanisme", "des demandes d’autorisation d’urbanisme"),
    ("état civil", "des actes de naissance, de mariage et de décès"),
    ("finances", "de la préparation et de l’exécution budgétaire"),
    ("ressources humaines", "de la paie et des carrières des agents"),
    ("relation usagers", "des demandes des habitants"),
    ("marchés publics", "des consultations et des contrats"),
    ("bibliothèque", "des prêts et des collections"),
    ("restauration scolaire", "des inscriptions et des repas"),
    ("voirie", "des interventions et du patrimoine routier"),
    ("courrier", "du courrier entrant et sortant"),
    ("visioconférence", "des réunions à distance"),
    ("site internet", "de la publication des informations locales"),
    ("données ouvertes", "de la publication des jeux de données"),
    ("élections", "des listes électorales et des scrutins"),
    ("cimetières", "des concessions funéraires"),
    ("énergie", "du suivi des consommations des bâtiments"),
    ("messagerie", "du courriel et des agendas partagés"),
)
QUALITIES = (
    "collaboratif",
    "libre",
    "simple",
    "accessible",
    "interopérable",
    "sécurisé",
    "modulaire",
    "léger",
    "complet",
    "éprouvé",
)
AUDIENCES = (
    "les petites communes",
    "les intercommunalités",
    "les départements",
    "les régions",
    "les services techniques",
    "les secrétaires de mairie",
    "les élus",
    "les agents d’accueil",
)
ADVANTAGES = (
    "Pas de licence à payer par poste",
    "Données hébergées en France",
    "Formats ouverts pour l’import et l’export",
    "Communauté active de collectivités",
    "Documentation en français",
    "Connexion avec l’annuaire des agents",
)
PROPRIETARY = ("Suite bureautique propriétaire", "Logiciel métier sous licence", "Service en ligne")
LICENCES = (
    "AGPL-3.0-or-later",
    "GPL-3.0-or-later",
    "GPL-2.0-or-later",
    "EUPL-1.2",
    "MIT",
    "Apache-2.0",
    "LGPL-3.0-or-later",
    "MPL-2.0",
    "CECILL-2.1",
    "BSD-3-Clause",
)

EXPERIENCE_TITLES = (
    "Déploiement en {months} mois dans nos services",
    "Migration réussie depuis une solution propriétaire",
    "Difficulté d’import des données historiques",
    "Formation des agents : retour d’expérience",
    "Mise à jour majeure : points d’attention",
    "Mutualisation avec les communes voisines",
)
EXPERIENCE_BODIES = (
    "Nous avons déployé l’outil pour {agents} agents. Le paramétrage a pris {weeks} semaines "
    "avec l’appui du prestataire ; les agents l’utilisent chaque jour.",
    "L’import des données de l’ancien logiciel a demandé un travail de nettoyage. Nous "
    "partageons ici nos scripts et les étapes suivies.",
    "Après {months} mois d’utilisation, le coût annuel a baissé et les usagers trouvent "
    "plus facilement les informations.",
)
NEED_TITLES = (
    "Export des données au format {fmt}",
    "Connexion avec FranceConnect",
    "Module de {topic} pour les petites communes",
    "Traduction de l’interface en langues régionales",
    "Accessibilité RGAA de l’espace public",
    "Application mobile pour les agents de terrain",
)
FORMATS = ("CSV", "ODS", "GeoJSON", "JSON", "XML")
