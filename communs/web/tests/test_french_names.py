"""French sentences write "d’Annecy", "du Havre", "aux Mureaux" before the names they hold."""

import pytest
from django.contrib.auth.models import User
from django.core import mail

from communs.territories.models import Membership, Organisation
from communs.usage.tests.test_usage import world  # noqa: F401  (the personas)

pytestmark = pytest.mark.django_db


def french(client):
    client.cookies["django_language"] = "fr"
    return client


def test_the_experience_form_writes_au_nom_d_annecy(client, world):  # noqa: F811
    commune = world["commune"]
    url = f"/organisations/{commune.pk}/software/qgis/experience/"
    french(client).force_login(world["agent"])
    for name, liaison, expected in (
        ("Annecy", 1, "Au nom d’Annecy."),
        ("Le Havre", 2, "Au nom du Havre."),
        ("Les Mureaux", 4, "Au nom des Mureaux."),
        ("La Rochelle", 3, "Au nom de La Rochelle."),
    ):
        Organisation.objects.filter(pk=commune.pk).update(name=name, name_liaison=liaison)
        assert expected in client.get(url).content.decode()


def test_a_member_asking_again_reads_deja_membre_d_annecy(client, outsider):
    annecy = Organisation.objects.create(kind="commune", name="Annecy", insee_code="74010")
    Membership.objects.create(organisation=annecy, user=outsider, status="approved")
    french(client).force_login(outsider)
    html = client.post(f"/organisations/{annecy.pk}/join/", follow=True).content.decode()
    assert "Vous êtes déjà membre d’Annecy." in html


def test_the_approval_email_says_membre_du_havre(
    client, outsider, curator, django_capture_on_commit_callbacks
):
    havre = Organisation.objects.create(kind="commune", name="Le Havre", insee_code="76351")
    membership = Membership.objects.create(organisation=havre, user=outsider)
    french(client).force_login(curator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/memberships/{membership.pk}/decide/", {"decision": "approve"})
    assert mail.outbox[-1].subject == "Vous êtes membre du Havre sur Communs"


def test_english_keeps_its_prepositions(client, world):  # noqa: F811
    client.cookies["django_language"] = "en"
    client.force_login(world["agent"])
    Organisation.objects.filter(pk=world["commune"].pk).update(name="Annecy")
    url = f"/organisations/{world['commune'].pk}/software/qgis/experience/"
    assert "In the name of Annecy." in client.get(url).content.decode()


def test_an_admin_page_heading_writes_jetons_d_api_des_mureaux(client):
    mureaux = Organisation.objects.create(kind="commune", name="Les Mureaux", insee_code="78440")
    admin = User.objects.create_user("ada", "ada@mureaux.example.fr", "x-42-secret")
    Membership.objects.create(organisation=mureaux, user=admin, status="approved", role="admin")
    french(client).force_login(admin)
    html = client.get(f"/organisations/{mureaux.pk}/api-tokens/").content.decode()
    assert "Jetons d’API des Mureaux" in html
