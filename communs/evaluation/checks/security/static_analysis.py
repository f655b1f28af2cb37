"""Static analysis.

What it measures: whether a static application security testing tool runs in continuous
integration (CodeQL, SonarQube or SonarCloud, Semgrep, Snyk Code, Bandit, Brakeman, gosec,
Psalm's taint analysis …), or at least is configured in the repository, in the spirit of
OpenSSF Scorecard's SAST check (which also checks, online, that it ran on recent changes).

Why it matters: these tools find classes of vulnerabilities (injections, unsafe
deserialisation, secrets) before a release reaches a local government's servers.

How to improve: run a static analysis tool on every change, for example the CodeQL action
or Semgrep in the CI workflow, and fix or triage what it reports.

Scoring: 10 when a tool runs in CI, 5 when one is only configured, 0 otherwise.
"""

from __future__ import annotations

import re

from communs.evaluation.facts import Facts
from communs.evaluation.files import CI, STATIC_ANALYSIS_CONFIG, finds, matching, own
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

# Tools named in CI configuration, with the name shown in the evidence.
TOOLS = {
    "CodeQL": re.compile(r"github/codeql-action|\bcodeql\b", re.IGNORECASE),
    "SonarQube": re.compile(r"sonarsource/|sonar-scanner|sonarqube|sonarcloud", re.IGNORECASE),
    "Semgrep": re.compile(r"\bsemgrep\b", re.IGNORECASE),
    "Snyk": re.compile(r"snyk/actions|\bsnyk (?:code )?test\b", re.IGNORECASE),
    "Bandit": re.compile(r"\bbandit\b", re.IGNORECASE),
    "Brakeman": re.compile(r"\bbrakeman\b", re.IGNORECASE),
    "gosec": re.compile(r"\bgosec\b", re.IGNORECASE),
    "Psalm taint analysis": re.compile(r"psalm[^\n]*--taint-analysis", re.IGNORECASE),
    "Qodana": re.compile(r"jetbrains/qodana", re.IGNORECASE),
}
RUN_IN_CI = Remediation(
    "Run a static analysis tool on every change, for example the CodeQL action or Semgrep "
    "in the CI workflow, and fix or triage what it reports.",
    Effort.MEDIUM,
)
NONE = Message(
    "security.static_analysis.none",
    "No static analysis tool runs in CI or is configured.",
    remediation=RUN_IN_CI,
)
IN_CI = Message("security.static_analysis.in_ci", "Static analysis runs in CI: {tools:list}.")
CONFIGURED = Message(
    "security.static_analysis.configured",
    "Static analysis is configured ({files:list}) but no CI workflow runs it.",
    remediation=RUN_IN_CI,
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    tools: dict[str, list[str]] = {}
    for path in matching(snapshot.paths(), CI):
        content = snapshot.read(path)
        if content is None:
            continue
        text = content.text()
        for tool, pattern in TOOLS.items():
            if finds(pattern, text):
                tools.setdefault(tool, []).append(path)
    configured = matching(own(snapshot.paths()), STATIC_ANALYSIS_CONFIG)[:10]
    evidence = {
        "tools_in_ci": {tool: paths[:5] for tool, paths in sorted(tools.items())},
        "configuration": configured,
    }
    if tools:
        return Finding.passed(IN_CI(tools=sorted(tools)), evidence=evidence)
    if configured:
        return Finding.partial(CONFIGURED(files=configured), score=5, evidence=evidence)
    return Finding.failed(NONE(), evidence=evidence)


CHECK = Check(
    id="security.static_analysis",
    criterion=Criterion.SECURITY,
    title="Static analysis",
    weight=2,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NONE, IN_CI, CONFIGURED),
    evidence={"tools_in_ci": "Tools in CI", "configuration": "Configuration files"},
)
