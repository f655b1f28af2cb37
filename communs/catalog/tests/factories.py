# mypy: disable-error-code="attr-defined,type-arg,untyped-decorator"
from __future__ import annotations

import factory

from communs.catalog.models import Category, Provider, Software


class SoftwareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Software
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Logiciel {n}")
    slug = factory.Sequence(lambda n: f"logiciel-{n}")
    status = Software.Status.PUBLISHED
    short_description_fr = "Un logiciel libre utile aux collectivités."
    short_description_en = "Open-source software useful to local governments."
    licence = "MIT"

    @factory.post_generation
    def categories(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create and extracted:
            self.categories.set(Category.objects.filter(slug__in=extracted))


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Prestataire {n}")
    slug = factory.Sequence(lambda n: f"prestataire-{n}")
