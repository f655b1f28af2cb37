"""Loading the official French territorial units (@etalab/decoupage-administratif)."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.utils.translation import gettext as _

from communs.catalog.search import words
from communs.console import Progress
from communs.french import with_prepositions
from communs.territories.models import (
    InseeAlias,
    Membership,
    Organisation,
    organisations_written,
)
from communs.territories.selectors import administrators, curators, may_decide

Kind = Organisation.Kind
FIELDS = (
    "name",
    "name_liaison",
    "search_name",
    "siren",
    "population",
    "postcodes",
    "epci_type",
    "official_edition",
)
LINKS = ("epci_id", "departement_id", "region_id")
# Rows per statement; progress is reported after each batch.
BATCH = 2000


class TerritoriesDataError(Exception):
    code = "territories_data"


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int
    aliases: int
    skipped: bool = False  # the edition was already loaded (if_needed)


def _read(source: Path, name: str) -> list[dict[str, Any]]:
    path = source / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TerritoriesDataError(f"{path} is missing: give the package's data folder.") from None
    except (OSError, ValueError) as error:
        raise TerritoriesDataError(f"{path} cannot be read: {error}") from None
    if not isinstance(data, list):
        raise TerritoriesDataError(f"{path} should hold a list.")
    return data


def _units(source: Path, edition: str) -> dict[tuple[str, str], dict[str, Any]]:
    """Every unit, keyed by (kind, INSEE code) — (epci, SIREN) for EPCI — with its values."""
    units: dict[tuple[str, str], dict[str, Any]] = {}
    base: dict[str, Any] = {
        "siren": None,
        "population": None,
        "postcodes": [],
        "epci_type": "",
        "official_edition": edition,
        "name_liaison": None,
    }
    for region in _read(source, "regions"):
        units[(Kind.REGION, region["code"])] = {
            **base,
            "name": region["nom"],
            "name_liaison": region.get("typeLiaison"),
        }
    for departement in _read(source, "departements"):
        units[(Kind.DEPARTEMENT, departement["code"])] = {
            **base,
            "name": departement["nom"],
            "name_liaison": departement.get("typeLiaison"),
            "_region": departement.get("region"),
        }
    for commune in _read(source, "communes"):
        if commune.get("type") != "commune-actuelle":
            continue
        units[(Kind.COMMUNE, commune["code"])] = {
            **base,
            "name": commune["nom"],
            "name_liaison": commune.get("typeLiaison"),
            "siren": commune.get("siren"),
            "population": commune.get("population"),
            "postcodes": sorted(commune.get("codesPostaux") or []),
            "_region": commune.get("region"),
            "_departement": commune.get("departement"),
        }
    for epci in _read(source, "epci"):
        members = [member["code"] for member in epci.get("membres", [])]
        units[(Kind.EPCI, epci["code"])] = {
            **base,
            "name": epci["nom"],
            "siren": epci["code"],
            "population": epci.get("populationTotale"),
            "epci_type": epci.get("type", ""),
            "_members": members,
        }
    return units


# Written level by level, so that each level's links point at rows that already exist.
LEVELS = (Kind.REGION, Kind.DEPARTEMENT, Kind.EPCI, Kind.COMMUNE)


def territories_import(
    *, source: Path, edition: str, progress: Progress | None = None, if_needed: bool = False
) -> ImportSummary:
    """Create or update the régions, départements, communes and EPCI; idempotent.

    A later edition updates names, populations and memberships; communes that merged keep
    their former codes as aliases of the commune they joined. The hierarchy is computed in
    memory from the official codes, and each level is written in a few bulk statements
    with its links, so that the first import of about 36,000 units takes seconds.

    Each batch is its own transaction, so that the site keeps answering and writing while
    `make run` imports in the background; a source that cannot be read changes nothing
    (it is read whole first), and an interrupted import is completed by running it again.
    With `if_needed`, an edition whose units are all stored is left as it is.
    """
    say = progress or Progress(lambda text: None)
    units = _units(source, edition)
    say.say(f"Read {len(units):,} units.")
    if (
        if_needed
        and territories_loaded(edition=edition) >= len(units)
        and not _liaisons_missing(units, edition=edition)
    ):
        return ImportSummary(0, 0, len(units), InseeAlias.objects.count(), skipped=True)
    parents = _parents(units)
    existing: dict[tuple[str, str], Organisation] = {}
    for organisation in Organisation.objects.filter(kind__in=LEVELS):
        existing[(organisation.kind, _key(organisation))] = organisation
    ids = {key: organisation.pk for key, organisation in existing.items()}
    created = updated = unchanged = 0
    started, done, reported_all = time.monotonic(), 0, False
    for level in LEVELS:
        to_create: list[Organisation] = []
        to_update: list[Organisation] = []
        for (kind, code), values in units.items():
            if kind != level:
                continue
            values["search_name"] = words(values["name"])  # bulk writes skip Organisation.save
            fields: dict[str, Any] = {name: values[name] for name in FIELDS}
            for link, parent in parents[(kind, code)].items():
                fields[link] = ids.get(parent) if parent else None
            current = existing.get((kind, code))
            if current is None:
                insee_code = "" if kind == Kind.EPCI else code
                to_create.append(Organisation(kind=kind, insee_code=insee_code, **fields))
            elif any(getattr(current, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(current, name, value)
                to_update.append(current)
            else:
                unchanged += 1
                done += 1
        for rows, write in ((to_create, _create), (to_update, _update)):
            for start in range(0, len(rows), BATCH):
                with transaction.atomic():
                    write(rows[start : start + BATCH])
                done += len(rows[start : start + BATCH])
                say.step("Territories written", done, len(units), started)
                reported_all = done == len(units)
        if any(row.pk is None for row in to_create):  # a database that returns no new ids
            for organisation in Organisation.objects.filter(kind=level).only(
                "pk", "kind", "insee_code", "siren"
            ):
                ids[(level, _key(organisation))] = organisation.pk
        else:
            ids.update({(level, _key(row)): row.pk for row in to_create})
        created, updated = created + len(to_create), updated + len(to_update)
    if not reported_all:  # the last level had nothing to write
        say.step("Territories written", len(units), len(units), started)
    say.say(f"Organisations: {created:,} created, {updated:,} updated, {unchanged:,} unchanged.")
    aliases = _aliases(source, {code for kind, code in units if kind == Kind.COMMUNE})
    say.say(f"Former codes: {aliases:,} aliases.")
    # Bulk writes send no post_save: say once that organisations changed (cached lists).
    organisations_written.send(sender=Organisation)
    return ImportSummary(created, updated, unchanged, aliases)


def territories_loaded(*, edition: str) -> int:
    """How many official units of this edition are stored (0 when it was never imported)."""
    return Organisation.objects.filter(kind__in=LEVELS, official_edition=edition).count()


def _liaisons_missing(units: dict[tuple[str, str], dict[str, Any]], *, edition: str) -> bool:
    """Whether stored units of the edition lack the article type the source gives them: the
    edition was imported before it was kept (migration 0006), so French says "de Annecy"
    until it is imported again."""
    without = sum(
        1
        for (kind, _code), values in units.items()
        if kind != Kind.EPCI and values["name_liaison"] is None
    )
    stored_without = Organisation.objects.filter(
        kind__in=(Kind.REGION, Kind.DEPARTEMENT, Kind.COMMUNE),
        official_edition=edition,
        name_liaison__isnull=True,
    ).count()
    return stored_without > without


def _key(organisation: Organisation) -> str:
    """How the official data names a unit: its SIREN for an EPCI, its INSEE code otherwise."""
    return (organisation.siren if organisation.kind == Kind.EPCI else organisation.insee_code) or ""


def _parents(
    units: dict[tuple[str, str], dict[str, Any]],
) -> dict[tuple[str, str], dict[str, tuple[str, str] | None]]:
    """Each unit's EPCI, département and région, as keys of `units`, from the codes alone."""
    region_of = {
        code: values.get("_region")
        for (kind, code), values in units.items()
        if kind == Kind.DEPARTEMENT
    }
    epci_of = {
        member: code
        for (kind, code), values in units.items()
        if kind == Kind.EPCI
        for member in values["_members"]
    }
    parents: dict[tuple[str, str], dict[str, tuple[str, str] | None]] = {}
    for (kind, code), values in units.items():
        region, departement, epci = values.get("_region"), values.get("_departement"), None
        if kind == Kind.COMMUNE:
            epci = epci_of.get(code)
        elif kind == Kind.EPCI:
            # An EPCI belongs to the département of most of its communes, and to its région.
            counted = Counter(
                units[(Kind.COMMUNE, member)].get("_departement")
                for member in values["_members"]
                if (Kind.COMMUNE, member) in units
            )
            counted.pop(None, None)
            departement = counted.most_common(1)[0][0] if counted else None
            region = region_of.get(departement) if departement else None
        parents[(kind, code)] = {
            "epci_id": (Kind.EPCI, epci) if epci else None,
            "departement_id": (Kind.DEPARTEMENT, departement) if departement else None,
            "region_id": (Kind.REGION, region) if region else None,
        }
    return parents


