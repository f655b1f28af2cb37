"""Pooling: needs that governments share, campaigns that co-fund them, and their delivery."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communs.catalog.models import Category, Software
from communs.mutualisation.querysets import CampaignQuerySet, NeedQuerySet
from communs.resources.models import Resource
from communs.territories.models import Organisation

POSITIVE = [MinValueValidator(Decimal("0.01"))]


class Maintainer(models.Model):
    """A person curators recognise as a maintainer of a software: they accept its needs."""

    software = models.ForeignKey(Software, on_delete=models.CASCADE, related_name="maintainers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("maintainer")
        verbose_name_plural = _("maintainers")
        constraints = [
            models.UniqueConstraint(fields=["software", "user"], name="one_maintainer_row")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.software}"


class Need(models.Model):
    """A feature or a whole software that governments lack."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        OPEN = "open", _("Open")
        FUNDED = "funded", _("Funded")
        IN_PROGRESS = "in-progress", _("In progress")
        DELIVERED = "delivered", _("Delivered")
        DECLINED = "declined", _("Declined")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), validators=[MaxLengthValidator(10_000)])
    software = models.ForeignKey(
        Software,
        verbose_name=_("software"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="needs",
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="needs",
    )
    raised_by = models.ForeignKey(
        Organisation,
        verbose_name=_("raised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs_raised",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("proposed on"), auto_now_add=True)

    objects = NeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(software__isnull=False) | Q(category__isnull=False),
                name="need_has_software_or_category",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("mutualisation:need", kwargs={"pk": self.pk})

    def may_be_decided_by(self, user: Any) -> bool:
        """Curators, and the software's maintainers, accept or decline a proposed need."""
        if getattr(user, "is_staff", False):
            return True
        if not getattr(user, "is_authenticated", False) or self.software_id is None:
            return False
        return Maintainer.objects.filter(software_id=self.software_id, user=user).exists()


class Endorsement(models.Model):
    """An organisation says it shares the need, in its context, maybe with a budget."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="endorsements")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="endorsements"
    )
    context = models.CharField(
        _("your context"), max_length=300, help_text=_("For example “for our 12 schools”.")
    )
    budget = models.DecimalField(
        _("indicative budget (€)"),
        null=True,
        blank=True,
        validators=POSITIVE,
        max_digits=12,
        decimal_places=2,
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(fields=["need", "organisation"], name="one_endorsement_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} + {self.need}"


class Comment(models.Model):
    class Moderation(models.TextChoices):
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden by a curator")

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    body = models.TextField(_("comment"), validators=[MaxLengthValidator(5_000)])
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.PUBLISHED
    )
    moderation_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"


class Vehicle(models.TextChoices):
    """Legal vehicles through which French public buyers can pay together."""

    GROUPEMENT = "groupement", _("Groupement de commandes")
    CONVENTION = "convention", _("Convention de mutualisation / entente intercommunale")
    CENTRALE = "centrale", _("Centrale d’achat")
    SPL = "spl", _("Société publique locale (SPL)")
    SUBVENTION = "subvention", _("Subvention")


VEHICLE_EXPLANATIONS = {
    Vehicle.GROUPEMENT: _(
        "Several buyers sign a convention and one of them, the coordinator, runs a single "
        "procurement for all (Code de la commande publique, L2113-6 to L2113-8). Each member "
        "then pays its own share of the contract."
    ),
    Vehicle.CONVENTION: _(
        "Local governments agree, by a convention approved by each council, to share a "
        "service or its cost; an entente intercommunale (CGCT L5221-1) does the same between "
        "communes or EPCI without creating a new body."
    ),
    Vehicle.CENTRALE: _(
        "A central purchasing body buys for its members, who are then exempt from running "
        "their own procurement (L2113-2); members join by a decision of their competent body."
    ),
    Vehicle.SPL: _(
        "A company owned only by local governments works for its shareholders without "
        "competition (quasi-régie); each shareholder orders from it as from its own service."
    ),
    Vehicle.SUBVENTION: _(
        "A government grants a subsidy to a project of general interest (for instance an "
        "association or a foundation that maintains the software); it does not buy a service."
    ),
}


class Campaign(models.Model):
    """A need turned into a costed project that organisations co-fund."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for pledges")
        FUNDED = "funded", _("Funded")
        IN_DELIVERY = "in-delivery", _("In delivery")
        DELIVERED = "delivered", _("Delivered")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Cancelled")

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="campaigns")
    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(_("scope"), validators=[MaxLengthValidator(10_000)])
    target = models.DecimalField(
        _("target amount (€ incl. VAT)"), validators=POSITIVE, max_digits=12, decimal_places=2
    )
    deadline = models.DateField(_("deadline for pledges"))
    vehicle = models.CharField(_("legal vehicle"), max_length=12, choices=Vehicle.choices)
    coordinator = models.ForeignKey(
        Organisation,
        verbose_name=_("coordinating organisation"),
        on_delete=models.PROTECT,
        related_name="coordinated_campaigns",
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Documents of the library the campaign relies on (a specification, a deliberation
    # template); the library sits below this app, so the link is kept here.
    cited_resources = models.ManyToManyField(
        Resource, verbose_name=_("resources it cites"), blank=True, related_name="citing_campaigns"
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("mutualisation:campaign", kwargs={"pk": self.pk})

    def is_open(self) -> bool:
        return self.state == self.State.OPEN and self.deadline >= timezone.localdate()

    def pledged(self) -> Decimal:
        """The sum of pledges still standing (pledged, committed or paid)."""
        total = self.pledges.exclude(state=Pledge.State.RELEASED).aggregate(s=models.Sum("amount"))
        return total["s"] or Decimal("0.00")

    def vehicle_explanation(self) -> str:
        return str(VEHICLE_EXPLANATIONS[Vehicle(self.vehicle)])

    def may_be_run_by(self, user: Any) -> bool:
        return bool(getattr(user, "is_staff", False)) or self.coordinator.is_member(user)


class Quote(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="quotes")
    provider = models.CharField(_("provider"), max_length=200)
    amount_excl_vat = models.DecimalField(
        _("amount excl. VAT (€)"), validators=POSITIVE, max_digits=12, decimal_places=2
    )
    amount_incl_vat = models.DecimalField(
        _("amount incl. VAT (€)"), validators=POSITIVE, max_digits=12, decimal_places=2
    )
    valid_until = models.DateField(_("valid until"))
    document_url = models.URLField(_("link to the quote document"), blank=True)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["amount_incl_vat"]

    def __str__(self) -> str:
        return f"{self.provider}: {self.amount_incl_vat} €"

    def is_valid_on(self, day: Any) -> bool:
        return bool(self.valid_until >= day)


class Pledge(models.Model):
    class State(models.TextChoices):
        PLEDGED = "pledged", _("Pledged (intention)")
        COMMITTED = "committed", _("Committed")
        PAID = "paid", _("Paid")
        RELEASED = "released", _("Released")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="pledges")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="pledges")
    amount = models.DecimalField(
        _("amount (€ incl. VAT)"), validators=POSITIVE, max_digits=12, decimal_places=2
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PLEDGED
    )
    deliberation = models.CharField(
        _("reference of the deliberation or decision"), max_length=200, blank=True
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.amount} €"


class Transition(models.Model):
    """Every change of state of a campaign or a pledge: what, who, when."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="transitions")
    pledge = models.ForeignKey(
        Pledge, null=True, blank=True, on_delete=models.CASCADE, related_name="transitions"
    )
    source = models.CharField(_("from"), max_length=12)
    target = models.CharField(_("to"), max_length=12)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


class Milestone(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in-progress", _("In progress")
        DONE = "done", _("Done")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due = models.DateField(_("due on"))
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    link = models.URLField(_("merge request or release"), blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.title
