"""The layout holds on every page, and every refusal wears the site's look (issue 9)."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from communs.catalog.tests.factories import SoftwareFactory
from communs.evaluations.models import EvaluationJob
from communs.evaluations.presentation import CRITERION_LABELS
from communs.evaluations.templatetags.evaluations import out_of_ten
from communs.evaluations.tests.factories import evaluation
from communs.territories.models import Organisation

pytestmark = pytest.mark.django_db
LAYOUT = 'class="site-header"'


def described_by(html: str) -> list[str]:
    return [t for value in re.findall(r'aria-describedby="([^"]+)"', html) for t in value.split()]


@pytest.fixture
def software(db):
    return SoftwareFactory(slug="outil", name="Outil")


def test_a_refusal_from_a_view_keeps_its_text_and_status_in_the_layout(client, software, outsider):
    client.force_login(outsider)
    response = client.post(f"/catalogue/{software.slug}/evaluate/")
    html = response.content.decode()
    assert response.status_code == 403
    assert LAYOUT in html
    assert "Seuls les modérateurs peuvent lancer une évaluation." in html  # the view's sentence
    assert not EvaluationJob.objects.exists()


def test_a_get_on_a_button_only_address_gives_a_405_page_with_the_layout(client, software):
    response = client.get(f"/catalogue/{software.slug}/evaluate/")
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    assert LAYOUT in response.content.decode()


def test_a_failed_csrf_check_says_the_form_expired_inside_the_layout():
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = "en"
    response = client.post("/i18n/setlang/", {"language": "fr"})
    html = response.content.decode()
    assert response.status_code == 403
    assert LAYOUT in html and "Form expired" in html and "Nothing was changed." in html


def test_a_bare_permission_denied_uses_the_layout(rf, english_messages):
    from communs.web.views import permission_denied

    response = permission_denied(rf.get("/"), Exception())
    assert response.status_code == 403
    assert LAYOUT in response.content.decode()


def test_robots_txt_and_favicon_are_served(client):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert robots.headers["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in robots.content.decode()
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 301 and favicon.headers["Location"].endswith("favicon.svg")
    assert 'rel="icon"' in client.get("/").content.decode()


def test_every_aria_describedby_on_the_signup_form_points_at_an_existing_id(client):
    html = client.get("/accounts/signup/").content.decode()
    targets = described_by(html)
    assert targets, "the password field has help text, so something must describe it"
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert [t for t in targets if t not in ids] == []


def test_errors_are_announced_too(client):
    html = client.post("/accounts/signup/", {"username": ""}).content.decode()
    targets = described_by(html)
    assert any(t.endswith("_error") for t in targets)
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert [t for t in targets if t not in ids] == []


def test_the_password_rules_are_a_list_not_inside_a_paragraph(client):
    html = client.get("/accounts/signup/").content.decode()
    assert "<ul>" in html
    assert not re.search(r"<p[^>]*>(?:(?!</p>).)*<ul", html, re.DOTALL)


def test_a_checkbox_comes_before_its_label_in_a_row():
    class Consent(forms.Form):
        agree = forms.BooleanField(label="I agree", help_text="Why we ask")

    html = render_to_string("catalog/_field.html", {"field": Consent()["agree"]})
    assert "field-check" in html
    assert html.index('type="checkbox"') < html.index("<label")
    assert 'id="id_agree_helptext"' in html


def test_scores_read_with_the_decimal_comma_in_french():
    with translation.override("fr"):
        assert out_of_ten(6.9) == "6,9/10"
        assert out_of_ten(7.0) == "7/10"
    with translation.override("en"):
        assert out_of_ten(6.9) == "6.9/10"
    assert out_of_ten(None) == "–"


def test_the_software_page_shows_french_scores_with_a_comma(client, software):
    evaluation(software, {"community": 6.9, "practices": 8.2, "security": 3.0, "integration": None})
    html = client.get(f"/catalogue/{software.slug}/").content.decode()
    assert "6,9/10" in html and "6.9/10" not in html
    assert 'width="172.5"' in html  # SVG geometry stays unlocalised


def test_the_chart_leaves_room_for_the_longest_criterion_label(client, software):
    evaluation(software, {"community": 6.9, "practices": 8.2, "security": 3.0, "integration": 5})
    for language in ("fr", "en"):
        client.cookies["django_language"] = language
        html = client.get(f"/catalogue/{software.slug}/").content.decode()
        svg = re.search(r'<svg role="img".*?</svg>', html, re.DOTALL).group(0)
        bar_x = min(float(x) for x in re.findall(r'<rect x="([0-9.]+)"', svg))
        with translation.override(language):
            longest = max(len(str(label)) for label in CRITERION_LABELS.values())
        # 15-unit system fonts average under 0.6 em per character for these labels.
        assert longest * 15 * 0.6 < bar_x - 8, language


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [("fr", "1 commune", "2 communes"), ("en", "1 commune", "2 communes")],
)
def test_counts_of_organisations_take_the_plural(language, one, two):
    with translation.override(language):
        assert Organisation.kind_count("commune", 1) == one
        assert Organisation.kind_count("commune", 2) == two
    with translation.override("fr"):
        assert Organisation.kind_count("epci", 2) == "2 intercommunalités"
        assert Organisation.kind_count("unknown", 3) == "3 organisations"


def test_the_methodology_has_a_contents_linking_every_check_and_checks_link_back(client, software):
    from communs.evaluation.registry import CHECKS
    from communs.evaluations.tests.factories import check

    client.cookies["django_language"] = "en"
    html = client.get("/methodology/").content.decode()
    toc = html[
        html.index('<nav class="toc"') : html.index("</nav>", html.index('<nav class="toc"'))
    ]
    for registered in CHECKS:
        assert f'href="#{registered.id}"' in toc
        assert f'id="{registered.id}"' in html
    assert 'id="criterion-security"' in html
    first = CHECKS[0].id
    evaluation(software, {"community": 5}, checks=[check(first, 5, "partial", "Half there.")])
    page = client.get(f"/catalogue/{software.slug}/").content.decode()
    assert f'href="/methodology/#{first}">How it is measured' in page


def test_the_admin_wears_the_site_colours_and_links_back_to_it(client, curator):
    client.force_login(curator)
    html = client.get("/admin/").content.decode()
    assert "--header-bg: #0b5e4a" in html and "communs/favicon.svg" in html
    assert 'href="/">' in html  # back to the site