def _create(rows: list[Organisation]) -> None:
    Organisation.objects.bulk_create(rows)


def _update(rows: list[Organisation]) -> None:
    """One UPDATE per row, sent together: bulk_update's CASE expressions grow quadratic."""
    columns: list[Any] = [Organisation._meta.get_field(name) for name in (*FIELDS, *LINKS)]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    # Names come from the model's metadata, quoted; every value is a parameter.
    table, key = quote(Organisation._meta.db_table), quote(Organisation._meta.pk.column)
    statement = f"UPDATE {table} SET {assignments} WHERE {key} = %s"  # noqa: S608
    parameters = [
        [column.get_db_prep_save(getattr(row, column.attname), connection) for column in columns]
        + [row.pk]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(statement, parameters)


@transaction.atomic
def _aliases(source: Path, current_codes: set[str]) -> int:
    """Former codes of communes that merged, pointing at the commune they joined."""
    ids = dict(Organisation.objects.filter(kind=Kind.COMMUNE).values_list("insee_code", "pk"))
    current = {code: ids[code] for code in current_codes if code in ids}
    known = {alias.code: alias for alias in InseeAlias.objects.all()}
    to_create, to_update = [], []
    for commune in _read(source, "communes"):
        kind, code, target = commune.get("type"), commune["code"], commune.get("chefLieu")
        if kind not in ("commune-deleguee", "commune-associee") or code in current:
            continue  # a delegated commune often keeps the code of the commune it joined
        organisation_id = current.get(target or "")
        if organisation_id is None:
            continue
        alias = known.get(code)
        if alias is None:
            alias = InseeAlias(
                code=code, name=commune["nom"], organisation_id=organisation_id, reason=kind
            )
            known[code] = alias
            to_create.append(alias)
        elif (alias.organisation_id, alias.name) != (organisation_id, commune["nom"]):
            alias.organisation_id, alias.name = organisation_id, commune["nom"]
            to_update.append(alias)
    InseeAlias.objects.bulk_create(to_create, batch_size=BATCH)
    InseeAlias.objects.bulk_update(to_update, ["organisation", "name"], batch_size=BATCH)
    return len(known)


class NotAllowed(Exception):
    """The person may not do this; the message says why. Nothing was changed."""

    code = "not_allowed"


@dataclass(frozen=True)
class JoinOutcome:
    """What asking to join did, so that the page says the truth."""

    membership: Membership
    # requested (sent to the administrators), requested-curators (no administrator: the
    # curators decide), requested-nobody (no administrator and no curator yet: the request
    # waits), already-requested, already-member.
    code: str


def _notify(recipients: list[Any], subject: str, body: str) -> None:
    # Each recipient gets their own message: nobody sees the others' addresses.
    for address in sorted({user.email for user in recipients if user.email}):
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])


