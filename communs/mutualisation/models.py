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
from communs.mutualisation.documents import private_storage
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
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_duplicates",
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    merged_at = models.DateTimeField(_("merged on"), null=True, blank=True)
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
                # What a form that validates the model says (never the constraint's name).
                violation_error_message=_("Choose a software or, when none fits, a category."),
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
        """The sum of pledges still standing, those awaiting confirmation included: what is
        reserved against the target, so that no later pledge can overshoot it."""
        total = self.pledges.exclude(state=Pledge.State.RELEASED).aggregate(s=models.Sum("amount"))
        return (total["s"] or Decimal("0")).quantize(Decimal("0.01"))

    def confirmed(self) -> Decimal:
        """The sum of standing pledges that no administrator still has to confirm."""
        total = self.pledges.exclude(
            state__in=[Pledge.State.RELEASED, Pledge.State.AWAITING]
        ).aggregate(s=models.Sum("amount"))
        return (total["s"] or Decimal("0")).quantize(Decimal("0.01"))  # cents, as SQLite drops them

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
    document = models.FileField(
        _("quote document (PDF, ODT, ODS)"),
        storage=private_storage,
        upload_to="quotes/%Y/",
        blank=True,
    )
    document_name = models.CharField(max_length=120, blank=True, editable=False)

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
        AWAITING = "awaiting", _("Awaiting the administrator’s confirmation")
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


class PledgeLimit(models.Model):
    """Above this amount, a pledge in the organisation's name waits for an administrator."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="pledge_limit"
    )
    amount = models.DecimalField(
        _("pledge limit (€ incl. VAT)"), validators=POSITIVE, max_digits=12, decimal_places=2
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pledge limit")
        verbose_name_plural = _("pledge limits")

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


class SharedProject(models.Model):
    """Organisations co-developing one codebase, a catalogue software whose repository is
    evaluated like any other; its roadmap is the software's needs and their campaigns."""

    name = models.CharField(_("name"), max_length=200)
    software = models.ForeignKey(
        Software,
        verbose_name=_("codebase (catalogue software)"),
        on_delete=models.PROTECT,
        related_name="shared_projects",
    )
    description = models.TextField(_("description"), validators=[MaxLengthValidator(5_000)])
    governance = models.TextField(
        _("governance"),
        blank=True,
        validators=[MaxLengthValidator(5_000)],
        help_text=_("Who decides, how: steering committee, working groups, votes, meetings."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("shared project")
        verbose_name_plural = _("shared projects")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("mutualisation:project", kwargs={"pk": self.pk})

    def is_led_by(self, user: Any) -> bool:
        """Members of a leading organisation (and curators) edit the governance notes."""
        if getattr(user, "is_staff", False):
            return True
        leaders = self.members.filter(role=ProjectMember.Role.LEADER).select_related("organisation")
        return any(member.organisation.is_member(user) for member in leaders)


class ProjectMember(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("Leader")
        CONTRIBUTOR = "contributor", _("Contributor")
        USER = "user", _("User")

    project = models.ForeignKey(SharedProject, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="shared_projects",
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.USER)
    joined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("project member")
        verbose_name_plural = _("project members")
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="one_membership_per_project"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.project} ({self.role})"


class FundingScheme(models.Model):
    """A public programme (state, region, European) that funds digital projects; curators
    record it, and a campaign shows the ones its members may apply to."""

    name = models.CharField(_("name"), max_length=200)
    funder = models.CharField(_("funder"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, validators=[MaxLengthValidator(3_000)]
    )
    eligible_kinds = models.JSONField(
        _("eligible kinds of organisation"),
        default=list,
        blank=True,
        help_text=_("Empty: every kind."),
    )
    territories = models.ManyToManyField(
        Organisation,
        verbose_name=_("eligible territories (régions, départements)"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind__in": ["region", "departement"]},
        help_text=_("Empty: all of France."),
    )
    rate = models.DecimalField(
        _("funding rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    ceiling = models.DecimalField(
        _("ceiling (€)"),
        null=True,
        blank=True,
        validators=POSITIVE,
        max_digits=12,
        decimal_places=2,
    )
    deadline = models.DateField(_("deadline to apply"), null=True, blank=True)
    link = models.URLField(_("link"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("public funding scheme")
        verbose_name_plural = _("public funding schemes")
        ordering = ["deadline", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.funder})"

    def eligible_kind_labels(self) -> list[str]:
        return [str(Organisation.Kind(kind).label) for kind in self.eligible_kinds]

    def is_open_on(self, day: Any) -> bool:
        return self.deadline is None or self.deadline >= day

    def admits(self, organisation: Organisation, territory_ids: set[int]) -> bool:
        """Whether the organisation is of an eligible kind and within an eligible territory
        (`territory_ids`: the scheme's territories, read once by the caller)."""
        if self.eligible_kinds and organisation.kind not in self.eligible_kinds:
            return False
        if not territory_ids:
            return True
        own = {organisation.pk, organisation.region_id, organisation.departement_id}
        return bool(own & territory_ids)

    def grant_for(self, amount: Decimal) -> Decimal:
        """What the scheme would fund of `amount`: its rate, within its ceiling."""
        grant = (amount * self.rate / 100).quantize(Decimal("0.01"))
        return min(grant, self.ceiling) if self.ceiling is not None else grant


class NotificationKind(models.TextChoices):
    """What pooling emails are about; each person may mute each kind, or all."""

    CAMPAIGN = "campaign", _("A campaign I follow changes state")
    MILESTONE = "milestone", _("The delivery I follow moves on")
    PLEDGE = "pledge", _("Pledges awaiting my confirmation, and the answers to mine")


class NotificationPreference(models.Model):
    """A person's choice of pooling emails and their language; no row means all, in French."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pooling_preference"
    )
    muted = models.JSONField(_("muted kinds"), default=list, blank=True)
    none = models.BooleanField(_("no email at all"), default=False)
    language = models.CharField(
        _("language of the emails"), max_length=5, choices=settings.LANGUAGES, default="fr"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)

    def wants(self, kind: str) -> bool:
        return not self.none and kind not in self.muted
