import pytest

from communs.catalog.tests.factories import SoftwareFactory
from communs.evaluation.registry import METHOD_VERSION
from communs.evaluations.models import EvaluationJob
from communs.evaluations.tests.factories import check, evaluation

pytestmark = pytest.mark.django_db
ALL = {"community": 7.5, "practices": 8.2, "security": 3.0, "integration": None}


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def page(client, slug="outil"):
    response = client.get(f"/catalogue/{slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_software_page_shows_scores_levels_chart_and_table(english, software):
    evaluation(software, ALL, head="c0ffee" + "0" * 34)
    html = page(english)
    assert 'role="img"' in html and '<title id="chart-title">' in html
    assert "Community: 7.5/10 (Good)." in html  # the chart's text alternative
    assert "<td>8.2/10</td><td>Strong</td>" in html
    assert "<td>3/10</td><td>Weak</td>" in html
    assert "Not measured" in html
    assert "c0ffee000000" in html and f"method {METHOD_VERSION}" in html
    assert 'width="187.5"' in html  # 7.5 of 10 on a 250-unit scale, not localised
    assert "not a procurement criterion" in html


def test_every_check_shows_its_reason_and_escaped_evidence(english, software):
    hostile = "<script>alert('x')</script>"
    evaluation(
        software,
        ALL,
        checks=[
            check(
                "security.policy",
                4,
                "partial",
                "SECURITY.md lacks a contact.",
                {"file": hostile, "contacts": []},
            ),
        ],
    )
    html = page(english)
    assert "SECURITY.md lacks a contact." in html
    assert hostile not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "Partial" in html


def test_an_older_method_is_marked(english, software):
    evaluation(software, ALL, method="0.9")
    assert "Computed with an older method" in page(english)


def test_rank_among_software_of_the_same_category(english, software):
    for index, score in enumerate([9.0, 1.0]):
        peer = SoftwareFactory(slug=f"peer-{index}", categories=["collaboration"])
        evaluation(
            peer, {"community": score, "practices": score, "security": score, "integration": score}
        )
    evaluation(software, ALL)
    html = page(english)
    assert "2 of 3 in Collaboration on Community" in html
    assert "2 of 3 in Collaboration on Security" in html
    assert "on Integration" not in html  # not measured for this software: no rank


def test_trend_and_changes_since_the_previous_evaluation(english, software):
    evaluation(
        software,
        {**ALL, "security": 2.0},
        as_of="2026-05-01T23:59:59Z",
        checks=[
            check("security.policy", 0, "fail", "No SECURITY.md."),
            check("practices.tests", 10, "pass", "Tests."),
        ],
    )
    evaluation(
        software,
        ALL,
        checks=[
            check(
                "security.policy",
                10,
                "pass",
                "SECURITY.md gives a contact and a disclosure process.",
            ),
            check("practices.tests", 10, "pass", "Tests."),
        ],
    )
    html = page(english)
    assert "What changed since" in html
    assert (
        "0/10 → 10/10 — <span>SECURITY.md gives a contact and a disclosure process.</span>" in html
    )
    assert "practices.tests</strong>" not in html.split("What changed since")[1].split("</ul>")[0]
    assert "2/10, 3/10" in html  # the security trend, as text for screen readers
    assert "Past evaluations" in html


def failed_job(software, failure="timeout"):
    return EvaluationJob.objects.create(
        software=software,
        status="failed",
        failure=failure,
        error="the repository took longer than 900 s to download.",
    )


def test_a_failure_is_shown_to_curators_with_its_reason_and_detail(english, software, curator):
    evaluation(software, ALL)
    failed_job(software)
    english.force_login(curator)
    html = page(english)
    assert "The last evaluation failed" in html
    assert "The repository took too long to download; it will be tried again later." in html
    assert '<code lang="en">the repository took longer than 900 s to download.</code>' in html
    assert "The previous evaluation is shown." in html
    EvaluationJob.objects.create(software=software, status="queued")
    assert "An evaluation is queued." in page(english)


def test_the_public_sees_the_last_successful_evaluation_and_never_the_failure(
    english, software, outsider
):
    evaluation(software, ALL, head="c0ffee" + "0" * 34)
    failed_job(software)
    for visitor in (None, outsider):
        if visitor:
            english.force_login(visitor)
        html = page(english)
        assert "failed" not in html and "900 s" not in html
        assert "c0ffee000000" in html and "Commit" in html


def test_a_maintainer_reads_why_an_offline_server_could_not_evaluate_in_french(
    client, software, maintainer
):
    software.repository_url = "https://github.com/example/outil"
    software.save()
    evaluation(software, ALL)
    failed_job(software, failure="unreachable")
    client.force_login(maintainer)
    html = page(client)
    assert (
        "Ce serveur ne peut pas joindre github.com ; les évaluations des dépôts distants "
        "reprendront dès qu’il le pourra."
    ) in html.replace("&#x27;", "’")
    assert "La dernière évaluation a échoué" in html


def test_only_curators_see_and_use_the_evaluate_button(english, software, curator, outsider):
    assert "Evaluate now" not in page(english)
    english.force_login(outsider)
    response = english.post("/catalogue/outil/evaluate/")
    assert response.status_code == 403
    assert not EvaluationJob.objects.exists()
    english.force_login(curator)
    assert "Evaluate now" in page(english)
    english.post("/catalogue/outil/evaluate/")
    english.post("/catalogue/outil/evaluate/")
    assert EvaluationJob.objects.filter(software=software, status="queued").count() == 1


def test_a_software_never_evaluated_says_so(english, software):
    assert "has not been evaluated yet" in page(english)
