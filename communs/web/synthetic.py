"""Synthetic data at national scale, on the real models: ``communs generate``.

The generator builds, from a seed, what Communs would hold with every French local
government in it: organisations with their kinds, populations and hierarchy (régions,
départements, intercommunalities, communes, other public bodies), former INSEE codes,
software with categories and French descriptions, usage declarations with their history,
experiences, evaluations with their history (each a real report shipped with the demo,
re-addressed), needs with endorsements, and co-funding campaigns with pledges.

Scale 1 is France today (about 35,000 organisations, 2,000 software, 50,000 declarations);
scale 10 is ten times that. The same seed and scale give the same rows (random choices come
from one seeded generator, dates from a fixed origin); only the ``auto_now`` timestamps
differ. Rows go in with ``bulk_create`` in batches, inside one transaction.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from django.core.cache import caches
from django.db import connection, models, transaction
from django.utils.text import slugify

from communs.catalog.models import Category, Software, software_search_text
from communs.catalog.search import words
from communs.evaluation import Criterion
from communs.evaluations.models import Evaluation
from communs.evaluations.reading import read_report
from communs.mutualisation.models import Campaign, Endorsement, Need, Pledge, Vehicle
from communs.territories.models import InseeAlias, Organisation, organisations_written
from communs.usage.models import Experience, UsageDeclaration
from communs.web import synthetic_words as vocabulary

BATCH = 2000
ORIGIN = datetime(2026, 1, 1, tzinfo=UTC)
DEMO_REPORTS = Path(__file__).resolve().parent.parent / "evaluations" / "demo"
Row = TypeVar("Row", bound=models.Model)


class GenerationError(Exception):
    code = "not_empty"


@dataclass(frozen=True)
class Sizes:
    """How many rows of each kind a scale gives (scale 1: France today)."""

    epcis: int
    communes: int
    public_bodies: int
    software: int
    declarations: int
    experiences: int
    evaluated_software: int
    needs: int
    campaigns: int

    @classmethod
    def for_scale(cls, scale: float) -> Sizes:
        def n(base: int) -> int:
            return max(1, round(base * scale))

        return cls(
            epcis=n(1_250),
            communes=n(34_900),
            public_bodies=n(800),
            software=n(2_000),
            declarations=n(50_000),
            experiences=n(5_000),
            evaluated_software=n(200),
            needs=n(300),
            campaigns=n(60),
        )


@dataclass(frozen=True)
class GenerationSummary:
    counts: dict[str, int]


def _insert(model: type[Row], rows: Sequence[Row]) -> list[Row]:
    return model._default_manager.bulk_create(rows, batch_size=BATCH)


def _when(rng: random.Random, days: int = 3 * 365) -> datetime:
    """A moment in the `days` before the fixed origin (never the clock: rows stay the same)."""
    return ORIGIN - timedelta(days=rng.randrange(days), seconds=rng.randrange(86_400))


def _siren(number: int) -> str:
    """A nine-digit SIREN with a valid Luhn key, unique per number."""
    body = f"{number:08d}"
    total = 0
    for position, digit in enumerate(reversed(body)):
        value = int(digit) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return body + str((10 - total % 10) % 10)


def _place_name(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.15:
        name = rng.choice(vocabulary.SAINTS)
    else:
        root = rng.choice(vocabulary.NAME_ROOTS) + rng.choice(vocabulary.NAME_ENDINGS)
        name = rng.choice(vocabulary.ARTICLES) + root
    if rng.random() < 0.12:
        name += "-sur-" + rng.choice(vocabulary.RIVERS)
    return name


class _World:
    """What the generation has built so far, for the next steps to refer to."""

    def __init__(self, seed: int, sizes: Sizes) -> None:
        self.rng = random.Random(seed)  # noqa: S311 (reproducible data, not secrets)
        self.sizes = sizes
        self.sirens = 21_000_000
        self.organisations: list[Organisation] = []
        self.software: list[Software] = []
        self.declarations: list[UsageDeclaration] = []

    def next_siren(self) -> str:
        self.sirens += 1
        return _siren(self.sirens)


def _departement_codes() -> list[str]:
    metropolitan = [f"{n:02d}" for n in range(1, 96) if n != 20]
    return [*metropolitan[:19], "2A", "2B", *metropolitan[19:], "971", "972", "973", "974", "976"]


def _territories(world: _World) -> None:
    rng, sizes = world.rng, world.sizes
    regions = _insert(
        Organisation,
        [
            Organisation(
                kind="region",
                name=name,
                search_name=words(name),
                insee_code=f"{index + 1:02d}",
                siren=world.next_siren(),
                official_edition="synthetic",
            )
            for index, name in enumerate(vocabulary.REGION_NAMES)
        ],
    )
    departements = []
    centres: dict[str, tuple[float, float]] = {}
    for index, code in enumerate(_departement_codes()):
        region = regions[min(index * 13 // 96, 12)] if index < 96 else regions[13 + index - 96]
        centres[code] = (rng.uniform(42.5, 50.8), rng.uniform(-4.4, 7.8))
        name = f"{_place_name(rng)} ({code})"
        departements.append(
            Organisation(
                kind="departement",
                name=name,
                search_name=words(name),
                insee_code=code,
                siren=world.next_siren(),
                population=round(rng.lognormvariate(13.2, 0.6)),
                region=region,
                latitude=centres[code][0],
                longitude=centres[code][1],
                official_edition="synthetic",
            )
        )
    departements = _insert(Organisation, departements)
    epcis_by_departement: dict[int, list[Organisation]] = {}
    epcis = []
    for _ in range(sizes.epcis):
        departement = rng.choice(departements)
        kind = rng.choices(["CC", "CA", "CU", "METRO"], weights=[80, 17, 2, 1])[0]
        label = {"CC": "Communauté de communes", "CA": "Communauté d’agglomération"}.get(
            kind, "Communauté urbaine" if kind == "CU" else "Métropole"
        )
        name = f"{label} {_place_name(rng)}"
        epcis.append(
            Organisation(
                kind="epci",
                epci_type=kind,
                name=name,
                search_name=words(name),
                siren=world.next_siren(),
                population=round(rng.lognormvariate(10.0, 0.9)),
                departement=departement,
                region_id=departement.region_id,
                official_edition="synthetic",
            )
        )
    for epci in _insert(Organisation, epcis):
        epcis_by_departement.setdefault(epci.departement_id, []).append(epci)  # type: ignore[arg-type]
    world.organisations = [*regions, *departements, *epcis]
    _communes(world, departements, centres, epcis_by_departement)
    _public_bodies(world, departements)


def _communes(
    world: _World,
    departements: list[Organisation],
    centres: dict[str, tuple[float, float]],
    epcis_by_departement: dict[int, list[Organisation]],
) -> None:
    rng = world.rng
    counters = dict.fromkeys(centres, 0)
    aliases: list[tuple[Organisation, str, str]] = []
    batch: list[Organisation] = []

    def next_code(departement: Organisation) -> str:
        code = departement.insee_code
        counters[code] += 1
        width = 5 - len(code)
        # Five characters hold 999 communes per département (99 overseas); beyond that, as
        # at scale 10, the extra communes have no INSEE code.
        return f"{code}{counters[code]:0{width}d}" if counters[code] < 10**width else ""

    def flush() -> None:
        world.organisations.extend(_insert(Organisation, batch))
        batch.clear()

    for _ in range(world.sizes.communes):
        departement = rng.choice(departements)
        centre = centres[departement.insee_code]
        name = _place_name(rng)
        epcis = epcis_by_departement.get(departement.pk, [])
        commune = Organisation(
            kind="commune",
            name=name,
            search_name=words(name),
            insee_code=next_code(departement),
            siren=world.next_siren(),
            population=max(1, round(rng.lognormvariate(6.1, 1.3))),
            postcodes=[
                f"{departement.insee_code[:2].replace('2A', '20').replace('2B', '20')}"
                f"{rng.randrange(1000):03d}"
            ],
            epci=rng.choice(epcis) if epcis else None,
            departement=departement,
            region_id=departement.region_id,
            latitude=centre[0] + rng.uniform(-0.4, 0.4),
            longitude=centre[1] + rng.uniform(-0.5, 0.5),
            official_edition="synthetic",
        )
        batch.append(commune)
        if commune.insee_code and rng.random() < 0.03:
            aliases.append((commune, next_code(departement), _place_name(rng)))
        if len(batch) >= BATCH * 5:
            flush()
    flush()
    _insert(
        InseeAlias,
        [
            InseeAlias(code=code, name=name, organisation=commune, reason="fusion")
            for commune, code, name in aliases
            if code
        ],
    )


def _public_bodies(world: _World, departements: list[Organisation]) -> None:
    rng = world.rng
    rows = []
    for index in range(world.sizes.public_bodies):
        departement = rng.choice(departements)
        kind = "association" if index % 10 == 0 else "public-body"
        name = f"{rng.choice(vocabulary.PUBLIC_BODY_PREFIXES)} {_place_name(rng)}"
        if kind == "association":
            name = f"Association des maires {_place_name(rng)}"
        rows.append(
            Organisation(
                kind=kind,
                name=name,
                search_name=words(name),
                siren=world.next_siren(),
                departement=departement,
                region_id=departement.region_id,
                official_edition="synthetic",
            )
        )
    world.organisations.extend(_insert(Organisation, rows))


def _licence_facts(licence: str) -> dict[str, Any]:
    probe = Software(licence=licence)
    probe.refresh_licence_facts()
    return {
        "licence": probe.licence,
        "licence_family": probe.licence_family,
        "licence_is_free": probe.licence_is_free,
        "licence_crpa_listed": probe.licence_crpa_listed,
    }


def _software(world: _World) -> None:
    rng = world.rng
    facts = {licence: _licence_facts(licence) for licence in vocabulary.LICENCES}
    categories = list(Category.objects.order_by("slug").values_list("pk", flat=True))
    slugs: set[str] = set()
    rows = []
    for _ in range(world.sizes.software):
        name = rng.choice(vocabulary.SOFTWARE_ROOTS) + rng.choice(vocabulary.SOFTWARE_ENDINGS)
        slug = slugify(name)
        suffix = 1
        while slug in slugs:
            suffix += 1
            slug = f"{slugify(name)}-{suffix}"
        if suffix > 1:
            name = f"{name} {suffix}"
        slugs.add(slug)
        topic, scope = rng.choice(vocabulary.TOPICS)
        quality, audience = rng.choice(vocabulary.QUALITIES), rng.choice(vocabulary.AUDIENCES)
        software = Software(
            slug=slug,
            name=name,
            status="published" if rng.random() < 0.95 else "draft",
            short_description_fr=f"Logiciel {quality} de {topic} pour {audience}.",
            long_description_fr=(
                f"{name} est un outil de {topic} au service {scope}. Conçu avec et pour "
                f"{audience}, il est {quality} et s’installe sur les serveurs de la "
                f"collectivité ou chez un hébergeur. Il est maintenu par une communauté "
                f"de {rng.randrange(2, 80)} contributeurs."
            ),
            usage_fr=f"Gestion {scope}.",
            advantages_fr=rng.sample(vocabulary.ADVANTAGES, 2),
            replaces=[rng.choice(vocabulary.PROPRIETARY)],
            repository_url=f"https://git.example.org/{slug}/{slug}",
            website=f"https://{slug}.example.org/",
            software_version=f"{rng.randrange(1, 9)}.{rng.randrange(20)}",
            release_date=(ORIGIN - timedelta(days=rng.randrange(900))).date(),
            **facts[rng.choice(vocabulary.LICENCES)],
        )
        software.search_text = software_search_text(software)
        software.search_name = words(name)
        rows.append(software)
    world.software = _insert(Software, rows)
    through = Software.categories.through
    _insert(
        through,
        [
            through(software_id=software.pk, category_id=category)
            for software in world.software
            for category in rng.sample(categories, rng.randrange(1, 4))
        ],
    )


def _declarations(world: _World) -> None:
    """Declarations spread as real use is: a few software used everywhere, most by a few."""
    rng, sizes = world.rng, world.sizes
    published = [s for s in world.software if s.status == "published"]
    ranking = rng.sample(published, len(published))
    cumulative, total = [], 0.0
    for rank in range(len(ranking)):
        total += 1 / (rank + 1) ** 0.9
        cumulative.append(total)
    wanted = min(sizes.declarations, len(world.organisations) * len(published) // 2)
    seen: set[tuple[int, int]] = set()
    rows: list[UsageDeclaration] = []
    while len(rows) < wanted:
        software = rng.choices(ranking, cum_weights=cumulative)[0]
        organisation = rng.choice(world.organisations)
        if (organisation.pk, software.pk) in seen:
            continue
        seen.add((organisation.pk, software.pk))
        status = rng.choices(["production", "evaluating", "abandoned"], weights=[75, 18, 7])[0]
        public = rng.random() < 0.2
        rows.append(
            UsageDeclaration(
                organisation=organisation,
                software=software,
                status=status,
                abandon_reason="Remplacé par un outil mutualisé." if status == "abandoned" else "",
                since=(ORIGIN - timedelta(days=rng.randrange(3650))).date(),
                version=software.software_version,
                users_count=rng.randrange(1, 400),
                instance_url=f"https://{software.slug}.commune-{organisation.pk}.example.org/"
                if public
                else "",
                instance_public=public and rng.random() < 0.5,
                notes="Utilisé par les services techniques." if rng.random() < 0.3 else "",
            )
        )
    world.declarations = _insert(UsageDeclaration, rows)
    _declaration_history(world)


def _declaration_history(world: _World) -> None:
    """Each declaration's history: its creation, and for some an earlier status changed."""
    rng = world.rng
    history = UsageDeclaration.history.model
    fields = [f.attname for f in UsageDeclaration._meta.concrete_fields]
    rows = []
    for declaration in world.declarations:
        values = {name: getattr(declaration, name) for name in fields}
        created = _when(rng)
        if declaration.status != "evaluating" and rng.random() < 0.4:
            rows.append(
                history(
                    **{**values, "status": "evaluating"}, history_date=created, history_type="+"
                )
            )
            changed = created + timedelta(days=rng.randrange(30, 400))
            rows.append(history(**values, history_date=changed, history_type="~"))
        else:
            rows.append(history(**values, history_date=created, history_type="+"))
        if len(rows) >= BATCH * 5:
            _insert(history, rows)
            rows = []
    _insert(history, rows)


