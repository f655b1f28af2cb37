"""The only module that runs git: it opens or clones a repository and reads one snapshot.

Safety: the engine reads and never runs anything from the repository. Repositories are
cloned bare (no checkout, so no hooks, filters, LFS or submodules run), git is started with
a clean configuration (no system or global config, no replace objects, no pager, no
signature verification), and only https:// URLs are cloned.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from communs.evaluation.files import files_to_read
from communs.evaluation.snapshot import Commit, FileContent, Snapshot, Tag, TreeEntry
from communs.evaluation.targets import TargetError, parse_url

MAX_FILE_BYTES = 256 * 1024
DEFAULT_CLONE_TIMEOUT = 900  # seconds
DEFAULT_CLONE_MAX_BYTES = 2 * 1024**3
GIT_TIMEOUT = 600

Progress = Callable[[str], None]

# Options that make git ignore whatever the repository or the machine configures to run.
_SAFE_CONFIG = (
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "core.pager=cat",
    "core.quotePath=false",
    "log.showSignature=false",
    "gpg.program=false",
    "protocol.allow=never",
    "protocol.https.allow=always",
    "credential.helper=",
    "submodule.recurse=false",
    "http.followRedirects=false",
)


# What git says when the network, not the repository, is the problem.
UNREACHABLE = re.compile(
    r"Could not resolve host|Failed to connect|Network is unreachable|Connection timed out"
    r"|Temporary failure in name resolution|Couldn't connect to server",
    re.IGNORECASE,
)


class GitError(Exception):
    """git failed; the message says what to do."""


def _environment() -> dict[str, str]:
    keep = {
        "PATH",
        "HOME",
        "TMPDIR",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "HTTPS_PROXY",
        "https_proxy",
        "NO_PROXY",
        "no_proxy",
    }
    env = {key: value for key, value in os.environ.items() if key in keep}
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_TERMINAL_PROMPT="0",
        GIT_ASKPASS="",
        SSH_ASKPASS="",
        GIT_NO_REPLACE_OBJECTS="1",
        GIT_OPTIONAL_LOCKS="0",
        GIT_ATTR_NOSYSTEM="1",
        LC_ALL="C",
    )
    return env


def _command(
    repository: Path | None, args: Sequence[str], extra_config: Sequence[str] = ()
) -> list[str]:
    command = ["git"]
    for option in (*_SAFE_CONFIG, *extra_config):
        command += ["-c", option]
    if repository is not None:
        command += ["-C", str(repository)]
    return [*command, *args]


def _run(
    repository: Path | None,
    *args: str,
    timeout: int = GIT_TIMEOUT,
    extra_config: Sequence[str] = (),
) -> bytes:
    try:
        result = subprocess.run(
            _command(repository, args, extra_config),
            capture_output=True,
            env=_environment(),
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed: install git and try again.") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than {timeout} s.") from None
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {detail[-1] if detail else 'no detail'}")
    return result.stdout


def _stream(repository: Path, *args: str, separator: bytes = b"\0") -> Iterator[bytes]:
    """Records of a long git output, read as they come so that memory stays flat."""
    # stderr goes to a file: read only at the end, a pipe could fill and stall git.
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            _command(repository, args),
            stdout=subprocess.PIPE,
            stderr=errors,
            env=_environment(),
        )
        assert process.stdout is not None
        pending = b""
        while chunk := process.stdout.read(1 << 16):
            pending += chunk
            *records, pending = pending.split(separator)
            yield from records
        if pending:
            yield pending
        if process.wait() != 0:
            errors.seek(0)
            detail = errors.read().decode("utf-8", "replace").strip()
            raise GitError(f"git {args[0]} failed: {detail}")


# Opening targets -------------------------------------------------------------------------


def open_local(path: Path) -> Path:
    """A local repository, work tree or bare; refuses a folder that is only inside one."""
    if not path.is_dir():
        raise TargetError(f"{path} is not a folder: give a git repository or an https:// URL.")
    resolved = path.resolve()
    env = _environment()
    env["GIT_CEILING_DIRECTORIES"] = str(resolved.parent)
    result = subprocess.run(
        _command(resolved, ["rev-parse", "--absolute-git-dir"]),
        capture_output=True,
        env=env,
        check=False,
        timeout=60,
    )
    if result.returncode != 0:
        raise TargetError(f"{path} is not a git repository: give a clone's folder or a URL.")
    git_dir = Path(result.stdout.decode().strip())
    if git_dir not in (resolved, resolved / ".git"):
        raise TargetError(f"{path} is not the top of a git repository.")
    return resolved


def cache_folder(url: str, cache_dir: Path) -> Path:
    parsed = parse_url(url)
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{parsed.host}{parsed.path}").strip("-.")[:80]
    digest = hashlib.sha256(parsed.normalised.encode()).hexdigest()[:12]
    return cache_dir / f"{name}-{digest}.git"


def open_url(
    url: str,
    cache_dir: Path,
    *,
    progress: Progress | None = None,
    timeout: int = DEFAULT_CLONE_TIMEOUT,
    max_bytes: int = DEFAULT_CLONE_MAX_BYTES,
    address: str | None = None,
) -> Path:
    """A blobless bare clone of the URL in the cache, fetched again if already there.

    With ``address``, git connects to that address for the URL's host and never resolves
    the name itself (the caller resolved and checked it): the pin is kept in the clone's
    own configuration, so the blobs fetched later on demand go to the same address.
    """
    parsed = parse_url(url)
    folder = cache_folder(url, cache_dir)
    pin = _resolve_pin(parsed.host, parsed.port, address)
    if (folder / "HEAD").exists():
        if progress:
            progress(f"Fetching {parsed.normalised}")
        if pin:
            _run(folder, "config", "--replace-all", "http.curloptResolve", pin)
        else:
            with contextlib.suppress(GitError):  # no pin stored: nothing to remove
                _run(folder, "config", "--unset-all", "http.curloptResolve")
        args = [
            "fetch",
            "--prune",
            "--force",
            "--filter=blob:none",
            "origin",
            "+refs/heads/*:refs/heads/*",
            "+refs/tags/*:refs/tags/*",
        ]
        _watched(folder, args, timeout, max_bytes, folder=folder)
        return folder
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    if progress:
        progress(f"Cloning {parsed.normalised}")
    args = ["clone", "--bare", "--filter=blob:none", "--no-recurse-submodules"]
    if pin:  # applies to the clone itself and is stored in the new repository
        args += ["--config", f"http.curloptResolve={pin}"]
    args += ["--progress"] if progress and sys.stderr.isatty() else ["--quiet"]
    try:
        _watched(
            None, [*args, "--", parsed.normalised, str(partial)], timeout, max_bytes, folder=partial
        )
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    partial.rename(folder)
    return folder


def _resolve_pin(host: str, port: int, address: str | None) -> str | None:
    """curl's ``HOST:PORT:ADDRESS`` entry (git's http.curloptResolve), or None."""
    if address is None or ":" in host:  # nothing to pin, or the host is an IPv6 literal
        return None
    return f"{host}:{port}:{f'[{address}]' if ':' in address else address}"


def _folder_size(folder: Path) -> int:
    total = 0
    for root, _dirs, names in os.walk(folder):
        for name in names:
            with contextlib.suppress(OSError):  # a file git removed meanwhile
                total += os.lstat(os.path.join(root, name)).st_size
    return total


def _watched(
    repository: Path | None, args: list[str], timeout: int, max_bytes: int, *, folder: Path
) -> None:
    """Run a clone or fetch, stopping it cleanly when it passes its time or size limit."""
    show = sys.stderr.isatty() and "--progress" in args
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            _command(repository, args),
            stdout=subprocess.DEVNULL,
            stderr=None if show else errors,
            env=_environment(),
        )
        started = time.monotonic()
        while process.poll() is None:
            time.sleep(0.2)
            if time.monotonic() - started > timeout:
                process.kill()
                process.wait()
                raise TargetError(
                    f"the repository took longer than {timeout} s to download.", code="timeout"
                )
            if folder.exists() and _folder_size(folder) > max_bytes:
                process.kill()
                process.wait()
                raise TargetError(
                    f"the repository is larger than the limit of {max_bytes // 1024**2} MB.",
                    code="too_large",
                )
        if process.returncode != 0:
            errors.seek(0)
            lines = [
                line
                for line in errors.read().decode("utf-8", "replace").splitlines()
                if line.strip()
            ]
            detail = lines[-1] if lines else "no detail"
            raise TargetError(
                f"git could not download it ({detail}); check the URL.",
                code="unreachable" if UNREACHABLE.search(detail) else "download_failed",
            )


# Reading the snapshot ----------------------------------------------------------------------


@dataclass(frozen=True)
class _TreeBlob:
    entry: TreeEntry
    oid: str


def _head(repository: Path) -> str | None:
    try:
        return (
            _run(repository, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").decode().strip()
        )
    except GitError:
        return None


def _commits(repository: Path) -> tuple[Commit, ...]:
    records = _stream(
        repository,
        "log",
        "-z",
        "--no-decorate",
        "--no-color",
        "--format=%H%x1f%P%x1f%an%x1f%ae%x1f%ct",
        "HEAD",
    )
    commits = []
    for record in records:
        sha, parents, name, email, stamp = record.decode("utf-8", "replace").split("\x1f")
        parent_count = parents.count(" ") + 1 if parents else 0
        commits.append(Commit(sha, parent_count, name, email, int(stamp)))
    return tuple(commits)


def _tags(repository: Path) -> tuple[Tag, ...]:
    fields = (
        "%(refname:strip=2)",
        "%(objecttype)",
        "%(objectname)",
        "%(*objecttype)",
        "%(*objectname)",
        "%(taggerdate:unix)",
        "%(committerdate:unix)",
        "%(*committerdate:unix)",
        "%(if)%(contents:signature)%(then)signed%(end)",
    )
    output = _run(repository, "for-each-ref", "--format=" + "%1f".join(fields), "refs/tags")
    tags = []
    for line in output.decode("utf-8", "replace").splitlines():
        name, kind, oid, peeled_kind, peeled, tagger, committer, peeled_committer, signed = (
            line.split("\x1f")
        )
        if kind == "commit":
            tags.append(Tag(name, oid, int(committer) if committer else None, False, False))
        elif kind == "tag" and peeled_kind == "commit":
            date = tagger or peeled_committer
            tags.append(Tag(name, peeled, int(date) if date else None, True, signed == "signed"))
    return tuple(sorted(tags, key=lambda tag: tag.name))


def is_partial_clone(repository: Path) -> bool:
    """Whether objects may be missing locally (a promisor remote, as a blobless clone has)."""
    for args in (("--get", "extensions.partialclone"), ("--get-regexp", r"^remote\..*\.promisor$")):
        try:
            if _run(repository, "config", *args).strip():
                return True
        except GitError:
            continue
    return False


def _tree(repository: Path, with_sizes: bool) -> list[_TreeBlob]:
    args = ["ls-tree", "-r", "-z", "--full-tree", *(["-l"] if with_sizes else []), "HEAD"]
    blobs = []
    for record in _stream(repository, *args):
        meta, _, raw_path = record.partition(b"\t")
        parts = meta.split()
        if len(parts) < 3 or parts[1] != b"blob":
            continue  # submodules (commit) are not files of this repository
        # ls-tree prints "BAD" for a blob missing from the object store: size unknown.
        size = int(parts[3]) if with_sizes and len(parts) > 3 and parts[3].isdigit() else None
        path = raw_path.decode("utf-8", "surrogateescape")
        entry = TreeEntry(path=path, mode=parts[0].decode(), size=size)
        blobs.append(_TreeBlob(entry, parts[2].decode()))
    blobs.sort(key=lambda blob: blob.entry.path)
    return blobs


def _contents(repository: Path, wanted: list[_TreeBlob]) -> dict[str, FileContent]:
    """Read the few files that checks need, in one cat-file call, each capped in size."""
    if not wanted:
        return {}
    process = subprocess.Popen(
        _command(repository, ["cat-file", "--batch"]),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=_environment(),
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("".join(f"{blob.oid}\n" for blob in wanted).encode())
    process.stdin.close()
    contents: dict[str, FileContent] = {}
    for blob in wanted:
        header = process.stdout.readline().split()
        if len(header) < 3 or header[1] != b"blob":
            continue  # missing object
        size = int(header[2])
        data = process.stdout.read(min(size, MAX_FILE_BYTES))
        remaining = size - len(data)
        while remaining > 0:
            remaining -= len(process.stdout.read(min(remaining, 1 << 16)))
        process.stdout.read(1)  # the newline after each object
        contents[blob.entry.path] = FileContent(blob.entry.path, data, size > MAX_FILE_BYTES)
    process.wait()
    return contents


def read_snapshot(
    repository: Path, *, target: str, as_of: datetime, progress: Progress | None = None
) -> Snapshot:
    """One pass over the repository: commits, tags, HEAD's tree and the files checks read."""
    head = _head(repository)
    if head is None:
        return Snapshot(target=target, head=None, as_of=as_of, commits=(), tags=(), tree=())
    if progress:
        progress("Reading history")
    commits = _commits(repository)
    tags = _tags(repository)
    with_sizes = not is_partial_clone(repository)
    blobs = _tree(repository, with_sizes)
    wanted = set(files_to_read([blob.entry for blob in blobs]))
    if progress:
        progress(f"Read {len(commits):,} commits, {len(blobs):,} files; reading {len(wanted)}")
    contents = _contents(
        repository,
        [blob for blob in blobs if blob.entry.path in wanted and not blob.entry.is_symlink],
    )
    return Snapshot(
        target=target,
        head=head,
        as_of=as_of,
        commits=commits,
        tags=tags,
        tree=tuple(blob.entry for blob in blobs),
        files=contents,
        sizes_known=with_sizes,
    )


def history_as_of(repository: Path, moment: datetime, folder: Path) -> Path:
    """A shared bare clone in `folder` whose HEAD is the repository's last commit at `moment`.

    Evaluating it shows the project as it stood then (used to build past evaluations).
    """
    stamp = str(int(moment.timestamp()))
    sha = _run(repository, "rev-list", "-1", f"--before={stamp}", "HEAD").decode().strip()
    if not sha:
        raise GitError(f"the repository has no commit before {moment:%Y-%m-%d}.")
    # A local clone of a repository this machine already holds: the file transport is safe here.
    _run(
        None,
        "clone",
        "--quiet",
        "--bare",
        "--shared",
        "--no-tags",
        str(repository),
        str(folder),
        extra_config=["protocol.file.allow=always"],
    )
    _run(folder, "update-ref", "--no-deref", "HEAD", sha)
    return folder
