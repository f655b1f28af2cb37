"""Every field of every model is published (API or dumps) or private with a reason."""

from django.apps import apps

from communs.api import public
from communs.api.schemas import (
    AnswerOut,
    CampaignOut,
    CategoryOut,
    DeclarationOut,
    EvaluationOut,
    ExperienceOut,
    NeedOut,
    OrganisationOut,
    ProviderOut,
    ResourceOut,
    SoftwareOut,
)
from communs.opendata.tables import TABLES

API_SCHEMAS = {
    "catalog.Software": SoftwareOut,
    "catalog.Category": CategoryOut,
    "catalog.Provider": ProviderOut,
    "evaluations.Evaluation": EvaluationOut,
    "territories.Organisation": OrganisationOut,
    "usage.UsageDeclaration": DeclarationOut,
    "usage.Experience": ExperienceOut,
    "usage.Answer": AnswerOut,
    "mutualisation.Need": NeedOut,
    "mutualisation.Campaign": CampaignOut,
    "resources.Resource": ResourceOut,
}


def model_key(model):
    return f"{model._meta.app_label}.{model.__name__}"


def private_model(key):
    app = key.split(".")[0]
    return key in public.PRIVATE_MODELS or f"{app}.*" in public.PRIVATE_MODELS


def fields_of(model):
    return [
        f.name
        for f in model._meta.get_fields()
        if f.concrete or (f.many_to_many and not f.auto_created)
    ]


def test_every_model_field_is_published_or_listed_as_private_with_a_reason():
    dumped = {}
    for table in TABLES:
        dumped.setdefault(model_key(table.model), set()).update(c.name for c in table.columns)
    unaccounted = []
    for model in apps.get_models():
        key = model_key(model)
        if not model.__module__.startswith("communs.") and not private_model(key):
            if model._meta.app_label in {"auth", "accounts"}:
                continue
            continue  # third-party tables (sessions, admin log, axes) are not Communs' data
        if private_model(key):
            continue
        served = set(API_SCHEMAS[key].model_fields) if key in API_SCHEMAS else set()
        for name in fields_of(model):
            if name in ("id",) and key in (
                "catalog.Software",
                "catalog.Category",
                "catalog.Provider",
            ):
                continue  # served by their slug, their stable identifier
            reasons = public.PRIVATE_FIELDS.get(key, {})
            reshaped = public.RESHAPED_FIELDS.get(key, {})
            if name in served or name in dumped.get(key, set()) or name in reshaped:
                assert name not in reasons, f"{key}.{name} is private and published"
                continue
            if not reasons.get(name):
                unaccounted.append(f"{key}.{name}")
    assert unaccounted == [], (
        "These fields reach neither the API nor the dumps: publish them or add them, with "
        "the reason, to PRIVATE_FIELDS in communs/api/public.py"
    )


def test_private_fields_are_in_no_schema_nor_table():
    for key, reasons in public.PRIVATE_FIELDS.items():
        assert all(reasons.values())
        columns = {c.name for t in TABLES if model_key(t.model) == key for c in t.columns}
        served = set(API_SCHEMAS[key].model_fields) if key in API_SCHEMAS else set()
        assert not (set(reasons) & (columns | served)), key
