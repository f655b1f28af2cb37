"""Identities, organisations and the CHAOSS worked examples."""

import pytest

from communs.evaluation.identities import is_bot, organisation, smallest_group_for_half


def test_the_chaoss_contributor_absence_factor_worked_example():
    # wg-risk, contributor absence factor: 50% of 2,475 is 1,237.5; 1,000 + 433 exceed it.
    assert smallest_group_for_half([1000, 202, 90, 33, 332, 343, 42, 433]) == 2


def test_the_chaoss_elephant_factor_worked_example():
    # wg-risk, elephant factor: the same counts, as companies.
    assert smallest_group_for_half([1000, 202, 90, 33, 332, 343, 42, 433]) == 2


@pytest.mark.parametrize(
    ("counts", "expected"),
    [([], None), ([0, 0], None), ([5], 1), ([1, 1], 1), ([1, 1, 1], 2), ([3, 1, 1, 1], 1)],
)
def test_at_least_half_is_reached_by_the_fewest_contributors(counts, expected):
    assert smallest_group_for_half(counts) == expected


@pytest.mark.parametrize(
    ("name", "email", "expected"),
    [
        ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", True),
        ("Renovate Bot", "renovate[bot]@example.org", True),
        ("Hosted Weblate", "hosted@weblate.org", True),
        ("dependabot", "support@dependabot.com", True),
        ("github-actions", "41898282+github-actions[bot]@users.noreply.github.com", True),
        ("GitHub", "noreply@github.com", True),
        ("Release Tooling", "ci-bot@example.org", True),
        ("Robert", "robert@example.org", False),
        ("Jean Bot", "jean.bot@example.org", False),
        ("Abbot", "abbot@example.org", False),
        ("Carol", "1234+carol@users.noreply.github.com", False),
    ],
)
def test_bots_are_recognised_by_suffix_known_accounts_and_automation_addresses(
    name, email, expected
):
    assert is_bot(name, email) is expected


@pytest.mark.parametrize(
    ("identity", "expected"),
    [
        ("alice@mairie-exemple.fr", "mairie-exemple.fr"),
        ("bob@gmail.com", "bob@gmail.com"),
        ("1234+carol@users.noreply.github.com", "1234+carol@users.noreply.github.com"),
        ("dave@localhost", "dave@localhost"),
        ("no-domain", "no-domain"),
    ],
)
def test_free_mail_and_no_reply_addresses_stand_for_themselves(identity, expected):
    assert organisation(identity) == expected
