"""The two alerts about one organisation: a contract that ends soon, an answer to its
difficulty. Told to its members only (not to the one who answered), once per threshold or
answer, by email in each person's language, in its Atom feed and to its webhooks; hidden
answers never leak."""

import json
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import formats, timezone, translation

from communs.alerts.models import Event, Notification, Webhook, WebhookDelivery
from communs.alerts.services import (
    Answer as HttpAnswer,
)
from communs.alerts.services import (
    alerts_run,
    contract_threshold,
    events_collect,
    preference_save,
    webhooks_deliver,
)
from communs.mutualisation.models import NotificationPreference
from communs.territories.models import Membership, Organisation
from communs.usage.models import Answer, Experience, UsageDeclaration
from communs.usage.services import answer_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def neighbour(alerts_world):
    """Another confirmed commune, which also uses QGIS, with one member: Oscar."""
    other = Organisation.objects.create(kind="public-body", name="Syndicat des Eaux")
    oscar = User.objects.create_user("oscar", "oscar@eaux.example.fr", "not-a-secret-42")
    Membership.objects.create(organisation=other, user=oscar, status="approved")
    UsageDeclaration.objects.create(
        organisation=other, software=alerts_world["qgis"], status="production"
    )
    return {"organisation": other, "user": oscar}


def contract(world, ends_on, **values):
    declaration = world["public_declaration"]
    declaration.contractor = values.get("contractor", world["provider"])
    declaration.contractor_name = values.get("contractor_name", "")
    declaration.contract_ends_on = ends_on
    declaration.save()
    return declaration


def told(kind):
    return set(
        Notification.objects.filter(event__kind=kind).values_list("recipient__username", flat=True)
    )


@pytest.mark.parametrize(
    ("days_left", "threshold"),
    [(120, None), (91, None), (90, 90), (60, 90), (31, 90), (30, 30), (1, 30), (0, 30), (-1, None)],
)
def test_the_nearest_threshold_crossed_is_the_one_told(days_left, threshold):
    today = date(2026, 11, 29)
    assert contract_threshold(today + timedelta(days=days_left), today) == threshold


def test_a_contract_end_is_told_at_90_then_30_days_and_never_twice(alerts_world, neighbour):
    now = timezone.now()
    today = timezone.localdate(now)
    contract(alerts_world, today + timedelta(days=60))
    events_collect(now=now)
    event = Event.objects.get(kind="contract-end")
    assert event.params["days"] == 90 and event.params["contractor"] == "Géo Coop"
    assert event.organisation == alerts_world["commune"]
    # Only the members of the organisation whose contract it is; not Oscar, who uses QGIS too.
    assert told("contract-end") == {"adele", "rosalie"}
    events_collect(now=now)
    events_collect(now=now + timedelta(days=10))  # still between 90 and 30 days
    assert Event.objects.filter(kind="contract-end").count() == 1
    events_collect(now=now + timedelta(days=31))  # 29 days left
    events_collect(now=now + timedelta(days=32))
    thresholds = sorted(
        Event.objects.filter(kind="contract-end").values_list("params__days", flat=True)
    )
    assert thresholds == [30, 90]
    assert Notification.objects.filter(event__kind="contract-end").count() == 4


def test_a_contract_recorded_late_is_told_once_and_a_renewed_one_again(alerts_world):
    now = timezone.now()
    today = timezone.localdate(now)
    declaration = contract(
        alerts_world, today + timedelta(days=20), contractor=None, contractor_name="Atelier SIG"
    )
    events_collect(now=now)
    assert list(
        Event.objects.filter(kind="contract-end").values_list("params__days", flat=True)
    ) == [30]
    assert "Atelier SIG" in Event.objects.get(kind="contract-end").title()
    declaration.contract_ends_on = today + timedelta(days=25)  # renewed, or corrected
    declaration.save()
    events_collect(now=now)
    assert Event.objects.filter(kind="contract-end").count() == 2


def test_no_contract_alert_when_far_ended_abandoned_or_without_date(alerts_world):
    now = timezone.now()
    today = timezone.localdate(now)
    declaration = contract(alerts_world, today + timedelta(days=200))
    events_collect(now=now)
    declaration.contract_ends_on = today - timedelta(days=1)
    declaration.save()
    events_collect(now=now)
    declaration.contract_ends_on = today + timedelta(days=10)
    declaration.status = UsageDeclaration.Status.ABANDONED
    declaration.abandon_reason = "Remplacé."
    declaration.save()
    events_collect(now=now)
    assert not Event.objects.filter(kind="contract-end").exists()


def test_the_thresholds_are_a_setting(alerts_world, settings):
    settings.ALERTS_CONTRACT_END_DAYS = [180]
    now = timezone.now()
    contract(alerts_world, timezone.localdate(now) + timedelta(days=150))
    events_collect(now=now)
    assert Event.objects.get(kind="contract-end").params["days"] == 180


