"""Facts of a scripted history whose right answers are counted by hand in the comments."""

import subprocess

import pytest

from communs.evaluation import evaluate
from communs.evaluation.tests.conftest import AS_OF

BOT = "49699333+dependabot[bot]@users.noreply.github.com"


@pytest.fixture
def history(repo):
    repo.commit("2023-01-10T12:00:00Z", author="Alice", email="alice@mairie-exemple.fr")
    repo.commit("2024-09-01T12:00:00Z", author="Bob", email="bob@gmail.com")
    repo.commit("2025-03-01T12:00:00Z", author="Alice", email="ALICE@Mairie-Exemple.fr")
    repo.tag("v1.0")  # lightweight: dated by its commit, 2025-03-01
    # Exactly 365 days before as_of: outside "the last 12 months".
    repo.commit("2025-06-30T23:59:59Z", author="Greg", email="greg@boundary.org")
    repo.commit(
        "2025-07-15T12:00:00Z",
        author="Robert",
        email="robert@oldmail.org",
        files={".mailmap": "Bob Durand <bob@gmail.com> <robert@oldmail.org>\n"},
    )
    repo.tag("v1.1", when="2025-08-01T10:00:00Z", signed=True)
    repo.commit("2025-09-01T12:00:00Z", author="dependabot[bot]", email=BOT)
    repo.commit("2025-10-01T12:00:00Z", author="Carol", email="carol@agglo.example.fr")
    repo.tag("release-candidate")
    feature = repo.branch_commit(
        "feature", "2026-01-10T12:00:00Z", author="Dave", email="dave@agglo.example.fr"
    )
    repo.merge(feature, "2026-01-11T12:00:00Z", author="Alice", email="alice@mairie-exemple.fr")
    # Exactly at as_of: inside.
    repo.commit(
        "2026-06-30T23:59:59Z",
        author="Eve",
        email="eve@proton.me",
        files={"logo.png": b"\x89PNG\r\n\x1a\n\x00\x00binary", "file.txt": "eve\n"},
    )
    repo.symlink("link-to-file", "file.txt")
    repo.tag("v2.0", when="2026-07-01T09:00:00Z")  # after as_of
    repo.commit("2026-07-05T12:00:00Z", author="Frank", email="frank@later.org")
    # A work-tree .mailmap that HEAD does not have must be ignored.
    repo.write(".mailmap", "Carol <frank@later.org> <carol@agglo.example.fr>\n")
    return repo


def facts_of(repo):
    return evaluate(repo.path, as_of=AS_OF).as_json()["facts"]


def test_totals_cover_every_commit_reachable_from_the_last_commit_at_as_of(history):
    facts = facts_of(history)
    evaluated = history.git("rev-list", "-1", "--until=2026-06-30T23:59:59Z", "HEAD")
    rev_list = subprocess.run(
        ["git", "-C", str(history.path), "rev-list", "--count", evaluated],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Frank's commit of 2026-07-05 is after as_of: not part of the evaluated history.
    assert facts["commits_total"] == int(rev_list) == 10
    # alice (two spellings), bob (two emails via .mailmap), greg, carol, dave, eve; the bot
    # is counted apart
    assert facts["authors_total"] == 6
    assert facts["bots_total"] == 1
    assert facts["first_commit_at"] == "2023-01-10T12:00:00Z"
    assert facts["last_commit_at"] == "2026-06-30T23:59:59Z"


def test_an_evaluation_as_of_a_past_date_reads_that_dates_commit_tree_and_tags(history):
    report = evaluate(history.path, as_of=AS_OF).as_json()
    eve = history.git("log", "-1", "--format=%H", "--author=Eve", "HEAD")
    assert report["head"] == eve
    history.commit("2026-07-06T12:00:00Z", files={"README.md": "# Demo\n"})
    assert facts_of(history) == report["facts"]


def test_the_twelve_month_window_excludes_its_start_and_includes_as_of(history):
    facts = facts_of(history)
    # robert/bob, carol, dave, the merge, eve; not greg (boundary) nor frank (later); the bot
    # commit is counted apart
    assert facts["commits_12m"] == 5
    assert facts["bot_commits_12m"] == 1
    # bob, carol, dave, alice (the merge), eve; the bot does not count
    assert facts["active_authors_12m"] == 5
    assert facts["new_authors_12m"] == 3  # carol, dave, eve
    assert facts["inactive_authors_12m"] == 1  # greg


def test_absence_and_elephant_factors_count_people_and_organisations(history):
    facts = facts_of(history)
    # Non-merge human commits of two years: bob 2, alice 1, greg 1, carol 1, dave 1, eve 1.
    # Half of 7 is 3.5: bob + two others reach 4.
    assert facts["bus_factor"] == 3
    # Organisations: bob (gmail, himself) 2, agglo.example.fr 2, then 1 each: 2 reach 4.
    assert facts["elephant_factor"] == 2
    assert facts["top_organisations_24m"]["agglo.example.fr"] == pytest.approx(28.6)


def test_releases_are_version_tags_dated_by_tagger_or_commit_up_to_as_of(history):
    facts = facts_of(history)
    # v1.0, v1.1 and release-candidate; v2.0 is tagged after as_of
    assert facts["tags_total"] == 3
    # release-candidate is not a version number
    assert facts["releases_total"] == 2
    assert facts["releases_12m"] == 1  # v1.1
    assert facts["last_release_at"] == "2025-08-01T10:00:00Z"


def test_files_of_the_evaluated_commit_include_binary_files(history):
    facts = facts_of(history)
    # file.txt, .mailmap and logo.png; the symlink came with Frank's later change
    assert facts["files_head"] == 3
    assert evaluate(history.path, as_of=AS_OF.replace(year=2027)).facts.files_head == 4


def test_the_same_repository_and_date_always_give_the_same_report(history):
    first = evaluate(history.path, as_of=AS_OF).as_json()
    second = evaluate(history.path, as_of=AS_OF).as_json()
    assert first == second


def test_a_bare_clone_gives_the_same_facts(history, tmp_path):
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(history.path), str(bare)], check=True)
    assert evaluate(bare, as_of=AS_OF).as_json()["facts"] == facts_of(history)
