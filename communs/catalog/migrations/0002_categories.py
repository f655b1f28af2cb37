from django.db import migrations

from communs.publiccode.vocabulary import CATEGORIES


def create_categories(apps, schema_editor):
    Category = apps.get_model("catalog", "Category")
    existing = set(Category.objects.values_list("slug", flat=True))
    Category.objects.bulk_create(
        [Category(slug=slug) for slug in CATEGORIES if slug not in existing]
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(create_categories, migrations.RunPython.noop)]
