"""Hidden content never leaks through an alert: when a curator hides an answer, or the
difficulty it answers, the alert about it is withdrawn (and leaves the feeds)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from communs.alerts.services import answer_events_withdraw
from communs.usage.models import Answer, Experience


@receiver(post_save, sender=Answer, dispatch_uid="alerts-answer-hidden")
def answer_hidden(sender: Any, instance: Answer, **kwargs: Any) -> None:
    if instance.moderation != Answer.Moderation.PUBLISHED:
        answer_events_withdraw([instance.pk])


@receiver(post_save, sender=Experience, dispatch_uid="alerts-difficulty-hidden")
def difficulty_hidden(sender: Any, instance: Experience, **kwargs: Any) -> None:
    if instance.moderation != Experience.Moderation.PUBLISHED:
        answer_events_withdraw(list(instance.answers.values_list("pk", flat=True)))
