import pytest

from communs.evaluation.checks.community import (
    absence_factor,
    active_contributors,
    longevity,
    organisational_diversity,
    recent_activity,
    release_cadence,
)
from communs.evaluation.results import Outcome
from communs.evaluation.tests.snapshots import commit, run, snapshot, tag


def people(count, days=10, domain=None):
    return [commit(days, f"person{i}@{domain or f'org{i}.example'}") for i in range(count)]


@pytest.mark.parametrize(
    ("commits", "score", "outcome"),
    [
        (120, 10, Outcome.PASS),
        (50, 8, Outcome.PASS),
        (20, 6, Outcome.PARTIAL),
        (1, 2, Outcome.PARTIAL),
    ],
)
def test_recent_activity_grows_with_commits(commits, score, outcome):
    finding = run(
        recent_activity.CHECK, snapshot(commits=[commit(i % 300 + 1) for i in range(commits)])
    )
    assert (finding.score, finding.outcome) == (score, outcome)
    assert finding.evidence["commits_12m"] == commits


def test_recent_activity_fails_without_a_commit_in_a_year():
    finding = run(recent_activity.CHECK, snapshot(commits=[commit(400)]))
    assert finding.outcome is Outcome.FAIL and finding.score == 0
    assert "No commit in the last 12 months" in finding.reason


def test_recent_activity_fails_on_no_commit_at_all():
    assert run(recent_activity.CHECK, snapshot(commits=[])).outcome is Outcome.FAIL


@pytest.mark.parametrize(
    ("count", "score", "outcome"),
    [
        (10, 10, Outcome.PASS),
        (5, 8, Outcome.PASS),
        (3, 5, Outcome.PARTIAL),
        (1, 1, Outcome.PARTIAL),
    ],
)
def test_active_contributors_counts_people_not_bots(count, score, outcome):
    bots = [commit(5, "29139614+renovate[bot]@users.noreply.github.com", "renovate[bot]")]
    finding = run(active_contributors.CHECK, snapshot(commits=people(count) + bots))
    assert (finding.score, finding.outcome) == (score, outcome)
    assert finding.evidence["active_authors_12m"] == count


def test_active_contributors_fails_when_nobody_committed_this_year():
    finding = run(active_contributors.CHECK, snapshot(commits=[commit(500)]))
    assert finding.outcome is Outcome.FAIL


@pytest.mark.parametrize(
    ("factor", "score", "outcome"),
    [(5, 10, Outcome.PASS), (3, 7, Outcome.PASS), (2, 4, Outcome.PARTIAL), (1, 1, Outcome.PARTIAL)],
)
def test_absence_factor_rewards_shared_work(factor, score, outcome):
    # 2k people with one commit each: k of them make half of the commits.
    finding = run(absence_factor.CHECK, snapshot(commits=people(2 * factor)))
    assert (finding.score, finding.outcome) == (score, outcome)
    assert finding.evidence["bus_factor"] == factor


def test_absence_factor_is_inconclusive_without_recent_human_commits():
    finding = run(absence_factor.CHECK, snapshot(commits=[commit(800)]))
    assert finding.outcome is Outcome.INCONCLUSIVE and finding.score is None


def test_organisational_diversity_counts_domains_and_hides_individuals():
    commits = [*people(6), commit(3, "x@gmail.com"), commit(4, "x@gmail.com")]
    finding = run(organisational_diversity.CHECK, snapshot(commits=commits))
    # 8 commits: the individual (2) and two organisations of one commit reach half.
    assert finding.outcome is Outcome.PASS and finding.evidence["elephant_factor"] == 3
    assert "(individual contributors)" in finding.evidence["top_organisations_percent"]
    assert "x@gmail.com" not in str(finding.evidence)


def test_organisational_diversity_flags_a_single_organisation():
    finding = run(organisational_diversity.CHECK, snapshot(commits=people(4, domain="one.fr")))
    assert (finding.score, finding.outcome) == (2, Outcome.PARTIAL)


def test_organisational_diversity_is_inconclusive_without_recent_commits():
    finding = run(organisational_diversity.CHECK, snapshot(commits=[commit(900)]))
    assert finding.outcome is Outcome.INCONCLUSIVE


@pytest.mark.parametrize(
    ("days", "score", "outcome"),
    [
        ([10, 100, 200, 300], 10, Outcome.PASS),
        ([10, 100], 7, Outcome.PASS),
        ([10], 5, Outcome.PARTIAL),
        ([500], 2, Outcome.FAIL),
        ([], 0, Outcome.FAIL),
    ],
)
def test_release_cadence_counts_tags_of_the_year(days, score, outcome):
    tags = [tag(f"v1.{i}", day) for i, day in enumerate(days)]
    finding = run(release_cadence.CHECK, snapshot(tags=tags))
    assert (finding.score, finding.outcome) == (score, outcome)


def test_release_cadence_says_a_repository_whose_tags_name_no_version_has_no_release():
    finding = run(release_cadence.CHECK, snapshot(tags=[tag("community-thread", 30)]))
    assert (finding.score, finding.outcome) == (0, Outcome.FAIL)
    assert finding.reason == (
        "The repository has 1 tag but none names a version, so no identifiable release."
    )
    assert "None" not in finding.reason


@pytest.mark.parametrize(
    ("age_days", "score", "outcome"),
    [
        (2000, 10, Outcome.PASS),
        (1200, 8, Outcome.PASS),
        (400, 5, Outcome.PARTIAL),
        (30, 2, Outcome.PARTIAL),
    ],
)
def test_longevity_follows_the_first_commit(age_days, score, outcome):
    finding = run(longevity.CHECK, snapshot(commits=[commit(age_days), commit(1)]))
    assert (finding.score, finding.outcome) == (score, outcome)


def test_longevity_fails_without_commits():
    assert run(longevity.CHECK, snapshot(commits=[])).outcome is Outcome.FAIL
