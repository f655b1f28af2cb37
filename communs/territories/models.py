"""Organisations on official identities: French territorial units and other public bodies."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.dispatch import Signal
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communs.catalog.fulltext import FullTextIndex, register
from communs.catalog.search import words
from communs.catalog.validators import validate_siren

# INSEE codes by kind: communes (Corsica's start with 2A or 2B), départements, régions.
INSEE_PATTERNS = {
    "commune": r"(?:[0-9]{2}|2[AB])[0-9]{3}",
    "departement": r"[0-9]{2,3}|2[AB]",
    "region": r"[0-9]{2}",
}

# Names searched by word starts, postcodes by whole codes (see catalog.fulltext).
ORGANISATION_INDEX = register(
    FullTextIndex("territories_organisation", ("search_name",), codes="postcodes")
)


# Sent after bulk writes of organisations (an import), which send no post_save: what keeps
# organisations in a cache (web/fragments.py) drops it.
organisations_written = Signal()


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COMMUNE = "commune", _("Commune")
        EPCI = "epci", _("Intercommunality (EPCI)")
        DEPARTEMENT = "departement", _("Département")
        REGION = "region", _("Région")
        PUBLIC_BODY = "public-body", _("Other public body")
        ASSOCIATION = "association", _("Association of local governments")
        COMPANY = "company", _("Company")
        FOREIGN = "foreign", _("Local government outside France")

    class EpciType(models.TextChoices):
        CC = "CC", _("Communauté de communes")
        CA = "CA", _("Communauté d’agglomération")
        CU = "CU", _("Communauté urbaine")
        METROPOLE = "METRO", _("Métropole")
        LYON = "MET69", _("Métropole de Lyon")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    epci_type = models.CharField(
        _("type of EPCI"), max_length=10, choices=EpciType.choices, blank=True
    )
    name = models.CharField(_("name"), max_length=200)
    # INSEE's article type of the name (0 to 8, see communs.french): "du Havre", "d’Hérouville".
    name_liaison = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # The name's folded words (catalog.search.words): "saint-etienne" finds Saint-Étienne,
    # and "Écully" sorts among the E.
    search_name = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    siren = models.CharField(
        _("SIREN number"),
        max_length=9,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_siren],
    )
    insee_code = models.CharField(_("INSEE code"), max_length=5, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    postcodes = models.JSONField(_("postcodes"), default=list, blank=True)
    epci = models.ForeignKey(
        "self",
        verbose_name=_("intercommunality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member_communes",
        limit_choices_to={"kind": "epci"},
    )
    departement = models.ForeignKey(
        "self",
        verbose_name=_("département"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "departement"},
    )
    region = models.ForeignKey(
        "self",
        verbose_name=_("région"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "region"},
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    # False for an organisation someone asked to add, until a curator confirms it.
    confirmed = models.BooleanField(_("confirmed by a curator"), default=True)
    # Set by the territories import; organisations that curators create keep it empty.
    official_edition = models.CharField(
        _("official data edition"), max_length=20, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["search_name", "name"]
        constraints = [
            # Département and région codes overlap ("01" is Ain and Guadeloupe): unique by kind.
            models.UniqueConstraint(
                fields=["kind", "insee_code"],
                condition=~Q(insee_code=""),
                name="organisation_unique_insee_code_per_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "name"]),
            # Organisations alike (peers): same kind, population band.
            models.Index(fields=["kind", "population"], name="organisation_kind_population"),
            # Search by INSEE code (the unique constraint starts with the kind).
            models.Index(fields=["insee_code"], name="organisation_insee_code"),
            models.Index(fields=["kind", "search_name"], name="organisation_kind_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = words(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("organisation", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        pattern = INSEE_PATTERNS.get(self.kind)
        if self.insee_code and (pattern is None or not re.fullmatch(pattern, self.insee_code)):
            raise ValidationError(
                {
                    "insee_code": _("“%(code)s” is not an INSEE code of a %(kind)s.")
                    % {"code": self.insee_code, "kind": self.get_kind_display()}
                }
            )

    @staticmethod
    def kind_count(kind: str, count: int) -> str:
        """ "1 commune", "2 communes": a count of organisations of one kind, in the right plural."""
        forms = {
            "commune": lambda n: ngettext("%(count)d commune", "%(count)d communes", n),
            "epci": lambda n: ngettext(
                "%(count)d intercommunality", "%(count)d intercommunalities", n
            ),
            "departement": lambda n: ngettext("%(count)d département", "%(count)d départements", n),
            "region": lambda n: ngettext("%(count)d région", "%(count)d régions", n),
            "public-body": lambda n: ngettext(
                "%(count)d other public body", "%(count)d other public bodies", n
            ),
            "association": lambda n: ngettext(
                "%(count)d association of local governments",
                "%(count)d associations of local governments",
                n,
            ),
            "company": lambda n: ngettext("%(count)d company", "%(count)d companies", n),
            "foreign": lambda n: ngettext(
                "%(count)d local government outside France",
                "%(count)d local governments outside France",
                n,
            ),
        }
        form = forms.get(kind)
        if form is None:
            form = lambda n: ngettext("%(count)d organisation", "%(count)d organisations", n)  # noqa: E731
        text = form(count)
        return text % {"count": count}

    def hierarchy(self) -> list[Organisation]:
        """The organisations above this one, nearest first (EPCI, département, région)."""
        return [parent for parent in (self.epci, self.departement, self.region) if parent]

    def is_member(self, user: Any) -> bool:
        """Whether the user may act in this organisation's name (an approved member)."""
        return self._approved(user).exists()

    def is_admin(self, user: Any) -> bool:
        return self._approved(user).filter(role=Membership.Role.ADMIN).exists()

    def _approved(self, user: Any) -> models.QuerySet[Membership]:
        if not getattr(user, "is_authenticated", False):
            return Membership.objects.none()
        return self.memberships.filter(user=user, status=Membership.Status.APPROVED)


class Membership(models.Model):
    """A person in an organisation: asked by the person, approved by an admin or a curator."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        ADMIN = "admin", _("Administrator")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested on"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="one_membership_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_status_display()})"


class InseeAlias(models.Model):
    """An old INSEE code that now designates another commune (merged, delegated, associated)."""

    code = models.CharField(_("INSEE code"), max_length=5, unique=True)
    name = models.CharField(_("former name"), max_length=200)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    reason = models.CharField(_("reason"), max_length=30)

    class Meta:
        verbose_name = _("former INSEE code")
        verbose_name_plural = _("former INSEE codes")

    def __str__(self) -> str:
        return f"{self.code} → {self.organisation}"
