from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communs.catalog.forms import IsoDateInput
from communs.catalog.models import Category, Software
from communs.mutualisation.documents import document_kind
from communs.mutualisation.errors import PoolingError
from communs.mutualisation.models import (
    Campaign,
    FundingScheme,
    Milestone,
    Need,
    NotificationKind,
    ProjectMember,
    Quote,
    SharedProject,
)
from communs.territories.models import Organisation

# Above this, an amount is a typing slip rather than a project a few communes fund together.
ABSURD = Decimal("100000000.00")


class AmountAtLeast(MinValueValidator):
    """Refuses an amount below the limit, which the message writes as the pages do
    (grouped in the reader's language: 0,01 €, 30 000,00 €)."""

    message = _("Enter an amount of at least %(limit)s €.")

    def __call__(self, value: Any) -> None:
        if self.compare(value, self.limit_value):
            raise ValidationError(
                self.message, code=self.code, params={"limit": intcomma(self.limit_value)}
            )


class AmountAtMost(MaxValueValidator):
    message = _("Enter an amount of at most %(limit)s €.")

    def __call__(self, value: Any) -> None:
        if self.compare(value, self.limit_value):
            raise ValidationError(
                self.message, code=self.code, params={"limit": intcomma(self.limit_value)}
            )


def _amount_field(form: forms.BaseForm, name: str) -> None:
    """An amount in euros: at least one cent, at most ABSURD, bounds said as amounts."""
    field = form.fields[name]
    assert isinstance(field, forms.DecimalField)
    field.validators = [
        v for v in field.validators if not isinstance(v, MinValueValidator | MaxValueValidator)
    ]
    field.validators += [AmountAtLeast(Decimal("0.01")), AmountAtMost(ABSURD)]
    field.widget.attrs["max"] = str(ABSURD)


