from django.db import migrations


def existing_unconfirmed_accounts(apps, schema_editor):
    """Accounts signed up before confirmations were recorded: inactive and never signed in."""
    User = apps.get_model("auth", "User")
    AccountConfirmation = apps.get_model("accounts", "AccountConfirmation")
    AccountConfirmation.objects.bulk_create(
        AccountConfirmation(user=user, requested_at=user.date_joined)
        for user in User.objects.filter(is_active=False, last_login=None, is_staff=False)
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_account_confirmation")]

    operations = [migrations.RunPython(existing_unconfirmed_accounts, migrations.RunPython.noop)]
