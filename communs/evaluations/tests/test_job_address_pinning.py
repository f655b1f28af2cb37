"""A job resolves the repository's host once and hands the checked address to the engine."""

import socket

import pytest

from communs.catalog.tests.factories import SoftwareFactory
from communs.evaluations.services import job_claim, job_request, job_run

pytestmark = pytest.mark.django_db


def test_the_engine_is_told_the_address_that_was_checked(monkeypatch):
    answers = iter(["93.184.216.34", "127.0.0.1"])
    asked = []

    def rebinding(host, port, *args, **kwargs):
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    seen = {}

    def engine(target, **kwargs):
        seen.update(target=target, address=kwargs["address"])
        raise socket.gaierror("the engine must not resolve again")

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr("communs.evaluations.services.evaluate", engine)
    software = SoftwareFactory(repository_url="https://forge.example.org/commune/outil")
    job_request(software=software)
    job_run(job_claim())
    assert asked == ["forge.example.org"]
    assert seen == {"target": "https://forge.example.org/commune/outil", "address": "93.184.216.34"}
