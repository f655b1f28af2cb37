"""Facts about a repository, with exact definitions (the JSON key ``facts``).

All over the commits reachable from the evaluated commit (the last one dated at or before
``as_of``). Dates are committer dates in UTC. A commit is in "the last N days" when
``as_of - N days < date <= as_of``; commits dated after ``as_of`` (clock skew) or with an
unparseable date are counted in ``anomalies`` and in no period. Identities are author
emails after the evaluated commit's ``.mailmap`` as git applies it, lowercased. Bots
(``identities.is_bot``, before or after the mailmap) are counted apart: ``bots_total`` and
``bot_commits_12m``, and in no other figure. A release is a tag whose name is a version
number (``RELEASE_TAG``); ``tags_total`` counts every tag.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta
from typing import Any

from communs.evaluation import files as paths_of
from communs.evaluation.identities import (
    FREE_MAIL_DOMAINS,
    NO_REPLY_DOMAINS,
    is_bot,
    organisation,
    smallest_group_for_half,
)
from communs.evaluation.languages import languages
from communs.evaluation.snapshot import (
    MAX_FILE_BYTES,
    AuthorSummary,
    Commit,
    Snapshot,
    TreeOnly,
)

DAY = 86_400
RELEASE_TAG = re.compile(
    r"^(?:[\w.-]*?[-_/])?v?\d+(?:[._]\d+)+(?:[-+.][\w.-]+)?$|^(?:[\w.-]*?[-_/])?v\d+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Facts:
    commits_total: int
    authors_total: int
    first_commit_at: str | None
    last_commit_at: str | None
    commits_12m: int
    active_authors_12m: int
    new_authors_12m: int
    inactive_authors_12m: int
    bus_factor: int | None
    elephant_factor: int | None
    top_organisations_24m: dict[str, float]
    tags_total: int
    releases_12m: int
    last_release_at: str | None
    files_head: int
    languages: dict[str, dict[str, int | None]]
    presence: dict[str, list[str]]
    # Since report schema 3: older stored reports lack them and read as zero or empty.
    bots_total: int = 0
    bot_commits_12m: int = 0
    releases_total: int = 0
    anomalies: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def iso(stamp: int | None) -> str | None:
    if stamp is None:
        return None
    return datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def window(as_of: datetime, days: int) -> tuple[int, int]:
    """(start, end) in seconds: a date d is inside when start < d <= end."""
    end = as_of.astimezone(UTC)
    return int((end - timedelta(days=days)).timestamp()), int(end.timestamp())


def inside(stamp: int | None, bounds: tuple[int, int]) -> bool:
    return stamp is not None and bounds[0] < stamp <= bounds[1]


class People:
    """Resolves mapped (name, email) pairs to identities once: thousands of commits share a few."""

    def __init__(self) -> None:
        self.known: dict[tuple[str, str, str, str], tuple[str, str, bool]] = {}

    def resolve(self, commit: Commit | AuthorSummary) -> tuple[str, str, bool]:
        """(identity, organisation, is a bot)"""
        key = (commit.author_name, commit.author_email, commit.identity_name, commit.identity)
        person = self.known.get(key)
        if person is None:
            identity = commit.identity or commit.author_email.lower()
            bot = is_bot(commit.author_name, commit.author_email) or is_bot(
                commit.identity_name or commit.author_name, identity
            )
            person = (identity, organisation(identity), bot)
            self.known[key] = person
        return person


def merges_by_people(snapshot: Snapshot, days: int = 730) -> int:
    """Merge commits made by people (not bots) in the last ``days`` days."""
    start, end = window(snapshot.as_of, days)
    return sum(
        1
        for commit in snapshot.commits
        if commit.parent_count > 1
        and commit.committed_at is not None
        and start < commit.committed_at <= end
        and not is_bot(commit.author_name, commit.author_email)
        and not is_bot(commit.identity_name, commit.identity)
    )


def is_release(name: str) -> bool:
    return bool(RELEASE_TAG.match(name))


def organisation_label(organisation: str) -> str:
    """Domains as they are; individuals are not named."""
    domain = organisation.rpartition("@")[2]
    if "@" in organisation or domain in FREE_MAIL_DOMAINS or domain in NO_REPLY_DOMAINS:
        return "(individual contributors)"
    return organisation


def top_shares(counts: Counter[str], limit: int = 5) -> dict[str, float]:
    total = sum(counts.values())
    return {name: round(100 * count / total, 1) for name, count in counts.most_common(limit)}


def presence(paths: tuple[str, ...]) -> dict[str, list[str]]:
    """Which files of each kind HEAD holds (paths, sorted), vendored folders excluded."""
    rules = {
        "readme": paths_of.README,
        "licence": paths_of.LICENCE,
        "contributing": paths_of.CONTRIBUTING,
        "changelog": paths_of.CHANGELOG,
        "security_policy": paths_of.SECURITY,
        "code_of_conduct": paths_of.CODE_OF_CONDUCT,
        "ci": paths_of.CI,
        "publiccode": paths_of.PUBLICCODE,
        "api_descriptions": paths_of.API_DESCRIPTION,
        "container": paths_of.CONTAINER,
        "dependency_updates": paths_of.DEPENDENCY_UPDATES,
        "translations": paths_of.TRANSLATION,
    }
    found = {key: paths_of.matching(paths, rule) for key, rule in rules.items()}
    found["docs_folder"] = sorted(
        {p.split("/", 1)[0] + "/" for p in paths_of.matching(paths, paths_of.DOCS_FOLDER)}
    )
    found["tests"] = test_files(paths)
    found["packaging"] = sorted(
        path
        for rule in (paths_of.HELM, paths_of.DEBIAN, paths_of.ANSIBLE, paths_of.OTHER_PACKAGING)
        for path in paths_of.matching(paths, rule)
    )
    found["manifests"] = sorted(p for hits in paths_of.manifests(paths).values() for p in hits)
    found["lockfiles"] = sorted(
        path for rule in paths_of.LOCKFILES.values() for path in paths_of.matching(paths, rule)
    )
    return dict(sorted(found.items()))


def test_files(paths: tuple[str, ...]) -> list[str]:
    return paths_of.matching(paths, paths_of.TESTS)


class TreeFacts(TreeOnly, Facts):
    """The facts HEAD's tree decides, known before git has read the history (the others are
    not: reading them raises NotKnownYet)."""

    READABLE = frozenset({"files_head", "languages", "presence"})


# The facts of HEAD's tree alone, worked out while git reads the history so that
# ``compute_facts`` has only the history left to go through. (A comment, not a docstring:
# the method's fingerprint counts a docstring added where there was none.)
def tree_facts(snapshot: Snapshot) -> TreeFacts:
    known: dict[str, Any] = {
        "files_head": len(snapshot.tree),
        "languages": languages(snapshot.tree, sizes_known=snapshot.sizes_known),
        "presence": presence(paths_of.own(snapshot.paths())),
    }
    # The others hold nothing (reading them raises): None stands in for any type.
    unknown: dict[str, Any] = {each.name: None for each in fields(Facts) if each.name not in known}
    return TreeFacts(**known, **unknown)


def compute_facts(snapshot: Snapshot, tree: TreeFacts | None = None) -> Facts:
    """The facts of the snapshot; ``tree``: those of its tree, when already worked out."""
    if tree is None:
        tree = tree_facts(snapshot)
    year_start, end = window(snapshot.as_of, 365)
    two_years_start = window(snapshot.as_of, 730)[0]
    people = People()
    identities: set[str] = set()
    bots: set[str] = set()
    active: set[str] = set()  # people with a commit in the last 12 months
    earlier: set[str] = set()  # people with a commit before that
    before: set[str] = set()  # people with a commit in the 12 months before that
    work_by_identity: Counter[str] = Counter()  # non-merge commits of the last 2 years
    work_by_organisation: Counter[str] = Counter()
    commits_12m = bot_commits_12m = unparseable = after_as_of = 0
    first: int | None = None
    last: int | None = None
    # One pass over the history: it can hold hundreds of thousands of commits, so the loop
    # keeps to local names and resolves each person once.
    known = people.known
    resolve = people.resolve
    add_identity, add_bot, add_active = identities.add, bots.add, active.add
    add_earlier, add_before = earlier.add, before.add
    for commit in snapshot.commits:
        _sha, parent_count, name, email, moment, identity_name, mapped = commit
        person = known.get((name, email, identity_name, mapped)) or resolve(commit)
        identity = person[0]
        if moment is None:
            unparseable += 1
        elif moment > end:
            after_as_of += 1
            moment = None
        if person[2]:  # a bot
            add_bot(identity)
            bot_commits_12m += moment is not None and year_start < moment
            continue
        add_identity(identity)
        if moment is None:
            continue
        if first is None or moment < first:
            first = moment
        if last is None or moment > last:
            last = moment
        if year_start < moment:
            commits_12m += 1
            add_active(identity)
        else:
            add_earlier(identity)
            if moment > two_years_start:
                add_before(identity)
        if two_years_start < moment and parent_count <= 1:
            work_by_identity[identity] += 1
            work_by_organisation[person[1]] += 1
    # Commits summed per author (incremental reads): all dated two years or more before
    # as_of, so they only add to totals, to the first date and to the people seen earlier.
    for author in snapshot.earlier.authors:
        identity, _organisation, bot = people.resolve(author)
        unparseable += author.undated
        if bot:
            bots.add(identity)
            continue
        identities.add(identity)
        if author.first is None or author.last is None:
            continue
        first = author.first if first is None or author.first < first else first
        last = author.last if last is None or author.last > last else last
        earlier.add(identity)
    release_dates = [
        tag.dated_at for tag in snapshot.tags if tag.dated_at is not None and is_release(tag.name)
    ]
    labelled: Counter[str] = Counter()
    for name, count in work_by_organisation.items():
        labelled[organisation_label(name)] += count

    return Facts(
        commits_total=snapshot.commits_total,
        authors_total=len(identities),
        first_commit_at=iso(first),
        last_commit_at=iso(last),
        commits_12m=commits_12m,
        bots_total=len(bots),
        bot_commits_12m=bot_commits_12m,
        active_authors_12m=len(active),
        new_authors_12m=len(active - earlier),
        inactive_authors_12m=len(before - active),
        bus_factor=smallest_group_for_half(work_by_identity.values()),
        elephant_factor=smallest_group_for_half(work_by_organisation.values()),
        top_organisations_24m=top_shares(labelled),
        tags_total=len(snapshot.tags),
        releases_total=sum(1 for tag in snapshot.tags if is_release(tag.name)),
        releases_12m=sum(1 for stamp in release_dates if year_start < stamp <= end),
        last_release_at=iso(max(release_dates)) if release_dates else None,
        files_head=tree.files_head,
        languages=tree.languages,
        presence=tree.presence,
        anomalies={
            "commit_dates_unparseable": unparseable,
            "commit_dates_after_as_of": after_as_of,
            "tags_not_on_commits": snapshot.tags_not_on_commits,
            "files_read_capped": sorted(
                path for path, content in snapshot.files.items() if content.truncated
            ),
            "file_read_cap_bytes": MAX_FILE_BYTES,
        },
    )
