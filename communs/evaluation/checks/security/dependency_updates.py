"""Dependency update tool.

What it measures: whether a tool proposes dependency updates automatically: a Dependabot
or Renovate configuration, or commits by those bots in the last twelve months.

Why it matters: most vulnerabilities reach an application through its dependencies. A
tool that proposes updates as soon as fixes are published shortens the time a local
government stays exposed.

How to improve: enable Dependabot (``.github/dependabot.yml``) or Renovate
(``renovate.json``) and merge their proposals regularly.

Scoring: 10 with a configuration or recent bot commits, 0 without; not applicable to a
repository without dependency manifests.
"""

from __future__ import annotations

import re

from communs.evaluation.facts import Facts, window
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

UPDATE_BOTS = re.compile(
    r"^(?:dependabot|renovate|renovate-bot|depfu|pyup-bot)(?:\[bot\])?$", re.IGNORECASE
)


CONFIGURED = Message(
    "security.dependency_updates.configured",
    "Dependency updates are automated (configured in {file}).",
)
BOT_COMMITS = Message(
    "security.dependency_updates.bot_commits",
    "Dependency updates are automated ({commits} bot commit).",
    plural="Dependency updates are automated ({commits} bot commits).",
    count="commits",
)
NO_DEPENDENCIES = Message(
    "security.dependency_updates.no_dependencies", "The repository declares no dependencies."
)
NONE = Message(
    "security.dependency_updates.none",
    "No dependency update tool is configured.",
    remediation=Remediation(
        "Enable Dependabot (.github/dependabot.yml) or Renovate (renovate.json) and merge "
        "their proposals regularly.",
        Effort.LOW,
    ),
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    configs = facts.presence["dependency_updates"]
    start, end = window(snapshot.as_of, 365)
    bot_commits = [
        commit.sha
        for commit in snapshot.commits
        if commit.committed_at is not None
        and start < commit.committed_at <= end
        and (
            UPDATE_BOTS.match(commit.author_name)
            or UPDATE_BOTS.match(commit.author_email.split("@")[0])
        )
    ]
    evidence = {
        "configuration": configs,
        "bot_commits_12m": len(bot_commits),
        "example_commits": bot_commits[:3],
    }
    if configs or bot_commits:
        said = CONFIGURED(file=configs[0]) if configs else BOT_COMMITS(commits=len(bot_commits))
        return Finding.passed(said, evidence=evidence)
    if not facts.presence["manifests"]:
        return Finding.not_applicable(NO_DEPENDENCIES(), evidence=evidence)
    return Finding.failed(NONE(), evidence=evidence)


CHECK = Check(
    id="security.dependency_updates",
    criterion=Criterion.SECURITY,
    title="Dependency update tool",
    weight=2,
    run=run,
    documentation=__doc__ or "",
    messages=(CONFIGURED, BOT_COMMITS, NO_DEPENDENCIES, NONE),
    evidence={
        "configuration": "Configuration",
        "bot_commits_12m": "Update bot commits in 12 months",
        "example_commits": "Example commits",
    },
)
