import pytest
from django.contrib.auth.models import User
from django.core import mail

from communs.usage.models import ContactMessage, Experience, UsageDeclaration
from communs.usage.services import CONTACTS_PER_DAY
from communs.usage.tests.test_usage import world  # noqa: F401  (the personas)

pytestmark = pytest.mark.django_db


@pytest.fixture
def declared(world):  # noqa: F811
    declaration = UsageDeclaration.objects.create(
        organisation=world["commune"],
        software=world["software"],
        status="production",
        referent=world["agent"],
        referent_contactable=True,
        instance_url="https://sig.bonneville.example.fr",
    )
    return {**world, "declaration": declaration}


def test_a_member_writes_a_difficulty_searchable_by_version(client, declared):
    client.force_login(declared["agent"])
    url = f"/organisations/{declared['commune'].pk}/software/qgis/experience/"
    response = client.post(
        url,
        {
            "kind": "difficulty",
            "title": "Impression en A0 lente",
            "body": "Les **cartes** en A0 prennent 10 minutes.",
            "version": "3.34",
            "workaround": "Exporter en PDF d'abord.",
            "resolution": "worked-around",
        },
    )
    assert response.status_code == 302
    assert Experience.objects.get().author == declared["agent"]
    html = client.get("/catalogue/qgis/experiences/", {"version": "3.3"}).content.decode()
    assert "Impression en A0 lente" in html and "<strong>cartes</strong>" in html
    assert (
        "Impression en A0"
        not in client.get("/catalogue/qgis/experiences/", {"version": "3.40"}).content.decode()
    )


def test_a_difficulty_needs_its_status(client, declared):
    client.force_login(declared["agent"])
    url = f"/organisations/{declared['commune'].pk}/software/qgis/experience/"
    response = client.post(url, {"kind": "difficulty", "title": "T", "body": "B"})
    assert "resolution" in response.context["form"].errors
    assert not Experience.objects.exists()


def test_markdown_is_sanitised(client, declared):
    Experience.objects.create(
        kind="testimonial",
        organisation=declared["commune"],
        software=declared["software"],
        title="Réussite",
        body="<script>alert(1)</script> [lien](javascript:alert(2)) <img src=x onerror=alert(3)>",
    )
    html = client.get("/catalogue/qgis/experiences/").content.decode()
    assert "<script>alert(1)" not in html and "javascript:alert" not in html
    assert "onerror" not in html


def test_hidden_experiences_are_not_shown(client, declared):
    Experience.objects.create(
        kind="testimonial",
        organisation=declared["commune"],
        software=declared["software"],
        title="Publicité",
        body="x",
        moderation="hidden",
        moderation_reason="Spam",
    )
    assert "Publicité" not in client.get("/catalogue/qgis/experiences/").content.decode()


def test_an_outsider_cannot_write_in_an_organisations_name(client, declared):
    client.force_login(declared["admin_other"])
    url = f"/organisations/{declared['commune'].pk}/software/qgis/experience/"
    assert client.post(url, {"kind": "testimonial", "title": "T", "body": "B"}).status_code == 403
    assert not Experience.objects.exists()


def test_a_signed_in_agent_writes_to_the_referent_without_seeing_the_address(client, declared):
    client.force_login(declared["admin_other"])
    page = client.get("/catalogue/qgis/").content.decode()
    assert "anne@bonneville.example.fr" not in page
    url = f"/declarations/{declared['declaration'].pk}/contact/"
    assert "anne@bonneville.example.fr" not in client.get(url).content.decode()
    client.post(url, {"body": "Bonjour, comment imprimez-vous en A0 ?"})
    assert mail.outbox[-1].to == ["anne@bonneville.example.fr"]
    assert mail.outbox[-1].reply_to == ["alain@ain.example.fr"]


def test_contacting_referents_is_rate_limited(client, declared):
    client.force_login(declared["admin_other"])
    url = f"/declarations/{declared['declaration'].pk}/contact/"
    for _ in range(CONTACTS_PER_DAY):
        client.post(url, {"body": "Bonjour"})
    response = client.post(url, {"body": "Encore"})
    assert response.status_code == 429 and 0 < int(response["Retry-After"]) <= 86400
    assert ContactMessage.objects.count() == CONTACTS_PER_DAY


def test_a_private_instance_address_is_shown_to_members_only(client, declared, curator):
    assert "sig.bonneville" not in client.get("/catalogue/qgis/").content.decode()
    client.force_login(declared["agent"])
    assert "sig.bonneville" in client.get("/catalogue/qgis/").content.decode()


def test_organisations_like_yours_and_the_map(client, declared):
    from communs.territories.models import Organisation

    def commune(code):
        return Organisation.objects.get(kind="commune", insee_code=code)

    marignier = commune("74164")  # 6,507 inhabitants: the 2,000-10,000 band
    marignier.latitude, marignier.longitude = 46.09, 6.50
    marignier.save()
    ayse = commune("74024")  # 2,376, near Marignier
    ayse.latitude, ayse.longitude = 46.08, 6.44
    ayse.save()
    for organisation in (ayse, commune("01138"), declared["other"]):  # Culoz-Béon 3,453; 860
        UsageDeclaration.objects.create(
            organisation=organisation, software=declared["software"], status="production"
        )
    viewer = User.objects.create_user("val", "val@marignier.example.fr", "x-42-secret")
    marignier.memberships.create(user=viewer, status="approved")
    client.force_login(viewer)
    client.cookies["django_language"] = "en"
    html = client.get("/catalogue/qgis/").content.decode()
    peers = html.split("Organisations like yours")[1].split("</ul>")[0]
    assert peers.index("Ayse") < peers.index("Culoz-B")  # nearest first
    assert "Abergement" not in peers and "Bonneville" not in peers  # other population bands
    assert 'id="usage-map"' in html and '"lat": 46.08' in html


def test_a_referent_who_did_not_agree_cannot_be_contacted(client, declared):
    declared["declaration"].referent_contactable = False
    declared["declaration"].save()
    client.force_login(declared["admin_other"])
    client.cookies["django_language"] = "en"
    assert "contact the referent" not in client.get("/catalogue/qgis/").content.decode()
    response = client.post(f"/declarations/{declared['declaration'].pk}/contact/", {"body": "Hi"})
    assert response.status_code == 403
    assert "has not agreed to be contacted" in response.content.decode()
    assert not mail.outbox
