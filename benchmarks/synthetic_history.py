"""A complete git history built here, the same every time, for the engine's benchmark.

Every repository that can be fetched here is a partial (blobless) clone: Perceval's git
backend, which runs ``git log --raw --numstat`` and so diffs every file of every commit,
cannot read one. This builds a repository whose every object is present, through one
``git fast-import`` stream: a project's usual files (README, licence, security policy,
contributing guide, CI workflow, lockfile) and a few thousand source and test files, then
commits by a few hundred authors (a few prolific, many occasional, as in real projects)
that each change one to four files over ten years, with topic branches merged, version tags
(some annotated), review trailers and advisory references in some messages. The same
``commits`` and ``seed`` give the same repository, object for object.

    python -m benchmarks.synthetic_history var/bench/synthetic.git --commits 20000
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

START = 1_451_606_400  # 2016-01-01 00:00 UTC
END = 1_790_000_000  # 2026-09-21 (the last commits a few days later): before the bench's date
WORDS = (
    "carte",
    "commune",
    "données",
    "export",
    "import",
    "service",
    "usager",
    "agent",
    "tableau",
    "budget",
    "registre",
    "formulaire",
    "délibération",
    "marché",
    "contrat",
    "adresse",
    "réseau",
    "calendrier",
    "courrier",
    "archive",
    "signalement",
    "voirie",
    "école",
    "cantine",
    "état",
    "civil",
    "élection",
    "urbanisme",
    "permis",
)
BASE_FILES = {
    "README.md": "# Registre libre\n\nUn registre des données de la commune.\n",
    "LICENSE": "SPDX-License-Identifier: EUPL-1.2\n\nLicensed under the EUPL, version 1.2.\n",
    "SECURITY.md": "# Security policy\n\nReport vulnerabilities to security@example.org.\n",
    "CONTRIBUTING.md": "# Contributing\n\nOpen a merge request with tests.\n",
    ".github/workflows/ci.yml": (
        "name: ci\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v4\n      - run: make test\n"
    ),
    "requirements.txt": "django==4.2.0\nrequests==2.31.0\n",
    "openapi.yaml": "openapi: 3.0.0\ninfo:\n  title: Registre\n  version: 1.0.0\npaths: {}\n",
}


def _line(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9)))


def _source(rng: random.Random, lines: int) -> str:
    return "".join(f"# {_line(rng)}\n" for _ in range(lines))


def _authors(count: int) -> list[tuple[str, str]]:
    return [(f"Agent {number:03d}", f"agent{number:03d}@example.org") for number in range(count)]


def _data(text: str) -> bytes:
    raw = text.encode()
    return b"data %d\n%s\n" % (len(raw), raw)


def stream(commits: int, seed: int) -> Iterator[bytes]:
    """The fast-import commands of the whole history."""
    rng = random.Random(seed)  # noqa: S311 (a repeatable history, not a secret)
    authors = _authors(400)
    # A few prolific authors, many occasional ones (weights 1/rank).
    weights = [1 / (rank + 1) for rank in range(len(authors))]
    files: dict[str, str] = dict(BASE_FILES)
    for number in range(3000):
        folder = "tests" if number % 5 == 0 else f"src/module_{number % 60:02d}"
        files[f"{folder}/file_{number:04d}.py"] = _source(rng, rng.randint(5, 40))
    paths = sorted(files)
    step = (END - START) // commits
    moment = START
    mark = 0
    version = [1, 0, 0]
    next_tag = 400

    def commit(ref: str, parents: list[int], changed: dict[str, str], message: str) -> int:
        nonlocal mark, moment
        mark += 1
        moment += rng.randint(step // 2, step + step // 2)
        name, email = rng.choices(authors, weights)[0]
        lines = [
            b"commit %s\n" % ref.encode(),
            b"mark :%d\n" % mark,
            b"author %s <%s> %d +0100\n" % (name.encode(), email.encode(), moment),
            b"committer %s <%s> %d +0100\n" % (name.encode(), email.encode(), moment + 60),
            _data(message),
        ]
        if parents:
            lines.append(b"from :%d\n" % parents[0])
        lines += [b"merge :%d\n" % parent for parent in parents[1:]]
        for path, content in changed.items():
            lines += [b"M 100644 inline %s\n" % path.encode(), _data(content)]
        yield_lines.append(b"".join(lines))
        return mark

    yield_lines: list[bytes] = []
    last_on_main = commit("refs/heads/main", [], files, "Premier import du registre")
    yield from yield_lines
    made = 1
    while made < commits:
        yield_lines.clear()
        changed = {}
        for path in rng.sample(paths, rng.randint(1, 4)):
            content = files[path].splitlines(keepends=True)
            where = rng.randrange(len(content) + 1)
            content[where:where] = [f"# {_line(rng)}\n"]
            if len(content) > 60:
                del content[rng.randrange(len(content))]
            files[path] = "".join(content)
            changed[path] = files[path]
        message = f"{_line(rng).capitalize()}\n"
        if rng.random() < 0.01:
            message += f"\nFixes CVE-{rng.randint(2016, 2026)}-{rng.randint(1000, 99999)}.\n"
        if rng.random() < 0.3:
            reviewer = rng.choices(authors, weights)[0]
            message += f"\nReviewed-by: {reviewer[0]} <{reviewer[1]}>\n"
        if made % 25 == 0:  # a topic branch of one commit, merged
            topic = commit("refs/heads/topic", [last_on_main], changed, message)
            last_on_main = commit(
                "refs/heads/main", [last_on_main, topic], {}, "Merge branch 'topic'\n"
            )
            made += 2
        else:
            last_on_main = commit("refs/heads/main", [last_on_main], changed, message)
            made += 1
        if made >= next_tag:  # a release every 400 commits, a minor one every 2,000
            next_tag += 400
            version = [version[0], version[1] + 1, 0] if made % 2000 < 400 else version
            version[2] += made % 2000 >= 400
            tag = "v{}.{}.{}".format(*version)
            if made % 800 < 400:  # annotated
                yield_lines.append(
                    b"tag %s\nfrom :%d\ntagger Release <release@example.org> %d +0000\n%s"
                    % (tag.encode(), last_on_main, moment, _data(f"Version {tag}"))
                )
            else:
                yield_lines.append(b"reset refs/tags/%s\nfrom :%d\n\n" % (tag.encode(), mark))
        yield from yield_lines


def build(folder: Path, commits: int, seed: int = 1) -> Path:
    """The repository in ``folder`` (bare), built once: kept when it is already there."""
    marker = folder / "communs-synthetic"
    wanted = f"{commits} {seed}\n"
    if marker.exists() and marker.read_text() == wanted:
        return folder
    subprocess.run(["rm", "-rf", str(folder)], check=True)
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(folder)], check=True)
    importer = subprocess.Popen(
        ["git", f"--git-dir={folder}", "fast-import", "--quiet", "--done"],
        stdin=subprocess.PIPE,
    )
    assert importer.stdin is not None
    for chunk in stream(commits, seed):
        importer.stdin.write(chunk)
    importer.stdin.write(b"done\n")
    importer.stdin.close()
    if importer.wait() != 0:
        raise SystemExit("git fast-import failed")
    marker.write_text(wanted)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--commits", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    print(build(options.folder, options.commits, options.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
