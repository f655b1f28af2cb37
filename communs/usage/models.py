"""Usage declarations: an organisation says that it uses a software, and how."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communs.catalog.models import Provider, Software
from communs.territories.models import Organisation

# How authored content names an author whose account was deleted.
FORMER_MEMBER = _("former member")


class UsageDeclaration(models.Model):
    class Status(models.TextChoices):
        PRODUCTION = "production", _("In production")
        EVALUATING = "evaluating", _("Being evaluated")
        ABANDONED = "abandoned", _("Abandoned")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="usage_declarations"
    )
    software = models.ForeignKey(
        Software, on_delete=models.CASCADE, related_name="usage_declarations"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    abandon_reason = models.TextField(
        _("why it was abandoned"), blank=True, validators=[MaxLengthValidator(2000)]
    )
    since = models.DateField(_("in use since"), null=True, blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)
    modules = models.CharField(_("modules used"), max_length=300, blank=True)
    users_count = models.PositiveIntegerField(_("number of agents or users"), null=True, blank=True)
    instance_url = models.URLField(_("address of the instance"), blank=True)
    instance_public = models.BooleanField(_("the instance is public"), default=False)
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referent_for",
    )
    referent_contactable = models.BooleanField(
        _("the referent agrees to be contacted by other organisations"), default=False
    )
    notes = models.TextField(_("notes"), blank=True, validators=[MaxLengthValidator(5000)])
    # Who supports the organisation's use of the software under a contract, and until when.
    # Public, like the essential data of public procurement (see README, Open data).
    contractor = models.ForeignKey(
        Provider,
        verbose_name=_("contractor (from the catalogue)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contracts",
    )
    contractor_name = models.CharField(
        _("contractor (name, when not in the catalogue)"), max_length=200, blank=True
    )
    contract_ends_on = models.DateField(_("end of the contract"), null=True, blank=True)
    created_at = models.DateTimeField(_("declared on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("usage declaration")
        verbose_name_plural = _("usage declarations")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "software"], name="one_declaration_per_software"
            )
        ]
        indexes = [
            # A software's page reads its first users in the order they declared.
            models.Index(fields=["software", "status", "id"], name="declaration_software_first"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.software}"

    def can_be_edited_by(self, user: object) -> bool:
        return self.organisation.is_member(user)

    def contractor_label(self) -> str:
        """The contractor's name: the catalogue's provider, else the name given."""
        return self.contractor.name if self.contractor else self.contractor_name


class Experience(models.Model):
    """What an organisation learned: a success story or a structured difficulty."""

    class Kind(models.TextChoices):
        TESTIMONIAL = "testimonial", _("Success story")
        DIFFICULTY = "difficulty", _("Difficulty")

    class Resolution(models.TextChoices):
        OPEN = "open", _("Open")
        WORKED_AROUND = "worked-around", _("Worked around")
        SOLVED = "solved", _("Solved")

    class Moderation(models.TextChoices):
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden by a curator")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="experiences"
    )
    software = models.ForeignKey(Software, on_delete=models.CASCADE, related_name="experiences")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experiences",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("what happened (Markdown)"),
        validators=[MaxLengthValidator(10_000)],
        help_text=_("Context, what was done, results with figures if any."),
    )
    version = models.CharField(_("version concerned"), max_length=50, blank=True)
    workaround = models.TextField(
        _("workaround"), blank=True, validators=[MaxLengthValidator(5_000)]
    )
    upstream_url = models.URLField(_("upstream issue"), blank=True)
    resolution = models.CharField(
        _("status"), max_length=14, choices=Resolution.choices, blank=True
    )
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.PUBLISHED
    )
    moderation_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("written on"), auto_now_add=True)

    class Meta:
        verbose_name = _("experience")
        verbose_name_plural = _("experiences")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("usage:experience", kwargs={"pk": self.pk})

    def can_be_edited_by(self, user: object) -> bool:
        return self.author_id is not None and self.author_id == getattr(user, "pk", None)


class Answer(models.Model):
    """An answer to a difficulty, written by a member in the name of their organisation."""

    class Moderation(models.TextChoices):
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden by a curator")

    experience = models.ForeignKey(
        Experience,
        verbose_name=_("difficulty"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.TextField(_("answer (Markdown)"), validators=[MaxLengthValidator(5_000)])
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.PUBLISHED
    )
    moderation_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("written on"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer to a difficulty")
        verbose_name_plural = _("answers to difficulties")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.experience}"

    def get_absolute_url(self) -> str:
        return f"{self.experience.get_absolute_url()}#answer-{self.pk}"


class ContactMessage(models.Model):
    """A message sent to a declaration's referent through the platform (kept for abuse)."""

    declaration = models.ForeignKey(
        UsageDeclaration, on_delete=models.CASCADE, related_name="messages"
    )
    # Both kept when an account is deleted: the message stays, from or to a former member.
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The referent when the message was sent: limits count messages per recipient.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(validators=[MaxLengthValidator(3000)])
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message to a referent")
        verbose_name_plural = _("messages to referents")
        indexes = [
            models.Index(fields=["sender", "sent_at"]),
            models.Index(fields=["recipient", "sent_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.sender or FORMER_MEMBER} → {self.declaration}"