def _experiences(world: _World) -> None:
    rng = world.rng
    rows = []
    for declaration in rng.sample(
        world.declarations, min(world.sizes.experiences, len(world.declarations))
    ):
        difficulty = rng.random() < 0.3
        title = rng.choice(vocabulary.EXPERIENCE_TITLES).format(months=rng.randrange(2, 18))
        body = rng.choice(vocabulary.EXPERIENCE_BODIES).format(
            agents=rng.randrange(3, 300), weeks=rng.randrange(2, 20), months=rng.randrange(3, 36)
        )
        rows.append(
            Experience(
                kind="difficulty" if difficulty else "testimonial",
                organisation_id=declaration.organisation_id,
                software_id=declaration.software_id,
                title=title,
                body=body,
                version=declaration.version,
                resolution=rng.choice(["open", "worked-around", "solved"]) if difficulty else "",
            )
        )
    _insert(Experience, rows)


def _demo_reports() -> list[list[dict[str, Any]]]:
    """The reports shipped with the demo, each file's in date order."""
    files = sorted(DEMO_REPORTS.glob("*.json"))
    return [
        sorted(json.loads(path.read_text())["evaluations"], key=lambda e: e["as_of"])
        for path in files
    ]


def _evaluations(world: _World) -> None:
    """Evaluations with their history: each evaluated software gets a demo file's reports,
    re-addressed to its own repository, oldest first."""
    rng = world.rng
    templates = _demo_reports()
    scores = {
        id(entry["report"]): {c.value: read_report(entry["report"]).score(c) for c in Criterion}
        for template in templates
        for entry in template
    }
    published = [s for s in world.software if s.status == "published"]
    rows = []
    for software in rng.sample(published, min(world.sizes.evaluated_software, len(published))):
        for entry in rng.choice(templates):
            report = {**entry["report"], "target": software.repository_url}
            rows.append(
                Evaluation(
                    software=software,
                    target=software.repository_url,
                    head=entry["commit"],
                    as_of=datetime.fromisoformat(entry["as_of"].replace("Z", "+00:00")),
                    method_version=entry["method_version"],
                    report=report,
                    **scores[id(entry["report"])],
                )
            )
        if len(rows) >= BATCH:
            _insert(Evaluation, rows)
            rows = []
    _insert(Evaluation, rows)


