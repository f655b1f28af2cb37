import pytest

from communs.evaluations.models import CheckComment
from communs.evaluations.tests.factories import check, evaluation

pytestmark = pytest.mark.django_db
URL = "/catalogue/outil/checks/security.policy/reply/"


@pytest.fixture
def evaluated(software):
    evaluation(
        software,
        {"security": 4.0},
        checks=[check("security.policy", 4, "partial", "SECURITY.md lacks a contact.")],
    )
    return software


def test_a_maintainer_replies_and_the_reply_shows_next_to_the_check(client, evaluated, maintainer):
    client.cookies["django_language"] = "en"
    client.force_login(maintainer)
    assert "Reply to this result" in client.get("/catalogue/outil/").content.decode()
    response = client.post(URL, {"body": "We publish advisories on our mailing list."})
    assert response.status_code == 302
    comment = CheckComment.objects.get()
    assert (comment.author, comment.check_id) == (maintainer, "security.policy")
    html = client.get("/catalogue/outil/").content.decode()
    assert "We publish advisories on our mailing list." in html
    assert "Reply from Mona Maintainer" in html


def test_an_outsider_is_refused_with_a_reason_and_nothing_changes(client, evaluated, outsider):
    client.cookies["django_language"] = "en"
    client.force_login(outsider)
    assert "Reply to this result" not in client.get("/catalogue/outil/").content.decode()
    response = client.post(URL, {"body": "Spam"})
    assert response.status_code == 403
    assert "Only the maintainers and providers linked to this software" in response.content.decode()
    assert not CheckComment.objects.exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(client, evaluated):
    response = client.post(URL, {"body": "Hello"})
    assert response.status_code == 302 and "/accounts/login/" in response.headers["Location"]
    assert not CheckComment.objects.exists()


def test_replies_to_unknown_checks_and_empty_replies_are_refused(client, evaluated, maintainer):
    client.force_login(maintainer)
    assert client.post("/catalogue/outil/checks/nope/reply/", {"body": "x"}).status_code == 403
    assert client.post(URL, {"body": "   "}).status_code == 403
    assert not CheckComment.objects.exists()


def test_a_curator_hides_a_reply_with_a_reason(client, evaluated, maintainer, curator):
    comment = CheckComment.objects.create(
        software=evaluated, check_id="security.policy", author=maintainer, body="Buy our product!"
    )
    client.force_login(curator)
    response = client.post(
        f"/admin/evaluations/checkcomment/{comment.pk}/change/",
        {"status": "hidden", "moderation_reason": "Advertising"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "hidden" and comment.moderation_reason == "Advertising"
    assert "Buy our product!" not in client.get("/catalogue/outil/").content.decode()


def test_reply_html_is_escaped(client, evaluated, maintainer):
    client.force_login(maintainer)
    client.post(URL, {"body": "<img src=x onerror=alert(1)>"})
    html = client.get("/catalogue/outil/").content.decode()
    assert "<img src=x" not in html and "&lt;img src=x" in html


def test_a_reply_over_the_limit_is_refused_with_a_message(client, evaluated, maintainer):
    client.force_login(maintainer)
    client.cookies["django_language"] = "en"
    response = client.post(URL, {"body": "x" * 2001}, follow=True)
    assert "at most 2000 characters" in response.content.decode()
    assert not CheckComment.objects.exists()
