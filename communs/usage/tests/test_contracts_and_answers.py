# ruff: noqa: F811
"""Recording a contractor and its contract's end on a declaration; answering a difficulty.

Bound forms come back with status 400, every value kept and each error next to its field;
only members of confirmed organisations answer, in their organisation's name; hidden
answers never show."""

import datetime

import pytest
from django.utils.html import escape

from communs.catalog.models import Provider
from communs.territories.models import Membership, Organisation
from communs.usage.models import Answer, Experience, UsageDeclaration
from communs.usage.tests.test_usage import declare_url, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(world):
    found = Provider.objects.create(slug="geo-coop", name="Géo Coop")
    found.software.set([world["software"]])
    return found


def declaration(**values):
    return {"status": "production", "since": "2024-01-15", "version": "3.34", **values}


def test_an_agent_records_a_catalogue_contractor_and_the_contracts_end(client, world, provider):
    client.force_login(world["agent"])
    response = client.post(
        declare_url(world["commune"]),
        declaration(contractor="geo-coop", contract_ends_on="2027-06-30"),
    )
    assert response.status_code == 302
    saved = UsageDeclaration.objects.get(organisation=world["commune"])
    assert saved.contractor == provider and saved.contract_ends_on == datetime.date(2027, 6, 30)
    assert saved.contractor_label() == "Géo Coop"
    client.cookies["django_language"] = "en"
    page = client.get(declare_url(world["commune"])).content.decode()
    assert '<option value="geo-coop" selected>' in page and 'value="2027-06-30"' in page
    assert "<legend>Contract and support</legend>" in page


def test_a_contractor_outside_the_catalogue_is_recorded_by_name(client, world):
    client.force_login(world["agent"])
    client.post(
        declare_url(world["commune"]),
        declaration(contractor_name="Atelier SIG", contract_ends_on="2027-01-31"),
    )
    saved = UsageDeclaration.objects.get(organisation=world["commune"])
    assert saved.contractor is None and saved.contractor_label() == "Atelier SIG"


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"contractor": "geo-coop", "contractor_name": "Atelier SIG"},
            "contractor_name",
            "Choose the contractor in the list or write its name, not both.",
        ),
        (
            {"contract_ends_on": "2027-06-30"},
            "contract_ends_on",
            "Say who the contract is with: choose the contractor or write its name.",
        ),
        ({"contractor": "no-such-provider"}, "contractor", "Select a valid choice."),
    ],
)
def test_an_unclear_contract_is_refused_with_400_and_nothing_is_lost(
    client,
    world,
    provider,
    values,
    field,
    message,
):
    client.cookies["django_language"] = "en"
    client.force_login(world["agent"])
    response = client.post(declare_url(world["commune"]), declaration(version="3.40", **values))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    page = response.content.decode()
    assert escape(message) in page
    assert 'value="3.40"' in page and f'id="id_{field}_error"' in page
    assert not UsageDeclaration.objects.exists()


@pytest.fixture
def difficulty(world):
    return Experience.objects.create(
        kind="difficulty",
        organisation=world["commune"],
        software=world["software"],
        author=world["agent"],
        title="Impression A0 impossible",
        body="Le composeur **plante**.",
        resolution="open",
    )


def answer_url(experience):
    return f"/experiences/{experience.pk}/"


def test_a_member_of_another_organisation_answers_a_difficulty(client, world, difficulty):
    client.cookies["django_language"] = "en"
    client.force_login(world["admin_other"])
    page = client.get(answer_url(difficulty)).content.decode()
    assert "Answer this difficulty" in page and escape(world["other"].name) in page
    response = client.post(
        answer_url(difficulty),
        {"organisation": world["other"].pk, "body": "Passez par **l'atlas**."},
    )
    answer = Answer.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#answer-{answer.pk}")
    assert answer.organisation == world["other"] and answer.author == world["admin_other"]
    page = client.get(answer_url(difficulty)).content.decode()
    assert f'id="answer-{answer.pk}"' in page and "<strong>l'atlas</strong>" in page.replace(
        "&#x27;", "'"
    )
    listing = client.get("/catalogue/qgis/experiences/").content.decode()
    assert "1 answer" in listing and "Passez par" not in listing


