"""Writes about resources, each checking who may do it."""

from __future__ import annotations

from typing import IO, Any

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from communs.catalog.models import Software
from communs.french import with_prepositions
from communs.resources.models import Resource, Usefulness
from communs.resources.uploads import Checked, safe_name
from communs.territories.selectors import approved_organisation_ids
from communs.territories.services import NotAllowed


def may_share(user: Any) -> bool:
    """Members of an organisation share documents; so do curators."""
    return bool(getattr(user, "is_staff", False)) or bool(approved_organisation_ids(user))


@transaction.atomic
def resource_add(
    *,
    software: Software,
    values: dict[str, Any],
    upload: IO[bytes] | None,
    upload_name: str,
    checked: Checked | None,
    by: Any,
    demo: bool = False,
) -> Resource:
    """Add a document (already checked by uploads.check) or a link to the library."""
    if not may_share(by):
        raise NotAllowed(_("Only members of an organisation may share documents."))
    author = values.get("author_organisation")
    if author is not None and not by.is_staff and author.pk not in approved_organisation_ids(by):
        raise NotAllowed(
            with_prepositions(
                _("Only members of %(name)s may share a document in its name.")
                % {"name": author.name},
                author,
            )
        )
    experiences = values.pop("experiences", [])
    resource = Resource(software=software, uploaded_by=by, demo=demo, **values)
    if upload is not None and checked is not None:
        attach(resource, upload=upload, upload_name=upload_name, checked=checked)
    resource.full_clean()
    resource.save()
    resource.experiences.set(experiences)
    return resource


def attach(resource: Resource, *, upload: IO[bytes], upload_name: str, checked: Checked) -> None:
    """Give the resource its checked file; saved with the resource, under a random name."""
    resource.original_name = safe_name(upload_name, checked.extension)
    resource.content_type = checked.content_type
    resource.text = checked.text
    upload.seek(0, 2)
    resource.size = upload.tell()
    upload.seek(0)
    # The name's extension only: storage.stored_name draws a random name.
    resource.file = File(upload, name=f"upload{checked.extension}")


@transaction.atomic
def resource_mark_useful(*, resource: Resource, by: Any) -> bool:
    """Mark the resource useful, or take the mark back; returns whether it is marked now."""
    if not approved_organisation_ids(by):
        raise NotAllowed(_("Only members of an organisation may rate resources."))
    mark = Usefulness.objects.filter(resource=resource, user=by).first()
    if mark is not None:
        mark.delete()
        return False
    Usefulness.objects.create(resource=resource, user=by)
    return True


CURATION: dict[str, dict[str, Any]] = {
    "feature": {"featured": True},
    "unfeature": {"featured": False},
    "retire": {"status": Resource.Status.RETIRED, "featured": False},
    "republish": {"status": Resource.Status.PUBLISHED},
}


@transaction.atomic
def resource_curate(*, resource: Resource, action: str, by: Any) -> Resource:
    if not getattr(by, "is_staff", False):
        raise NotAllowed(_("Only curators feature and retire resources."))
    if action not in CURATION:
        raise NotAllowed(_("Unknown action."))
    for field, value in CURATION[action].items():
        setattr(resource, field, value)
    resource.save(update_fields=[*CURATION[action], "search_text"])
    return resource
