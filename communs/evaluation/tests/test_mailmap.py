"""Identities are git's: the engine's mapped emails equal `git check-mailmap` on random mailmaps."""

import os
import random
import subprocess

import pytest

from communs.evaluation import evaluate
from communs.evaluation.git import open_local, read_snapshot
from communs.evaluation.tests.conftest import AS_OF

NAMES = ["Alice", "alice", "Bob Martin", "Chloé", "Dev", "", "Eve Doe"]
EMAILS = ["a@x.org", "A@X.org", "b@y.fr", "c@z.net", "old@x.org", "OLD@x.org", "d@w.eu"]


def random_mailmap(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 12)):
        proper_name, proper_email = rng.choice(NAMES[:-2]), rng.choice(EMAILS)
        commit_name, commit_email = rng.choice(NAMES), rng.choice(EMAILS)
        form = rng.randint(0, 5)
        if form == 0:
            lines.append(f"{proper_name} <{commit_email}>")
        elif form == 1:
            lines.append(f"<{proper_email}> <{commit_email}>")
        elif form == 2:
            lines.append(f"{proper_name} <{proper_email}> <{commit_email}>")
        elif form == 3:
            lines.append(f"{proper_name} <{proper_email}> {commit_name} <{commit_email}>")
        elif form == 4:  # three addresses: git uses the first two
            lines.append(f"<{proper_email}> <{commit_email}> <{rng.choice(EMAILS)}>")
        else:
            lines.append(f"# {proper_name} <{proper_email}>")
    return "\n".join(lines) + "\n"


def check_mailmap(mailmap_file, contacts: list[str]) -> list[str]:
    environment = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    result = subprocess.run(
        ["git", "-c", f"mailmap.file={mailmap_file}", "check-mailmap", *contacts],
        capture_output=True,
        env=environment,
        check=True,
        cwd=mailmap_file.parent,
    )
    return result.stdout.decode().splitlines()


@pytest.mark.parametrize("seed", range(6))
def test_identities_equal_git_check_mailmap_on_random_mailmaps(repo, tmp_path, seed):
    rng = random.Random(seed)  # noqa: S311 (reproducible test data)
    authors = [(rng.choice(NAMES[:-2]), rng.choice(EMAILS)) for _ in range(8)]
    for day, (name, email) in enumerate(authors, start=1):
        repo.commit(f"2026-03-{day:02d}T10:00:00Z", author=name, email=email)
    mailmap = random_mailmap(rng)
    repo.commit("2026-03-20T10:00:00Z", files={".mailmap": mailmap})
    # The work tree's .mailmap differs from the committed one: only the commit's counts.
    repo.write(".mailmap", "Nobody <nobody@example.org> <a@x.org>\n")
    reference = tmp_path / "reference" / "mailmap"
    reference.parent.mkdir()
    reference.write_text(mailmap)
    subprocess.run(["git", "init", "-q", str(reference.parent)], check=True)

    snapshot = read_snapshot(open_local(repo.path), target="t", as_of=AS_OF)
    contacts = [f"{c.author_name} <{c.author_email}>" for c in snapshot.commits]
    expected = check_mailmap(reference, contacts)
    for commit, mapped in zip(snapshot.commits, expected, strict=True):
        name, _, email = mapped.rpartition(" <")
        assert (commit.identity_name, commit.identity) == (name, email.rstrip(">").lower())


def test_a_mailmap_larger_than_the_file_read_cap_is_applied_whole(repo):
    filler = "".join(f"Person {i} <p{i}@example.org> <q{i}@example.org>\n" for i in range(9000))
    assert len(filler) > 256 * 1024
    repo.commit("2026-03-01T10:00:00Z", author="Late", email="late@example.org")
    repo.commit(
        "2026-03-02T10:00:00Z",
        files={".mailmap": filler + "Late Person <canonical@example.org> <late@example.org>\n"},
    )
    facts = evaluate(repo.path, as_of=AS_OF).facts
    snapshot = read_snapshot(open_local(repo.path), target="t", as_of=AS_OF)
    assert snapshot.commits[-1].identity == "canonical@example.org"
    assert facts.authors_total == 2  # canonical@ and Alice, who committed the mailmap


@pytest.mark.parametrize(
    "mailmap",
    [
        # three addresses on a line: git uses the first two
        "<canonical@x.org> <a@x.org> <ignored@x.org>\n",
        # a name-only line after an email mapping of the same address keeps the email
        "<canonical@x.org> <a@x.org>\nAlice Canonical <a@x.org>\n",
        "Alice Canonical <a@x.org>\n<canonical@x.org> <a@x.org>\n",
    ],
)
def test_the_mailmap_cases_the_hand_written_parser_got_wrong_are_git_s(repo, tmp_path, mailmap):
    repo.commit("2026-03-01T10:00:00Z", author="alice", email="a@x.org")
    repo.commit("2026-03-02T10:00:00Z", files={".mailmap": mailmap})
    reference = tmp_path / "reference" / "mailmap"
    reference.parent.mkdir()
    reference.write_text(mailmap)
    subprocess.run(["git", "init", "-q", str(reference.parent)], check=True)
    snapshot = read_snapshot(open_local(repo.path), target="t", as_of=AS_OF)
    first = next(c for c in snapshot.commits if c.author_email == "a@x.org")
    (expected,) = check_mailmap(reference, ["alice <a@x.org>"])
    name, _, email = expected.rpartition(" <")
    assert (first.identity_name, first.identity) == (name, email.rstrip(">").lower())
    assert first.identity == "canonical@x.org"
