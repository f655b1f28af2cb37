"""The report as text for a person, as JSON for programs, or as Markdown for documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only for annotations: the CLI loads this before the checks
    from communs.evaluation.report import Report

OUTCOME_MARKS = {
    "pass": "pass",
    "partial": "partial",
    "fail": "FAIL",
    "not_applicable": "n/a",
    "inconclusive": "?",
    "error": "ERROR",
}


def as_json(report: Report) -> str:
    import json  # here: the command line loads this module before it starts git

    return json.dumps(report.as_json(), indent=2, ensure_ascii=False, sort_keys=False)


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:g}/10"


def _evidence(evidence: dict[str, Any]) -> str:
    import json

    parts = []
    for key, value in evidence.items():
        if value in ([], {}, None, ""):
            continue
        text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
        parts.append(f"{key}={text if len(text) <= 80 else text[:77] + '...'}")
    return "; ".join(parts)


def as_text(report: Report) -> str:
    data = report.as_json()
    facts = data["facts"]
    lines = [
        f"Communs evaluation of {data['target']}",
        f"  commit {data['head'] or '(empty repository)'}, as of {data['as_of']}, "
        f"method {data['method_version']}",
        # Numbers written as the checks' reasons write them ("1023 commits in the last 12
        # months"), without separators: reasons are stored report text, so the header follows.
        f"  {facts['commits_total']} commits, {facts['authors_total']} authors, "
        f"{facts['active_authors_12m']} active in 12 months, {facts['files_head']} files",
        "",
    ]
    width = max(len(check["id"]) for check in data["checks"]) if data["checks"] else 10
    for criterion in data["criteria"]:
        lines.append(f"{criterion['id'].upper():<{width}}  {_score(criterion['score'])}")
        for entry in criterion["checks"]:
            check = next(c for c in data["checks"] if c["id"] == entry["id"])
            mark = OUTCOME_MARKS[check["outcome"]]
            lines.append(
                f"  {check['id']:<{width}}  {_score(check['score']):>6}  {mark:<7} "
                f"{check['reason']}"
            )
            evidence = _evidence(check["evidence"])
            if evidence:
                lines.append(f"  {'':<{width}}  {'':>6}  {'':<7} {evidence}")
        lines.append("")
    lines.append("Scores are aids to judgement, not procurement criteria.")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(report: Report) -> str:
    data = report.as_json()
    lines = [
        f"# Evaluation of {_cell(data['target'])}",
        "",
        f"Commit `{data['head']}`, as of {data['as_of']}, method {data['method_version']}.",
        "",
        "| Criterion | Score |",
        "|---|---|",
        *[f"| {c['id']} | {_score(c['score'])} |" for c in data["criteria"]],
        "",
        "| Check | Score | Outcome | Reason | Evidence |",
        "|---|---|---|---|---|",
    ]
    for check in data["checks"]:
        lines.append(
            f"| {check['id']} | {_score(check['score'])} | {check['outcome']} | "
            f"{_cell(check['reason'])} | {_cell(_evidence(check['evidence']))} |"
        )
    lines += ["", "Scores are aids to judgement, not procurement criteria.", ""]
    return "\n".join(lines)


RENDERERS = {"text": as_text, "json": as_json, "markdown": as_markdown}
