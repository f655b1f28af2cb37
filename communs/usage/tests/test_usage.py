"""Personas: an agent of a commune, an admin of another commune, an outsider, a curator."""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import mail

from communs.catalog.tests.factories import SoftwareFactory
from communs.territories.models import Membership, Organisation
from communs.territories.services import territories_import
from communs.usage.models import UsageDeclaration

pytestmark = pytest.mark.django_db
EXTRACT = Path(__file__).resolve().parents[2] / "territories" / "tests" / "data"


@pytest.fixture
def world(db):
    territories_import(source=EXTRACT, edition="2026")
    commune = Organisation.objects.get(kind="commune", insee_code="74042")  # Bonneville
    other = Organisation.objects.get(kind="commune", insee_code="01001")
    agent = User.objects.create_user("anne.agent", "anne@bonneville.example.fr", "not-a-secret-42")
    Membership.objects.create(organisation=commune, user=agent, status="approved")
    admin_other = User.objects.create_user("alain.admin", "alain@ain.example.fr", "not-a-secret-42")
    Membership.objects.create(organisation=other, user=admin_other, status="approved", role="admin")
    software = SoftwareFactory(slug="qgis", name="QGIS")
    return {
        "commune": commune,
        "other": other,
        "agent": agent,
        "admin_other": admin_other,
        "software": software,
    }


def declare_url(organisation, slug="qgis"):
    return f"/organisations/{organisation.pk}/software/{slug}/"


def test_an_agent_declares_a_use_and_its_history_is_kept(client, world):
    client.force_login(world["agent"])
    url = declare_url(world["commune"])
    response = client.post(
        url, {"status": "production", "since": "2021-03-01", "version": "3.34", "users_count": "12"}
    )
    assert response.status_code == 302
    declaration = UsageDeclaration.objects.get()
    assert (declaration.organisation, declaration.referent) == (world["commune"], world["agent"])
    client.post(url, {"status": "production", "since": "2021-03-01", "version": "3.40"})
    assert [h.version for h in declaration.history.order_by("history_date")] == ["3.34", "3.40"]
    assert declaration.history.first().history_user == world["agent"]


def test_the_software_page_shows_who_uses_it(client, world):
    UsageDeclaration.objects.create(
        organisation=world["commune"],
        software=world["software"],
        status="production",
        since=datetime.date(2021, 1, 1),
    )
    client.cookies["django_language"] = "en"
    html = client.get("/catalogue/qgis/").content.decode()
    assert "Who uses it" in html and "Bonneville" in html and "1 commune" in html


@pytest.mark.parametrize("persona", ["admin_other", "outsider"])
def test_nobody_declares_in_the_name_of_another_organisation(client, world, persona):
    user = world.get(persona) or User.objects.create_user("oscar", "o@example.org", "x-42-secret")
    client.force_login(user)
    client.cookies["django_language"] = "en"
    response = client.post(declare_url(world["commune"]), {"status": "production"})
    assert response.status_code == 403
    assert "Only members of Bonneville may declare in its name." in response.content.decode()
    assert not UsageDeclaration.objects.exists()


def test_a_date_in_the_future_and_an_unexplained_abandon_are_refused(client, world):
    client.force_login(world["agent"])
    future = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    response = client.post(declare_url(world["commune"]), {"status": "production", "since": future})
    assert "since" in response.context["form"].errors
    response = client.post(declare_url(world["commune"]), {"status": "abandoned"})
    assert "abandon_reason" in response.context["form"].errors
    assert not UsageDeclaration.objects.exists()


