"""The Celery application of the scale mode: ``celery -A communs worker``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "communs.settings")

app = Celery("communs")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(
    ["communs.evaluations", "communs.mutualisation", "communs.alerts", "communs.opendata"]
)
