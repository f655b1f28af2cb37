"""Small real git repositories with scripted histories whose right answers are known."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path


def stamp(when: str) -> str:
    """'2026-01-31T12:00:00Z' → git's raw date format, in UTC."""
    moment = datetime.strptime(when, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return f"{int(moment.timestamp())} +0000"


class GitRepo:
    def __init__(self, path: Path, *, bare: bool = False) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main", *(["--bare"] if bare else []))
        self.git("config", "user.name", "Builder")
        self.git("config", "user.email", "builder@example.org")
        self.git("config", "commit.gpgsign", "false")
        self.git("config", "tag.gpgsign", "false")

    def git(self, *args: str, env: dict[str, str] | None = None, input: bytes | None = None) -> str:
        environment = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
        environment.update(env or {})
        result = subprocess.run(
            ["git", "-C", str(self.path), *args],
            capture_output=True,
            env=environment,
            input=input,
            check=True,
        )
        return result.stdout.decode("utf-8", "replace").strip()

    def write(self, path: str, content: str | bytes = "content\n") -> None:
        target = self.path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode()
        target.write_bytes(content)

    def symlink(self, path: str, points_to: str) -> None:
        target = self.path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(points_to)

    def commit(
        self,
        when: str = "2026-01-01T12:00:00Z",
        *,
        author: str = "Alice Martin",
        email: str = "alice@mairie-exemple.fr",
        message: str = "change",
        files: dict[str, str | bytes] | None = None,
        author_name_bytes: bytes | None = None,
    ) -> str:
        for path, content in (files or {"file.txt": f"{when} {author}\n"}).items():
            self.write(path, content)
        self.git("add", "-A")
        env: dict[str, str] = {
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_AUTHOR_DATE": stamp(when),
            "GIT_COMMITTER_NAME": "Committer",
            "GIT_COMMITTER_EMAIL": "committer@example.org",
            "GIT_COMMITTER_DATE": stamp(when),
        }
        if author_name_bytes is not None:
            raw = {k.encode(): v.encode() for k, v in {**os.environ, **env}.items()}
            raw[b"GIT_AUTHOR_NAME"] = author_name_bytes
            subprocess.run(
                ["git", "-C", str(self.path), "commit", "-q", "--allow-empty", "-m", message],
                env=raw,
                check=True,
            )
        else:
            self.git("commit", "-q", "--allow-empty", "-m", message, env=env)
        return self.git("rev-parse", "HEAD")

    def merge(
        self,
        other: str,
        when: str,
        *,
        author: str = "Alice Martin",
        email: str = "alice@mairie-exemple.fr",
    ) -> str:
        """A merge commit of HEAD and `other`, keeping HEAD's tree."""
        tree = self.git("rev-parse", "HEAD^{tree}")
        env = {
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_AUTHOR_DATE": stamp(when),
            "GIT_COMMITTER_NAME": "Committer",
            "GIT_COMMITTER_EMAIL": "committer@example.org",
            "GIT_COMMITTER_DATE": stamp(when),
        }
        sha = self.git("commit-tree", tree, "-p", "HEAD", "-p", other, "-m", "merge", env=env)
        self.git("update-ref", "HEAD", sha)
        return sha

    def tag(
        self, name: str, *, when: str | None = None, signed: bool = False, target: str = "HEAD"
    ) -> None:
        """A lightweight tag without `when`, an annotated one with it (signed if asked)."""
        if when is None:
            self.git("tag", name, target)
            return
        commit = self.git("rev-parse", target)
        body = (
            f"object {commit}\ntype commit\ntag {name}\n"
            f"tagger Release Bot <release@example.org> {stamp(when)}\n\nRelease {name}\n"
        )
        if signed:
            body += (
                "-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEE\n-----END PGP SIGNATURE-----\n"
            )
        oid = self.git("hash-object", "-t", "tag", "-w", "--stdin", input=body.encode())
        self.git("update-ref", f"refs/tags/{name}", oid)

    def branch_commit(self, branch: str, when: str, **kwargs: object) -> str:
        """A commit on another branch, then back to main; returns the commit."""
        self.git("checkout", "-q", "-b", branch)
        sha = self.commit(when, **kwargs)  # type: ignore[arg-type]
        self.git("checkout", "-q", "main")
        return sha