def test_an_empty_answer_comes_back_with_400_and_the_chosen_organisation(
    client,
    world,
    difficulty,
):
    client.cookies["django_language"] = "en"
    Membership.objects.create(
        organisation=world["commune"], user=world["admin_other"], status="approved"
    )
    client.force_login(world["admin_other"])
    response = client.post(
        answer_url(difficulty), {"organisation": world["commune"].pk, "body": "   "}
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["body"]
    page = response.content.decode()
    assert "Write your answer." in page
    assert f'<option value="{world["commune"].pk}" selected>' in page
    assert 'id="id_body_error"' in page and not Answer.objects.exists()


def test_nobody_answers_in_the_name_of_an_organisation_they_do_not_belong_to(
    client,
    world,
    difficulty,
):
    client.force_login(world["admin_other"])
    response = client.post(
        answer_url(difficulty), {"organisation": world["commune"].pk, "body": "Hop"}
    )
    assert response.status_code == 400 and "organisation" in response.context["form"].errors
    assert not Answer.objects.exists()


def test_people_outside_confirmed_organisations_cannot_answer(client, world, difficulty, outsider):
    client.cookies["django_language"] = "en"
    response = client.post(answer_url(difficulty), {"body": "Hop"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "Sign in to answer" in client.get(answer_url(difficulty)).content.decode()
    client.force_login(outsider)
    assert client.post(answer_url(difficulty), {"body": "Hop"}).status_code == 403
    unconfirmed = Organisation.objects.create(
        kind="public-body", name="Pas encore", confirmed=False
    )
    Membership.objects.create(organisation=unconfirmed, user=outsider, status="approved")
    page = client.get(answer_url(difficulty)).content.decode()
    assert "Only members of an organisation confirmed on Communs may answer" in page
    assert (
        client.post(
            answer_url(difficulty), {"organisation": unconfirmed.pk, "body": "Hop"}
        ).status_code
        == 403
    )
    assert not Answer.objects.exists()


def test_success_stories_take_no_answer(client, world):
    story = Experience.objects.create(
        kind="testimonial",
        organisation=world["commune"],
        software=world["software"],
        title="Bravo",
        body="b",
    )
    client.force_login(world["admin_other"])
    assert "answer-form" not in client.get(answer_url(story)).content.decode()
    assert (
        client.post(answer_url(story), {"organisation": world["other"].pk, "body": "x"}).status_code
        == 403
    )


def test_hidden_answers_and_hidden_difficulties_never_show(client, world, difficulty, curator):
    Answer.objects.create(
        experience=difficulty,
        organisation=world["other"],
        body="Spam-secret-answer",
        moderation="hidden",
    )
    assert "Spam-secret-answer" not in client.get(answer_url(difficulty)).content.decode()
    listing = client.get("/catalogue/qgis/experiences/").content.decode()
    assert "Spam-secret-answer" not in listing and "1 answer" not in listing
    difficulty.moderation = "hidden"
    difficulty.save()
    assert client.get(answer_url(difficulty)).status_code == 404
    # Curators hide answers in the administration.
    client.force_login(curator)
    assert client.get("/admin/usage/answer/").status_code == 200


def test_the_demo_has_a_contract_ending_soon_and_an_answered_difficulty(client, provider):
    from communs.catalog.tests.factories import SoftwareFactory
    from communs.usage.demo import demo_usage_load

    SoftwareFactory(slug="nextcloud", name="Nextcloud")
    assert demo_usage_load() == 2
    assert demo_usage_load() == 0  # loaded again: nothing doubled
    declaration = UsageDeclaration.objects.get(contract_ends_on__isnull=False)
    assert declaration.contractor_label()
    answer = Answer.objects.get()
    client.cookies["django_language"] = "en"
    page = client.get(answer.experience.get_absolute_url()).content.decode()
    assert f'id="answer-{answer.pk}"' in page and "<em>Calendar</em>" in page
    organisation = client.get(declaration.organisation.get_absolute_url()).content.decode()
    assert "contract with" in organisation
