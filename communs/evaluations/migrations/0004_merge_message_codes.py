# A merge of two lines of migrations (message codes in reports; job leases and kept replies).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0002_reports_with_message_codes"),
        ("evaluations", "0003_reply_kept_after_account_deletion"),
    ]

    operations = []
