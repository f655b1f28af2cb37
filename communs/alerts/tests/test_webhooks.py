"""Webhooks: signed payloads received by a test server on loopback, retries with a doubling
wait, a delivery log for the organisation's administrators only."""

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from communs.alerts.models import Webhook, WebhookDelivery
from communs.alerts.services import events_collect, webhook_create, webhooks_deliver

pytestmark = pytest.mark.django_db


class Receiver:
    """An HTTP server on 127.0.0.1 that answers the statuses it is given, in turn."""

    def __init__(self, statuses):
        self.statuses = list(statuses)
        self.received = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_each_event_is_posted_signed_with_the_hooks_secret(alerts_world):
    with Receiver([]) as receiver:
        hook = webhook_create(
            organisation=alerts_world["commune"], url=receiver.url, by=alerts_world["admin"]
        )
        now = timezone.now()
        events_collect(now=now)
        assert webhooks_deliver(now=now) == 4
        assert webhooks_deliver(now=now) == 0  # delivered ones are not sent again
    assert len(receiver.received) == 4
    for headers, body in receiver.received:
        expected = "sha256=" + hmac.new(hook.secret.encode(), body, hashlib.sha256).hexdigest()
        assert headers["X-Communs-Signature"] == expected
        payload = json.loads(body)
        assert payload["software"] == "qgis"
        assert payload["organisation"] == alerts_world["commune"].pk
        assert headers["X-Communs-Event"] == payload["event"]
    kinds = sorted(json.loads(body)["event"] for _, body in receiver.received)
    assert kinds == ["campaign", "need", "release", "security-drop"]
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}


def test_a_failed_delivery_is_retried_after_a_doubling_wait_then_given_up(alerts_world, settings):
    settings.WEBHOOKS_MAX_ATTEMPTS = 3
    settings.WEBHOOKS_RETRY_BASE_SECONDS = 60
    with Receiver([500] * 20) as receiver:
        webhook_create(
            organisation=alerts_world["commune"], url=receiver.url, by=alerts_world["admin"]
        )
        WebhookDelivery.objects.all().delete()
        now = timezone.now()
        events_collect(now=now)
        WebhookDelivery.objects.exclude(event__kind="need").delete()
        delivery = WebhookDelivery.objects.get()
        assert webhooks_deliver(now=now) == 1
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
            "pending",
            1,
            500,
        )
        assert delivery.next_attempt_at == now + timedelta(seconds=60)
        assert webhooks_deliver(now=now + timedelta(seconds=59)) == 0  # not due yet
        assert webhooks_deliver(now=now + timedelta(seconds=60)) == 1
        delivery.refresh_from_db()
        assert delivery.next_attempt_at == now + timedelta(seconds=60 + 120)
        assert webhooks_deliver(now=now + timedelta(seconds=180)) == 1
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == ("failed", 3)
        assert webhooks_deliver(now=now + timedelta(days=1)) == 0
    assert len(receiver.received) == 3
    assert [a.status_code for a in delivery.log.order_by("at")] == [500, 500, 500]


def test_an_unreachable_hook_logs_the_error_and_waits(alerts_world):
    with Receiver([]) as receiver:
        url = receiver.url
    # The server is closed: nothing listens on that port any more.
    webhook_create(organisation=alerts_world["commune"], url=url, by=alerts_world["admin"])
    now = timezone.now()
    events_collect(now=now)
    webhooks_deliver(now=now)
    delivery = WebhookDelivery.objects.first()
    assert delivery.status == "pending" and delivery.last_status_code is None
    assert delivery.last_error


def test_hooks_into_private_networks_are_refused_when_the_operator_says_so(
    client, alerts_world, settings
):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    client.force_login(alerts_world["admin"])
    url = f"/organisations/{alerts_world['commune'].pk}/webhooks/"
    response = client.post(url, {"url": "http://127.0.0.1:9/hook"})
    assert response.status_code == 400
    assert "url" in response.context["form"].errors
    assert not Webhook.objects.exists()


def test_administrators_add_a_hook_and_read_its_delivery_log_others_may_not(client, alerts_world):
    commune = alerts_world["commune"]
    client.force_login(alerts_world["admin"])
    assert (
        f"/organisations/{commune.pk}/webhooks/"
        in client.get(commune.get_absolute_url()).content.decode()
    )
    with Receiver([503]) as receiver:
        created = client.post(f"/organisations/{commune.pk}/webhooks/", {"url": receiver.url})
        hook = Webhook.objects.get()
        assert created.status_code == 302 and created["Location"] == hook.get_absolute_url()
        now = timezone.now()
        events_collect(now=now)
        webhooks_deliver(now=now)
    log = client.get(hook.get_absolute_url())
    assert log.status_code == 200
    page = log.content.decode()
    assert "HTTP 503" in page and hook.secret in page
    client.force_login(alerts_world["member"])
    assert client.get(hook.get_absolute_url()).status_code == 403
    assert client.post(f"/organisations/{commune.pk}/webhooks/{hook.pk}/off/").status_code == 403
    hook.refresh_from_db()
    assert hook.active
    client.force_login(alerts_world["admin"])
    client.post(f"/organisations/{commune.pk}/webhooks/{hook.pk}/off/")
    hook.refresh_from_db()
    assert not hook.active
