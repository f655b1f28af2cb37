"""GitHub Actions workflows, parsed safely, for the checks that read them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from communs.evaluation.files import GITHUB_WORKFLOW
from communs.evaluation.snapshot import Snapshot


@dataclass(frozen=True)
class Workflow:
    path: str
    data: dict[str, Any]

    @property
    def triggers(self) -> set[str]:
        # YAML 1.1 reads the key `on` as the boolean True.
        raw = self.data.get("on", self.data.get(True))  # type: ignore[call-overload]
        if isinstance(raw, str):
            return {raw}
        if isinstance(raw, list):
            return {str(item) for item in raw}
        if isinstance(raw, dict):
            return {str(key) for key in raw}
        return set()

    def jobs(self) -> dict[str, dict[str, Any]]:
        jobs = self.data.get("jobs")
        if not isinstance(jobs, dict):
            return {}
        return {str(name): job for name, job in jobs.items() if isinstance(job, dict)}

    def steps(self) -> list[tuple[str, int, dict[str, Any]]]:
        found = []
        for name, job in self.jobs().items():
            steps = job.get("steps")
            if isinstance(steps, list):
                found += [(name, index, s) for index, s in enumerate(steps) if isinstance(s, dict)]
        return found


def workflows(snapshot: Snapshot) -> tuple[list[Workflow], list[str]]:
    """Parsed workflows, and the paths of those that could not be parsed."""
    parsed: list[Workflow] = []
    broken: list[str] = []
    paths = [path for path in sorted(snapshot.files) if GITHUB_WORKFLOW.match(path)]
    if not paths:
        return parsed, broken
    import yaml  # loaded only when there are workflows to read: start-up time counts

    # libyaml's safe loader when PyYAML was built with it, the pure-Python one otherwise.
    safe_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in paths:
        try:
            data = yaml.load(snapshot.files[path].text(), Loader=safe_loader)  # noqa: S506
        except yaml.YAMLError:
            broken.append(path)
            continue
        if isinstance(data, dict):
            parsed.append(Workflow(path, data))
        else:
            broken.append(path)
    return parsed, broken
