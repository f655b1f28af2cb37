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

from communs.evaluation.facts import Facts, inside, window
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

UPDATE_BOTS = re.compile(
    r"^(?:dependabot|renovate|renovate-bot|depfu|pyup-bot)(?:\[bot\])?$", re.IGNORECASE
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    configs = facts.presence["dependency_updates"]
    bounds = window(snapshot.as_of, 365)
    bot_commits = [
        commit.sha
        for commit in snapshot.commits
        if inside(commit.committed_at, bounds)
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
        how = f"configured in {configs[0]}" if configs else f"{len(bot_commits)} bot commits"
        return Finding.passed(f"Dependency updates are automated ({how}).", evidence=evidence)
    if not facts.presence["manifests"]:
        return Finding.not_applicable("The repository declares no dependencies.", evidence=evidence)
    return Finding.failed("No dependency update tool is configured.", evidence=evidence)


CHECK = Check(
    id="security.dependency_updates",
    criterion=Criterion.SECURITY,
    title="Dependency update tool",
    weight=2,
    run=run,
    documentation=__doc__ or "",
)