def _pooling(world: _World) -> None:
    rng, sizes = world.rng, world.sizes
    published = [s for s in world.software if s.status == "published"]
    categories = list(Category.objects.order_by("slug"))
    needs = []
    for _ in range(sizes.needs):
        topic, _scope = rng.choice(vocabulary.TOPICS)
        title = rng.choice(vocabulary.NEED_TITLES).format(
            fmt=rng.choice(vocabulary.FORMATS), topic=topic
        )
        on_software = rng.random() < 0.7
        needs.append(
            Need(
                title=title,
                description="Nous avons besoin de cette fonction pour "
                f"{rng.choice(vocabulary.AUDIENCES)}.",
                software=rng.choice(published) if on_software else None,
                category=None if on_software else rng.choice(categories),
                raised_by=rng.choice(world.organisations),
                status=rng.choices(
                    ["proposed", "open", "funded", "in-progress", "delivered", "declined"],
                    weights=[20, 50, 10, 8, 7, 5],
                )[0],
            )
        )
    needs = _insert(Need, needs)
    endorsements = []
    for need in needs:
        for organisation in {
            o.pk: o for o in rng.sample(world.organisations, rng.randrange(9))
        }.values():
            endorsements.append(
                Endorsement(
                    need=need,
                    organisation=organisation,
                    context=f"Pour nos {rng.randrange(2, 40)} sites",
                    budget=Decimal(rng.randrange(0, 20_000)) if rng.random() < 0.5 else None,
                )
            )
    _insert(Endorsement, endorsements)
    open_needs = [need for need in needs if need.status in ("open", "funded", "in-progress")]
    campaigns = []
    for need in rng.sample(open_needs, min(sizes.campaigns, len(open_needs))):
        campaigns.append(
            Campaign(
                need=need,
                title=f"Financer : {need.title}",
                scope="Développement, recette et documentation de la fonction.",
                target=Decimal(rng.randrange(5_000, 200_000)),
                deadline=(ORIGIN + timedelta(days=rng.randrange(30, 365))).date(),
                vehicle=rng.choice(list(Vehicle)).value,
                coordinator=need.raised_by or rng.choice(world.organisations),
                state=rng.choice(["open", "open", "funded", "in-delivery", "expired"]),
            )
        )
    campaigns = _insert(Campaign, campaigns)
    _insert(
        Pledge,
        [
            Pledge(
                campaign=campaign,
                organisation=organisation,
                amount=Decimal(rng.randrange(500, 20_000)),
                state=rng.choice(["pledged", "committed", "paid"]),
            )
            for campaign in campaigns
            for organisation in rng.sample(world.organisations, rng.randrange(1, 11))
        ],
    )


