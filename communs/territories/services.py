"""Loading the official French territorial units (@etalab/decoupage-administratif)."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from communs.catalog.search import words
from communs.territories.models import InseeAlias, Membership, Organisation
from communs.territories.selectors import administrators, curators, may_decide

Kind = Organisation.Kind
FIELDS = (
    "name",
    "search_name",
    "siren",
    "population",
    "postcodes",
    "epci_type",
    "official_edition",
)
LINKS = ("epci_id", "departement_id", "region_id")
BATCH = 2000
# Rows written between two progress lines (the first import writes about 37,000).
STEP = 5000


class TerritoriesDataError(Exception):
    code = "territories_data"


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int
    aliases: int


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
    }
    for region in _read(source, "regions"):
        units[(Kind.REGION, region["code"])] = {**base, "name": region["nom"]}
    for departement in _read(source, "departements"):
        units[(Kind.DEPARTEMENT, departement["code"])] = {
            **base,
            "name": departement["nom"],
            "_region": departement.get("region"),
        }
    for commune in _read(source, "communes"):
        if commune.get("type") != "commune-actuelle":
            continue
        units[(Kind.COMMUNE, commune["code"])] = {
            **base,
            "name": commune["nom"],
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


@transaction.atomic
def territories_import(
    *, source: Path, edition: str, progress: Callable[[str], None] | None = None
) -> ImportSummary:
    """Create or update the régions, départements, communes and EPCI; idempotent.

    A later edition updates names, populations and memberships; communes that merged keep
    their former codes as aliases of the commune they joined.
    """
    say = progress or (lambda message: None)
    units = _units(source, edition)
    say(f"Read {len(units):,} units.")
    existing: dict[tuple[str, str], Organisation] = {}
    for organisation in Organisation.objects.filter(
        kind__in=[Kind.REGION, Kind.DEPARTEMENT, Kind.COMMUNE, Kind.EPCI]
    ):
        key = organisation.siren if organisation.kind == Kind.EPCI else organisation.insee_code
        existing[(organisation.kind, key or "")] = organisation
    to_create: list[Organisation] = []
    to_update: list[Organisation] = []
    unchanged = 0
    for (kind, code), values in units.items():
        values["search_name"] = words(values["name"])  # bulk writes skip Organisation.save
        fields = {name: values[name] for name in FIELDS}
        current = existing.get((kind, code))
        if current is None:
            to_create.append(
                Organisation(kind=kind, insee_code="" if kind == Kind.EPCI else code, **fields)
            )
        elif any(getattr(current, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(current, name, value)
            to_update.append(current)
        else:
            unchanged += 1
    _in_steps(
        lambda rows: Organisation.objects.bulk_create(rows, batch_size=BATCH),
        to_create,
        "Organisations created",
        say,
    )
    _in_steps(
        lambda rows: Organisation.objects.bulk_update(rows, FIELDS, batch_size=BATCH),
        to_update,
        "Organisations updated",
        say,
    )
    say(f"Organisations: {len(to_create):,} created, {len(to_update):,} updated.")
    linked = _link(units, say)
    say(f"Hierarchy: {linked:,} links changed.")
    aliases = _aliases(source, {code for kind, code in units if kind == Kind.COMMUNE})
    say(f"Former codes: {aliases:,} aliases.")
    return ImportSummary(len(to_create), len(to_update), unchanged, aliases)


def _in_steps(
    write: Callable[[list[Organisation]], object],
    rows: list[Organisation],
    label: str,
    say: Callable[[str], None],
) -> None:
    """Write rows a step at a time, saying how many are done and about how long is left.

    Plain lines, so that a terminal and a log file read the same.
    """
    total = len(rows)
    if total <= STEP:
        write(rows)
        return
    started = time.monotonic()
    for done in range(STEP, total + STEP, STEP):
        write(rows[done - STEP : done])
        done = min(done, total)
        elapsed = time.monotonic() - started
        left = elapsed / done * (total - done)
        say(f"{label}: {done:,} of {total:,} ({done * 100 // total}%), about {left:.0f} s left.")


def _link(units: dict[tuple[str, str], dict[str, Any]], say: Callable[[str], None]) -> int:
    """Set each unit's EPCI, département and région from the official data."""
    ids: dict[tuple[str, str], int] = {}
    organisations: dict[tuple[str, str], Organisation] = {}
    for organisation in Organisation.objects.filter(
        kind__in=[Kind.REGION, Kind.DEPARTEMENT, Kind.COMMUNE, Kind.EPCI]
    ).only("pk", "kind", "insee_code", "siren", *LINKS):
        key = (
            organisation.kind,
            (organisation.siren if organisation.kind == Kind.EPCI else organisation.insee_code)
            or "",
        )
        ids[key] = organisation.pk
        organisations[key] = organisation
    wanted: dict[tuple[str, str], dict[str, int | None]] = {}
    for (kind, code), values in units.items():
        links: dict[str, int | None] = {"epci_id": None, "departement_id": None, "region_id": None}
        if values.get("_region"):
            links["region_id"] = ids.get((Kind.REGION, values["_region"]))
        if values.get("_departement"):
            links["departement_id"] = ids.get((Kind.DEPARTEMENT, values["_departement"]))
        wanted[(kind, code)] = links
    for (kind, code), values in units.items():
        if kind != Kind.EPCI:
            continue
        departements: Counter[int] = Counter()
        for member in values["_members"]:
            commune = wanted.get((Kind.COMMUNE, member))
            if commune is not None:
                commune["epci_id"] = ids[(kind, code)]
                if commune["departement_id"]:
                    departements[commune["departement_id"]] += 1
        if departements:  # an EPCI belongs to the département of most of its communes
            main = departements.most_common(1)[0][0]
            wanted[(kind, code)]["departement_id"] = main
            region = next(
                (
                    w["region_id"]
                    for w in wanted.values()
                    if w["departement_id"] == main and w["region_id"]
                ),
                None,
            )
            wanted[(kind, code)]["region_id"] = region
    changed = []
    for key, links in wanted.items():
        organisation = organisations[key]
        if any(getattr(organisation, name) != value for name, value in links.items()):
            for name, value in links.items():
                setattr(organisation, name, value)
            changed.append(organisation)
    _in_steps(
        lambda rows: Organisation.objects.bulk_update(rows, list(LINKS), batch_size=BATCH),
        changed,
        "Hierarchy links written",
        say,
    )
    return len(changed)


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
    # curators decide), already-requested, already-member.
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
    return JoinOutcome(membership, "requested" if admins else "requested-curators")


@transaction.atomic
def membership_decide(
    *, membership: Membership, approve: bool, by: Any, page_url: str
) -> Membership:
    """Approve or refuse a request to join; the requester is told of the decision."""
    organisation = membership.organisation
    if not may_decide(organisation, by):
        raise NotAllowed(
            _("Only an administrator of %(name)s or a curator may decide.")
            % {"name": organisation.name}
        )
    membership.status = Membership.Status.APPROVED if approve else Membership.Status.REFUSED
    membership.decided_by = by
    membership.save(update_fields=["status", "decided_by"])
    if approve:
        subject = _("You are a member of %(organisation)s on Communs") % {
            "organisation": organisation.name
        }
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