def _display(user: Any) -> str:
    return str(user.get_full_name() or user.username)


@transaction.atomic
def membership_request(*, organisation: Organisation, user: Any, page_url: str) -> JoinOutcome:
    """Ask to join; the administrators (or the curators when there are none) are told."""
    membership, created = Membership.objects.select_for_update().get_or_create(
        organisation=organisation, user=user
    )
    if not created and membership.status == Membership.Status.APPROVED:
        return JoinOutcome(membership, "already-member")
    if not created and membership.status == Membership.Status.REQUESTED:
        return JoinOutcome(membership, "already-requested")
    if not created:  # refused before: asking again starts a new request
        membership.status = Membership.Status.REQUESTED
        membership.decided_by = None
        membership.save(update_fields=["status", "decided_by"])
    admins = list(administrators(organisation))
    recipients = admins or list(curators())
    subject = _("%(person)s asks to join %(organisation)s on Communs") % {
        "person": _display(user),
        "organisation": organisation.name,
    }
    values = {
        "person": _display(user),
        "email": user.email,
        "organisation": organisation.name,
        "link": page_url,
    }
    body = "\n\n".join(
        [
            _("%(person)s (%(email)s) asks to join %(organisation)s.") % values,
            _("Approve or refuse the request on the organisation's page: %(link)s") % values,
        ]
    )
    transaction.on_commit(lambda: _notify(recipients, subject, body))
    if admins:
        return JoinOutcome(membership, "requested")
    return JoinOutcome(membership, "requested-curators" if recipients else "requested-nobody")


