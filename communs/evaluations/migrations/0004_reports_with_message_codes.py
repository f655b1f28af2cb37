"""Stored reports of schema version 1 get message codes, parameters and remediations."""

from django.db import migrations


def upgrade_reports(apps, schema_editor):
    from communs.evaluation.legacy import upgrade

    Evaluation = apps.get_model("evaluations", "Evaluation")
    for evaluation in Evaluation.objects.only("pk", "report").iterator(chunk_size=100):
        upgraded = upgrade(evaluation.report)
        if upgraded is not evaluation.report:
            Evaluation.objects.filter(pk=evaluation.pk).update(report=upgraded)


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0003_reply_kept_after_account_deletion")]

    operations = [migrations.RunPython(upgrade_reports, migrations.RunPython.noop)]