def test_the_contract_email_is_in_each_persons_language(alerts_world):
    now = timezone.now()
    ends_on = timezone.localdate(now) + timedelta(days=30)
    contract(alerts_world, ends_on)
    for user in (alerts_world["admin"], alerts_world["member"]):
        preference_save(user=user, frequency="immediate")
    NotificationPreference.objects.create(user=alerts_world["member"], language="en")
    alerts_run(now=now)
    mails = [m for m in mail.outbox if "Géo Coop" in m.subject]
    by_address = {m.to[0]: m for m in mails}
    assert len(mails) == 2
    english = by_address[alerts_world["member"].email]
    french = by_address[alerts_world["admin"].email]
    with translation.override("en"):
        day = formats.date_format(ends_on, "DATE_FORMAT")
    assert f"The contract with Géo Coop for QGIS ends on {day}." in english.subject
    assert "Le contrat avec Géo Coop pour QGIS se termine le" in french.subject
    assert "/organisations/" in english.body and "/software/qgis/" in english.body


def test_the_contract_end_is_in_its_organisations_feed_only(client, alerts_world, neighbour):
    contract(alerts_world, timezone.localdate() + timedelta(days=30))
    events_collect(now=timezone.now())
    client.cookies["django_language"] = "en"
    feed = client.get(f"/organisations/{alerts_world['commune'].pk}/alerts.atom").content.decode()
    assert "The contract with Géo Coop for QGIS ends on" in feed
    other = client.get(
        f"/organisations/{neighbour['organisation'].pk}/alerts.atom"
    ).content.decode()
    assert "Géo Coop" not in other and "security score of QGIS" in other


def test_webhooks_of_the_organisation_receive_the_contract_end(alerts_world, neighbour):
    hook = Webhook.objects.create(
        organisation=alerts_world["commune"], url="https://hooks.example.org/in"
    )
    theirs = Webhook.objects.create(
        organisation=neighbour["organisation"], url="https://hooks.example.org/other"
    )
    ends_on = timezone.localdate() + timedelta(days=30)
    contract(alerts_world, ends_on)
    events_collect(now=timezone.now())
    assert not WebhookDelivery.objects.filter(webhook=theirs, event__kind="contract-end").exists()
    posted = []

    def post(url, body, headers):
        posted.append(json.loads(body))
        return HttpAnswer(200, "")

    webhooks_deliver(now=timezone.now(), post=post)
    payload = next(p for p in posted if p["event"] == "contract-end")
    assert payload["organisation"] == hook.organisation_id
    assert payload["params"] == {
        "contractor": "Géo Coop",
        "ends_on": ends_on.isoformat(),
        "days": 30,
    }


@pytest.fixture
def difficulty(alerts_world):
    return Experience.objects.create(
        kind="difficulty",
        organisation=alerts_world["commune"],
        software=alerts_world["qgis"],
        author=alerts_world["member"],
        title="Impression A0 impossible",
        body="Le composeur plante.",
        resolution="open",
    )


def test_an_answer_tells_the_difficultys_organisation_not_the_one_who_answered(
    alerts_world, neighbour, difficulty
):
    answer_create(
        experience=difficulty,
        organisation=neighbour["organisation"],
        body="Passez par l'atlas.",
        by=neighbour["user"],
    )
    assert events_collect(now=timezone.now()) >= 1
    event = Event.objects.get(kind="answer")
    assert told("answer") == {"adele", "rosalie"}
    assert "Syndicat des Eaux" in event.title() and "Impression A0" in event.title()
    assert event.url.endswith(f"#answer-{event.params['answer']}")
    assert events_collect(now=timezone.now()) == 0


def test_a_colleague_who_answers_is_not_told_of_their_own_answer(alerts_world, difficulty):
    answer_create(
        experience=difficulty,
        organisation=alerts_world["commune"],
        body="J'ai trouvé.",
        by=alerts_world["admin"],
    )
    events_collect(now=timezone.now())
    assert told("answer") == {"rosalie"}


def test_a_hidden_answer_is_never_told_and_hiding_one_withdraws_its_alert(
    client, alerts_world, neighbour, difficulty
):
    answer = answer_create(
        experience=difficulty,
        organisation=neighbour["organisation"],
        body="Spam-secret-answer",
        by=neighbour["user"],
    )
    events_collect(now=timezone.now())
    assert Notification.objects.filter(event__kind="answer", sent_at__isnull=True).count() == 2
    answer.moderation = Answer.Moderation.HIDDEN
    answer.save()
    assert not Event.objects.filter(kind="answer").exists()
    assert not Notification.objects.filter(event__kind="answer").exists()
    events_collect(now=timezone.now())  # collected again: a hidden answer is no event
    assert not Event.objects.filter(kind="answer").exists()
    feed = client.get(f"/organisations/{alerts_world['commune'].pk}/alerts.atom").content.decode()
    assert "Syndicat des Eaux" not in feed


def test_hiding_the_difficulty_withdraws_the_alerts_of_its_answers(
    alerts_world, neighbour, difficulty
):
    answer_create(
        experience=difficulty,
        organisation=neighbour["organisation"],
        body="Essayez.",
        by=neighbour["user"],
    )
    events_collect(now=timezone.now())
    difficulty.moderation = Experience.Moderation.HIDDEN
    difficulty.save()
    assert not Event.objects.filter(kind="answer").exists()