@transaction.atomic
def membership_decide(
    *, membership: Membership, approve: bool, by: Any, page_url: str
) -> Membership:
    """Approve or refuse a request to join; the requester is told of the decision."""
    organisation = membership.organisation
    if not may_decide(organisation, by):
        raise NotAllowed(
            with_prepositions(
                _("Only an administrator of %(name)s or a curator may decide.")
                % {"name": organisation.name},
                organisation,
            )
        )
    membership.status = Membership.Status.APPROVED if approve else Membership.Status.REFUSED
    membership.decided_by = by
    membership.save(update_fields=["status", "decided_by"])
    if approve:
        subject = with_prepositions(
            _("You are a member of %(organisation)s on Communs")
            % {"organisation": organisation.name},
            organisation,
        )
        body = _(
            "%(decider)s approved your request to join %(organisation)s. You can now declare "
            "the software it uses and share your experience: %(link)s"
        )
    else:
        subject = _("Your request to join %(organisation)s on Communs") % {
            "organisation": organisation.name
        }
        body = _(
            "%(decider)s refused your request to join %(organisation)s. If this is a mistake, "
            "write to them or ask again: %(link)s"
        )
    body = body % {"decider": _display(by), "organisation": organisation.name, "link": page_url}
    requester = membership.user
    transaction.on_commit(lambda: _notify([requester], subject, body))
    return membership


@transaction.atomic
def organisation_request(*, values: dict[str, Any], by: Any, absolute: Any) -> Organisation:
    """Add an organisation for a curator to confirm; its requester asks to administer it.

    The curators are told by email; `absolute` turns a path into the site's full address.
    """
    organisation = Organisation(confirmed=False, **values)
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(organisation=organisation, user=by, role=Membership.Role.ADMIN)
    values = {
        "person": _display(by),
        "email": by.email,
        "organisation": organisation.name,
        "link": absolute(organisation.get_absolute_url()),
    }
    subject = _("%(person)s asks to add %(organisation)s on Communs") % values
    body = "\n\n".join(
        [
            _("%(person)s (%(email)s) asks to add %(organisation)s and to administer it.") % values,
            _(
                "Confirm the organisation in the admin, then approve or refuse the request "
                "on its page: %(link)s"
            )
            % values,
        ]
    )
    recipients = list(curators())
    transaction.on_commit(lambda: _notify(recipients, subject, body))
    return organisation