def _choices(form: forms.BaseForm, name: str, queryset: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class NeedForm(forms.ModelForm):  # type: ignore[type-arg]
    raised_by = forms.ModelChoiceField(
        Organisation.objects.none(),
        label=_("In the name of"),
        required=False,
        empty_label=_("Myself (a citizen or a developer)"),
    )

    class Meta:
        model = Need
        fields = ["title", "description", "software", "category", "raised_by"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, organisations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "software", Software.objects.published())
        _choices(self, "category", Category.objects.all())  # what is accepted; listed as read:
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.choices = [
            ("", category.empty_label),
            *((c.pk, c.label) for c in Category.objects.all().as_read()),
        ]
        _choices(
            self, "raised_by", Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        )

    # "A software or a category" is the model's constraint, whose message the form shows.


class OrganisationChoice(forms.Form):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Organisation"))

    def __init__(self, *args: Any, organisations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(
            self, "organisation", Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        )


class EndorsementForm(OrganisationChoice):
    context = forms.CharField(
        label=_("Your context"), max_length=300, help_text=_("For example “for our 12 schools”.")
    )
    budget = forms.DecimalField(
        label=_("Indicative budget (€, optional)"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _amount_field(self, "budget")


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class CampaignForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Campaign
        fields = ["title", "scope", "target", "deadline", "vehicle", "coordinator"]
        widgets = {"deadline": IsoDateInput(), "scope": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, organisations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(
            self, "coordinator", Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        )
        _amount_field(self, "target")

    def clean_deadline(self) -> Any:
        deadline = self.cleaned_data.get("deadline")
        if deadline is not None and deadline <= timezone.localdate():
            raise forms.ValidationError(_("The deadline must be in the future."))
        return deadline


class QuoteForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Quote
        fields = [
            "provider",
            "amount_excl_vat",
            "amount_incl_vat",
            "valid_until",
            "document",
            "document_url",
        ]
        widgets = {
            "valid_until": IsoDateInput(),
            "document": forms.ClearableFileInput(attrs={"accept": ".pdf,.odt,.ods"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _amount_field(self, "amount_excl_vat")
        _amount_field(self, "amount_incl_vat")

    def clean_document(self) -> Any:
        document = self.cleaned_data.get("document")
        if document:
            try:
                document_kind(document, document.size)
            except PoolingError as error:
                raise forms.ValidationError(error.message) from error
        return document

    def clean_valid_until(self) -> Any:
        day = self.cleaned_data.get("valid_until")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("This quote is no longer valid."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        net, gross = data.get("amount_excl_vat"), data.get("amount_incl_vat")
        if net is not None and gross is not None and gross < net:
            self.add_error(
                "amount_incl_vat",
                _("The amount including VAT cannot be below the amount excluding it."),
            )
        return data


class PledgeForm(OrganisationChoice):
    amount = forms.DecimalField(
        label=_("Amount (€ incl. VAT)"),
        min_value=Decimal("0.01"),
        max_value=ABSURD,
        max_digits=12,
        decimal_places=2,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _amount_field(self, "amount")


class CommitForm(forms.Form):
    deliberation = forms.CharField(
        label=_("Reference of the deliberation or decision"),
        max_length=200,
        help_text=_("For example “Délibération n° 2026-042 du 12 mars 2026”."),
    )


class MilestoneForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Milestone
        fields = ["title", "due", "progress", "status", "link"]
        widgets = {"due": IsoDateInput()}


class SplitForm(forms.Form):
    METHODS = [
        ("equal", _("Equal parts")),
        ("population", _("By population")),
        ("custom", _("Custom weights")),
    ]
    method = forms.ChoiceField(label=_("Split"), choices=METHODS, initial="equal")
    weights = forms.CharField(
        label=_("Custom weights, one number per member, in order (for example 2, 1, 1)"),
        required=False,
        max_length=500,
    )


class PledgeLimitForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Pledge limit (€ incl. VAT)"),
        help_text=_("A pledge above it waits for an administrator; leave empty for no limit."),
        required=False,
        min_value=Decimal("0.01"),
        max_value=ABSURD,
        max_digits=12,
        decimal_places=2,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _amount_field(self, "amount")


class ProjectForm(forms.ModelForm):  # type: ignore[type-arg]
    organisation = forms.ModelChoiceField(
        Organisation.objects.none(), label=_("Leading organisation")
    )

    class Meta:
        model = SharedProject
        fields = ["name", "software", "description", "governance", "organisation"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "governance": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, organisations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "software", Software.objects.published().order_by("search_name", "name"))
        _choices(
            self, "organisation", Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        )


class ProjectJoinForm(OrganisationChoice):
    role = forms.ChoiceField(
        label=_("Role"), choices=ProjectMember.Role.choices, initial=ProjectMember.Role.USER
    )


class GovernanceForm(forms.Form):
    governance = forms.CharField(
        label=_("Governance"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Who decides, how: steering committee, working groups, votes, meetings."),
    )


class FundingSchemeForm(forms.ModelForm):  # type: ignore[type-arg]
    eligible_kinds = forms.MultipleChoiceField(
        label=_("Eligible kinds of organisation"),
        choices=Organisation.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every kind."),
    )

    class Meta:
        model = FundingScheme
        fields = [
            "name",
            "funder",
            "description",
            "eligible_kinds",
            "territories",
            "rate",
            "ceiling",
            "deadline",
            "link",
        ]
        widgets = {
            "deadline": IsoDateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        territories = self.fields["territories"]
        assert isinstance(territories, forms.ModelMultipleChoiceField)
        territories.queryset = Organisation.objects.filter(
            kind__in=["region", "departement"]
        ).order_by("kind", "name")
        territories.required = False


class MergeForm(forms.Form):
    kept = forms.ModelChoiceField(
        Need.objects.none(),
        label=_("Merge this need into"),
        help_text=_("Its endorsements, comments and campaigns move to the need kept."),
    )

    def __init__(self, *args: Any, need: Need, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "kept", Need.objects.visible().exclude(pk=need.pk).order_by("title"))


class NotificationPreferenceForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Email me when"),
        choices=NotificationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    none = forms.BooleanField(label=_("No email from pooling at all"), required=False)
    language = forms.ChoiceField(label=_("Language of the emails"), choices=settings.LANGUAGES)