STEPS: tuple[tuple[str, Callable[[_World], None]], ...] = (
    ("organisations", _territories),
    ("software", _software),
    ("declarations", _declarations),
    ("experiences", _experiences),
    ("evaluations", _evaluations),
    ("needs and campaigns", _pooling),
)
COUNTED: tuple[tuple[str, type[models.Model]], ...] = (
    ("organisations", Organisation),
    ("former INSEE codes", InseeAlias),
    ("software", Software),
    ("declarations", UsageDeclaration),
    ("declaration history", UsageDeclaration.history.model),
    ("experiences", Experience),
    ("evaluations", Evaluation),
    ("needs", Need),
    ("endorsements", Endorsement),
    ("campaigns", Campaign),
    ("pledges", Pledge),
)


@transaction.atomic
def synthetic_generate(
    *, scale: float, seed: int, progress: Callable[[str], None] | None = None
) -> GenerationSummary:
    """Fill an empty database with synthetic data at `scale` (1: France today) from `seed`."""
    if Organisation.objects.exists() or Software.objects.exists():
        raise GenerationError(
            "The database already holds organisations or software: generate into a new one."
        )
    world = _World(seed, Sizes.for_scale(scale))
    for name, step in STEPS:
        if progress:
            progress(name)
        step(world)
    organisations_written.send(sender=Organisation)  # bulk writes: cached lists go
    # Rows went in by bulk_create, which sends no signal: pages kept for an earlier database
    # in this data folder (ids are reused) must not be served.
    transaction.on_commit(caches["fragments"].clear)
    return GenerationSummary(
        counts={name: model._default_manager.count() for name, model in COUNTED}
    )


def database_analyse() -> None:
    """Refresh the planner's statistics: after a bulk load, PostgreSQL's (and SQLite's) still
    describe the empty tables, and the planner would pick scans over indexes."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def database_size() -> int:
    """The database's size on disk, in bytes."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
        else:
            cursor.execute(
                "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
            )
        return int(cursor.fetchone()[0])
