"""The alerts job: events stored once, each person told once, by email at once or in a
digest, with a one-click way out."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from communs.alerts.models import AlertPreference, Event, Notification
from communs.alerts.services import (
    alerts_run,
    events_collect,
    notifications_send,
    preference_save,
    unsubscribe_token,
)
from communs.mutualisation.models import Need, NotificationPreference
from communs.usage.models import UsageDeclaration

pytestmark = pytest.mark.django_db


def test_a_security_drop_a_release_a_need_and_a_campaign_become_events_once(alerts_world):
    now = timezone.now()
    assert events_collect(now=now) == 4
    assert events_collect(now=now) == 0  # a second run, or a retry after a crash
    kinds = sorted(Event.objects.values_list("kind", flat=True))
    assert kinds == ["campaign", "need", "release", "security-drop"]
    drop = Event.objects.get(kind="security-drop")
    assert drop.params == {"before": 8.0, "after": 5.5}
    assert "8.0" in drop.title() and "5.5" in drop.title()


def test_each_member_of_a_declaring_organisation_is_notified_once_per_event(alerts_world):
    events_collect(now=timezone.now())
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {"adele", "rosalie"}
    assert Notification.objects.count() == 2 * Event.objects.count()


def test_nobody_is_told_about_software_their_organisation_abandoned(alerts_world):
    UsageDeclaration.objects.filter(software=alerts_world["qgis"]).update(status="abandoned")
    events_collect(now=timezone.now())
    assert Event.objects.count() == 4 and Notification.objects.count() == 0


def test_immediate_alerts_are_one_email_per_event_and_never_sent_twice(alerts_world):
    preference_save(user=alerts_world["admin"], frequency="immediate")
    preference_save(user=alerts_world["member"], frequency="none")
    first = alerts_run()
    assert (first.events, first.emails) == (4, 4)
    assert {tuple(m.to) for m in mail.outbox} == {("adele@bonneville.example.fr",)}
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_token(alerts_world["admin"]) in message.extra_headers["List-Unsubscribe"]
    again = alerts_run()
    assert (again.events, again.emails) == (0, 0)
    assert len(mail.outbox) == 4


def test_a_daily_digest_gathers_the_events_and_waits_a_day_for_the_next(alerts_world):
    now = timezone.now()
    preference_save(user=alerts_world["member"], frequency="none")
    events_collect(now=now)  # adele: daily by default
    assert notifications_send(now=now) == 1
    digest = mail.outbox[0]
    assert "4" in digest.subject
    assert "QGIS" in digest.body and "/alerts/unsubscribe/" in digest.body
    Need.objects.create(
        title="Impression", description="d", software=alerts_world["qgis"], status="open"
    )
    events_collect(now=now)
    assert notifications_send(now=now + timedelta(hours=3)) == 0
    assert notifications_send(now=now + timedelta(days=1, minutes=1)) == 1
    assert "Impression" in mail.outbox[1].body


def test_the_unsubscribe_link_stops_the_emails_in_one_click_without_signing_in(
    client, alerts_world
):
    events_collect(now=timezone.now())  # four alerts wait for adele's daily digest
    assert Notification.objects.filter(recipient=alerts_world["admin"]).count() == 4
    url = f"/alerts/unsubscribe/{unsubscribe_token(alerts_world['admin'])}/"
    page = client.get(url)
    assert page.status_code == 200
    assert not AlertPreference.objects.filter(frequency="none").exists()  # GET changes nothing
    done = client.post(url)
    assert done.status_code == 200
    assert AlertPreference.objects.get(user=alerts_world["admin"]).frequency == "none"
    assert not Notification.objects.filter(recipient=alerts_world["admin"]).exists()
    Need.objects.create(
        title="Impression", description="d", software=alerts_world["qgis"], status="open"
    )
    assert events_collect(now=timezone.now()) == 1
    assert not Notification.objects.filter(recipient=alerts_world["admin"]).exists()
    assert notifications_send(now=timezone.now()) == 1  # rosalie's digest only
    assert mail.outbox[0].to == ["referent-secret@bonneville.example.fr"]


def test_a_tampered_unsubscribe_link_is_refused_and_changes_nothing(client, alerts_world):
    token = unsubscribe_token(alerts_world["admin"])
    response = client.post(f"/alerts/unsubscribe/{token[:-2]}xx/")
    assert response.status_code == 400
    assert not AlertPreference.objects.filter(frequency="none").exists()


def test_a_member_chooses_their_frequency_on_their_page(client, alerts_world):
    client.force_login(alerts_world["member"])
    assert "/my-space/alerts/" in client.get("/my-space/").content.decode()
    response = client.post("/my-space/alerts/", {"frequency": "weekly"})
    assert response.status_code == 302
    assert AlertPreference.objects.get(user=alerts_world["member"]).frequency == "weekly"
    refused = client.post("/my-space/alerts/", {"frequency": "hourly"})
    assert refused.status_code == 400
    assert AlertPreference.objects.get(user=alerts_world["member"]).frequency == "weekly"


def test_the_organisation_feed_lists_its_alerts_and_an_unconfirmed_one_has_none(
    client, alerts_world
):
    events_collect(now=timezone.now())
    feed = client.get(f"/organisations/{alerts_world['commune'].pk}/alerts.atom")
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    text = feed.content.decode()
    assert text.count("<entry>") == 4 and "Export GeoPackage" in text
    assert (
        client.get(f"/organisations/{alerts_world['unconfirmed'].pk}/alerts.atom").status_code
        == 404
    )


def test_each_known_vulnerability_of_a_locked_dependency_is_an_event_once(alerts_world):
    from communs.alerts.tests.conftest import evaluate
    from communs.evaluations.tests.factories import check

    now = timezone.now()
    events_collect(now=now)
    latest = evaluate(alerts_world["qgis"], security=5.5, releases=3, as_of=now)
    latest.report["checks"].append(
        check(
            "security.vulnerabilities",
            9,
            "partial",
            "One known vulnerability.",
            {"vulnerabilities": ["GHSA-aaaa-bbbb-cccc: lodash 4.17.20 (web/package-lock.json)"]},
        )
    )
    latest.save()
    assert events_collect(now=now) == 1
    event = Event.objects.get(kind="vulnerability")
    assert event.params == {
        "id": "GHSA-aaaa-bbbb-cccc",
        "package": "lodash 4.17.20 (web/package-lock.json)",
    }
    assert "GHSA-aaaa-bbbb-cccc" in event.title() and "QGIS" in event.title()
    assert Notification.objects.filter(event=event).count() == 2
    # The next evaluation still finds it, and one more: only the new one is told.
    later = evaluate(alerts_world["qgis"], security=5.5, releases=3, as_of=now)
    later.report["checks"] = [
        *latest.report["checks"][:-1],
        check(
            "security.vulnerabilities",
            8,
            "partial",
            "Two known vulnerabilities.",
            {
                "vulnerabilities": [
                    "GHSA-aaaa-bbbb-cccc: lodash 4.17.20 (web/package-lock.json)",
                    "PYSEC-2026-1: django 5.2.0 (requirements.lock)",
                ]
            },
        ),
    ]
    later.save()
    assert events_collect(now=now) == 1
    assert Event.objects.filter(kind="vulnerability").count() == 2


def test_alert_emails_are_in_the_language_each_person_chose_for_emails(alerts_world):
    preference_save(user=alerts_world["admin"], frequency="immediate")
    preference_save(user=alerts_world["member"], frequency="immediate")
    NotificationPreference.objects.create(user=alerts_world["member"], language="en")
    alerts_run()
    bodies = {m.to[0]: m.body for m in mail.outbox}
    english = bodies[alerts_world["member"].email]
    french = bodies[alerts_world["admin"].email]
    assert "Something happened to a software your organisation declared" in english
    assert "Something happened to a software" not in french and "Bonjour" in french