def test_a_person_asks_to_join_and_an_admin_of_the_organisation_approves(client, world, curator):
    newcomer = User.objects.create_user("nina", "nina@bonneville.example.fr", "x-42-secret")
    client.force_login(newcomer)
    client.post(f"/organisations/{world['commune'].pk}/join/")
    membership = Membership.objects.get(user=newcomer)
    assert membership.status == "requested"
    assert not world["commune"].is_member(newcomer)
    client.force_login(world["admin_other"])  # an admin of another commune
    response = client.post(f"/memberships/{membership.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.status == "requested"
    client.force_login(curator)
    client.post(f"/memberships/{membership.pk}/decide/", {"decision": "approve"})
    membership.refresh_from_db()
    assert membership.status == "approved" and world["commune"].is_member(newcomer)


def test_signing_up_requires_a_verified_email(client):
    client.cookies["django_language"] = "en"
    response = client.post(
        "/accounts/signup/",
        {
            "username": "zoe",
            "email": "Zoe@Mairie.fr",
            "password1": "long-enough-pass-42",
            "password2": "long-enough-pass-42",
        },
    )
    assert "Check your email" in response.content.decode()
    user = User.objects.get(username="zoe")
    assert not user.is_active and user.email == "zoe@mairie.fr"
    link = next(word for word in mail.outbox[0].body.split() if "/accounts/verify/" in word)
    path = link.split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    user.refresh_from_db()
    assert user.is_active
    assert client.get(path.rsplit("/", 2)[0] + "/bad-token/").status_code == 400


def test_declaring_again_updates_the_declaration_instead_of_duplicating_it(client, world):
    client.force_login(world["agent"])
    url = declare_url(world["commune"])
    client.post(url, {"status": "evaluating"})
    client.post(url, {"status": "production"})
    assert UsageDeclaration.objects.get().status == "production"


def test_oversized_text_is_refused_and_nothing_is_saved(client, world):
    client.force_login(world["agent"])
    response = client.post(
        declare_url(world["commune"]), {"status": "production", "notes": "x" * 5001}
    )
    assert "notes" in response.context["form"].errors
    assert not UsageDeclaration.objects.exists()


def test_a_curator_hides_an_experience_with_a_reason(client, world, curator):
    from communs.usage.models import Experience

    experience = Experience.objects.create(
        kind="testimonial",
        organisation=world["commune"],
        software=world["software"],
        title="Pub",
        body="x",
    )
    client.force_login(curator)
    data = {
        "kind": "testimonial",
        "organisation": world["commune"].pk,
        "software": world["software"].pk,
        "title": "Pub",
        "body": "x",
        "version": "",
        "workaround": "",
        "upstream_url": "",
        "resolution": "",
        "moderation": "hidden",
        "moderation_reason": "Advertising",
        "author": "",
    }
    response = client.post(f"/admin/usage/experience/{experience.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    experience.refresh_from_db()
    assert (experience.moderation, experience.moderation_reason) == ("hidden", "Advertising")


@pytest.mark.parametrize(
    ("kind", "code", "valid"),
    [
        ("commune", "2A004", True),
        ("commune", "7500", False),
        ("departement", "971", True),
        ("region", "ABC", False),
        ("public-body", "12345", False),
    ],
)
def test_insee_codes_are_checked_by_kind(kind, code, valid):
    from django.core.exceptions import ValidationError

    organisation = Organisation(kind=kind, name="X", insee_code=code)
    if valid:
        organisation.full_clean()
    else:
        with pytest.raises(ValidationError):
            organisation.full_clean()


def test_a_malformed_siren_is_refused_for_an_organisation():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Organisation(kind="association", name="X", siren="123").full_clean()


def test_a_person_asks_to_add_an_organisation_that_a_curator_confirms(
    client, world, curator, django_capture_on_commit_callbacks
):
    user = User.objects.create_user("ursula", "ursula@council.example.uk", "x-42-secret")
    client.force_login(user)
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/organisations/new/",
            {"name": "Example Borough Council", "kind": "foreign", "siren": "", "website": ""},
        )
    organisation = Organisation.objects.get(name="Example Borough Council")
    assert mail.outbox[-1].to == ["claire@example.org"]
    assert "ursula asks to add Example Borough Council" in mail.outbox[-1].subject
    assert f"/organisations/{organisation.pk}/" in mail.outbox[-1].body
    assert response.status_code == 302
    assert not organisation.confirmed
    assert organisation.memberships.get().role == "admin"
    assert not organisation.is_member(user)  # until approved
    response = client.post("/organisations/new/", {"name": "Fake", "kind": "commune"})
    assert "kind" in response.context["form"].errors  # official kinds come from the import


def test_only_the_referent_gives_or_withdraws_their_consent_to_be_contacted(client, world):
    colleague = User.objects.create_user("carl", "carl@bonneville.example.fr", "x-42-secret")
    Membership.objects.create(organisation=world["commune"], user=colleague, status="approved")
    client.force_login(world["agent"])
    url = declare_url(world["commune"])
    client.post(url, {"status": "production"})
    declaration = UsageDeclaration.objects.get()
    assert declaration.referent == world["agent"] and not declaration.referent_contactable
    client.force_login(colleague)
    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()
    assert "Only the referent, anne.agent, may give or withdraw this consent." in page
    response = client.post(url, {"status": "production", "referent_contactable": "on"})
    assert response.status_code == 302  # the rest of the declaration is saved
    declaration.refresh_from_db()
    assert not declaration.referent_contactable
    client.force_login(world["agent"])
    client.post(url, {"status": "production", "referent_contactable": "on"})
    declaration.refresh_from_db()
    assert declaration.referent_contactable
    client.force_login(colleague)
    client.post(url, {"status": "evaluating"})  # an unticked box is not a withdrawal either
    declaration.refresh_from_db()
    assert declaration.referent_contactable and declaration.status == "evaluating"


def test_the_service_refuses_a_consent_given_by_someone_else(world):
    from communs.usage.services import NotAllowed, declaration_save

    colleague = User.objects.create_user("carl", "carl@bonneville.example.fr", "x-42-secret")
    Membership.objects.create(organisation=world["commune"], user=colleague, status="approved")
    declaration_save(
        organisation=world["commune"],
        software=world["software"],
        values={"status": "production"},
        by=world["agent"],
    )
    with pytest.raises(NotAllowed):
        declaration_save(
            organisation=world["commune"],
            software=world["software"],
            values={"status": "production", "referent_contactable": True},
            by=colleague,
        )
    assert not UsageDeclaration.objects.get().referent_contactable


def test_the_list_of_a_softwares_users_has_numbered_pages(client):
    from communs.usage.selectors import USERS_PAGE_SIZE

    software = SoftwareFactory(slug="paginee", name="Paginée", status="published")
    for number in range(USERS_PAGE_SIZE * 2 + 1):
        commune = Organisation.objects.create(kind="commune", name=f"Commune {number:03d}")
        UsageDeclaration.objects.create(
            organisation=commune, software=software, status="production"
        )
    html = client.get("/catalogue/paginee/users/?page=2").content.decode()
    pages = html.split('class="pagination"')[1].split("</nav>")[0]
    assert 'href="?page=2" aria-current="page"' in pages
    assert 'rel="prev" href="?page=1"' in pages and 'rel="next" href="?page=3"' in pages
    assert f"Commune {USERS_PAGE_SIZE:03d}" in html and "Commune 000" not in html


def test_software_are_listed_as_read_accents_and_case_aside(client, world):
    """The software to declare and the declared stack: uMap among the U, Écho among the E."""
    for name in ("Zammad", "uMap", "Écho", "Drupal"):
        SoftwareFactory(slug=name.lower().replace("é", "e"), name=name)
    client.force_login(world["agent"])
    html = client.get(f"/organisations/{world['commune'].pk}/").content.decode()
    choices = re.findall(r'<option value="[a-z]+">([^<]+)</option>', html)
    assert choices == ["Drupal", "Écho", "QGIS", "uMap", "Zammad"]
    for slug in ("zammad", "umap", "echo"):
        client.post(declare_url(world["commune"], slug), {"status": "production"})
    html = client.get(f"/organisations/{world['commune'].pk}/").content.decode()
    assert html.index("Écho") < html.index("uMap") < html.index("Zammad")
