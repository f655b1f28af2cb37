"""The only module that runs git: it opens or clones a repository and reads one snapshot.

Safety: the engine reads and never runs anything from the repository. Repositories are
cloned bare (no checkout, so no hooks, filters, LFS or submodules run), git is started with
a clean configuration (no system or global config, no replace objects, no pager, no
signature verification), and only https:// URLs are cloned.

A local repository's own configuration cannot make the engine reach elsewhere: every
transport is forbidden while reading (so a promisor remote cannot fetch missing objects),
the work tree is ignored (``core.bare``), the mailmap comes only from the evaluated commit,
and a repository that borrows objects from another one (alternates) is refused.

Every git process runs in its own process group, under the evaluation's deadline; at the
deadline the whole group is ended, so no git process outlives the engine.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import operator
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Generic, TypeVar

from communs.evaluation.targets import TargetError, parse_url

# Imported by the functions that use them, not here: ``communs evaluate`` imports this
# module to open the repository and find the evaluated commit, and the snapshot's types,
# the path rules, the history cache and the thread pool take longer to import than those
# two gits take to run. They are imported once git reads (``read_snapshot``).
if TYPE_CHECKING:
    from communs.evaluation import history_cache as histories
    from communs.evaluation.snapshot import (
        Changeset,
        Commit,
        EarlierHistory,
        FileContent,
        SecurityFix,
        Snapshot,
        Tag,
        TreeEntry,
        TreeSnapshot,
    )

DEFAULT_CLONE_TIMEOUT = 900  # seconds
DEFAULT_CLONE_MAX_BYTES = 2 * 1024**3
DEFAULT_TIMEOUT = 600  # seconds for all the git reads of one evaluation
MAX_TAG_DEPTH = 16  # tags of tags of …: deeper chains are counted as not pointing to a commit

Progress = Callable[[str], None]

# Options that make git ignore whatever the repository or the machine configures to run.
_SAFE_CONFIG = (
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "core.pager=cat",
    "core.quotePath=false",
    "core.askPass=",
    "log.showSignature=false",
    "gpg.program=false",
    "credential.helper=",
    "submodule.recurse=false",
    "http.followRedirects=false",
    "mailmap.file=/dev/null",
)
# Every transport git knows, named one by one: a general "never" is overridden by a
# repository's own protocol.<name>.allow.
_TRANSPORTS = ("file", "git", "ssh", "http", "https", "ftp", "ftps", "ext", "fd")
_OFFLINE_CONFIG = (
    "protocol.allow=never",
    *(f"protocol.{name}.allow=never" for name in _TRANSPORTS),
)
# Downloading a URL, or fetching a blobless clone's missing files from it: https only.
_HTTPS_CONFIG = (
    "protocol.allow=never",
    *(f"protocol.{name}.allow=never" for name in _TRANSPORTS if name != "https"),
    "protocol.https.allow=always",
)


# What git says when the network, not the repository, is the problem.
UNREACHABLE = re.compile(
    r"Could not resolve host|Failed to connect|Network is unreachable|Connection timed out"
    r"|Temporary failure in name resolution|Couldn't connect to server",
    re.IGNORECASE,
)


class GitError(Exception):
    """git failed; the message says what to do."""


def _environment(*, lazy_fetch: bool = False) -> dict[str, str]:
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
        # Into a pipe, git flushes its output after every commit (GIT_FLUSH unset): one
        # write per commit, 99,429 for rails, which doubled git log's time. The engine reads
        # every output to its end, so full buffers change nothing but the time (cat-file
        # --batch answers each object at once whatever this says).
        GIT_FLUSH="0",
    )
    if not lazy_fetch:
        env["GIT_NO_LAZY_FETCH"] = "1"  # a promisor remote is never asked for missing objects
    return env


class Deadline:
    """The moment by which all of an evaluation's git work must be over."""

    def __init__(self, seconds: float = DEFAULT_TIMEOUT) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def remaining(self) -> float:
        left = self.ends - time.monotonic()
        if left <= 0:
            raise self.error()
        return left

    def error(self) -> GitError:
        return GitError(
            f"reading the repository took longer than the time limit of {self.seconds:g} s: "
            "the evaluation was stopped (a slow disk, a huge history or a repository that "
            "waits for something); raise the limit if the repository is just large."
        )


def _spawn(
    command: list[str], *, lazy_fetch: bool = False, **kwargs: object
) -> subprocess.Popen[bytes]:
    """git in a process group of its own, so that ending it ends its children too."""
    try:
        return subprocess.Popen(  # type: ignore[call-overload,no-any-return]
            command,
            env=_environment(lazy_fetch=lazy_fetch),
            start_new_session=True,
            **kwargs,
        )
    except FileNotFoundError:
        raise GitError("git is not installed: install git and try again.") from None


def _end(process: subprocess.Popen[bytes]) -> None:
    """End the process's whole group (git starts helpers of its own) and reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(Exception):
        process.kill()
    process.wait()


class Repository:
    """An opened repository: its git folder and how git must be run on it.

    A plain class, not a dataclass: importing dataclasses would hold up the first git."""

    def __init__(
        self,
        git_dir: Path,
        deadline: Deadline | None = None,
        network: bool = False,  # a blobless clone of a URL may fetch its missing files
        allow_other_owner: bool = False,
    ) -> None:
        self.git_dir = git_dir
        self.deadline = deadline or Deadline()
        self.network = network
        self.allow_other_owner = allow_other_owner

    def command(self, args: Sequence[str], extra_config: Sequence[str] = ()) -> list[str]:
        config = [
            *_SAFE_CONFIG,
            "core.bare=true",
            *(_HTTPS_CONFIG if self.network else _OFFLINE_CONFIG),
            *(["safe.directory=*"] if self.allow_other_owner else []),
            *extra_config,
        ]
        command = ["git"]
        for option in config:
            command += ["-c", option]
        return [*command, f"--git-dir={self.git_dir}", *args]

    def run(self, *args: str, extra_config: Sequence[str] = ()) -> bytes:
        with self.started(*args, extra_config=extra_config) as output:
            return output()

    @contextlib.contextmanager
    def started(
        self, *args: str, extra_config: Sequence[str] = ()
    ) -> Iterator[Callable[[], bytes]]:
        """git started at once, and a function that waits for it and gives its output (as
        ``run`` does): the caller works meanwhile. Leaving the block ends git if it still runs."""
        process = _spawn(
            self.command(args, extra_config),
            lazy_fetch=self.network,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

        def output() -> bytes:
            try:
                out, err = process.communicate(timeout=self.deadline.remaining())
            except subprocess.TimeoutExpired:
                _end(process)
                raise self.deadline.error() from None
            if process.returncode != 0:
                detail = err.decode("utf-8", "replace").strip().splitlines()
                raise GitError(f"git {args[0]} failed: {detail[-1] if detail else 'no detail'}")
            return out

        try:
            yield output
        finally:
            if process.returncode is None:
                _end(process)
            for pipe in (process.stdout, process.stderr):
                if pipe is not None:
                    with contextlib.suppress(OSError):
                        pipe.close()

    @contextlib.contextmanager
    def opened(
        self, *args: str, separator: bytes = b"\0", extra_config: Sequence[str] = ()
    ) -> Iterator[Iterator[bytes]]:
        """git started at once, and its output in large blocks of whole records (records end
        at ``separator``, which a block leaves out at its end), to read within the block: the
        caller works on a block at once, in C loops, while git writes up to a block ahead, and
        memory stays flat. A failure of git is raised when the output has been read."""
        import tempfile

        # stderr goes to a file: read only at the end, a pipe could fill and stall git.
        with (
            tempfile.TemporaryFile() as errors,
            self._watch(
                self.command(args, extra_config), stdout=subprocess.PIPE, stderr=errors
            ) as process,
        ):
            assert process.stdout is not None
            _widen(process.stdout)
            yield _read_blocks(process, errors, separator, args[0])

    @contextlib.contextmanager
    def _watch(self, command: list[str], **kwargs: object) -> Iterator[subprocess.Popen[bytes]]:
        """A process ended with its group at the deadline, or when the reader stops early."""
        remaining = self.deadline.remaining()
        process = _spawn(command, lazy_fetch=self.network, **kwargs)
        expired = threading.Event()

        def stop() -> None:
            expired.set()
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(remaining, stop)
        timer.daemon = True
        timer.start()
        try:
            yield process
        except GitError:
            if expired.is_set():
                raise self.deadline.error() from None
            raise
        finally:
            timer.cancel()
            if process.poll() is None:
                _end(process)
            for pipe in (process.stdin, process.stdout):
                if pipe is not None:
                    with contextlib.suppress(OSError):
                        pipe.close()
        if expired.is_set():
            raise self.deadline.error()

    def objects(
        self, oids: Sequence[str], cap: int, *, caps: Mapping[str, int] | None = None
    ) -> Iterator[tuple[str, str, bytes, int]]:
        """(oid, type, first `cap` bytes (or `caps[oid]`), size) of each object found.

        One cat-file call; in a partial clone git stops at an object it cannot fetch, which
        is then skipped as missing and the rest asked again.
        """
        pending = list(oids)
        while pending:
            answered = 0
            for found in self._objects(pending, cap, caps or {}):
                answered = pending.index(found[0]) + 1
                yield found
            if answered >= len(pending) or not self._stopped_early:
                return
            pending = pending[answered + 1 :]  # pending[answered] made git stop

    _stopped_early = False

    def _objects(
        self, oids: Sequence[str], cap: int, caps: Mapping[str, int]
    ) -> Iterator[tuple[str, str, bytes, int]]:
        self._stopped_early = False
        with self._watch(
            self.command(["cat-file", "--batch"]),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        ) as process:
            assert process.stdin is not None and process.stdout is not None
            feeder = threading.Thread(
                target=_feed, args=(process.stdin, [f"{oid}\n".encode() for oid in oids])
            )
            feeder.daemon = True
            feeder.start()
            for oid in oids:
                header = process.stdout.readline().split()
                if not header:
                    self._stopped_early = True  # git stopped (deadline or a missing object)
                    break
                if len(header) < 3 or not header[2].isdigit():
                    continue  # "<oid> missing"
                size = int(header[2])
                data = process.stdout.read(min(size, caps.get(oid, cap)))
                remaining = size - len(data)
                while remaining > 0:
                    skipped = len(process.stdout.read(min(remaining, 1 << 16)))
                    if not skipped:
                        break
                    remaining -= skipped
                process.stdout.read(1)  # the newline after each object
                yield oid, header[1].decode(), data, size
            feeder.join()
            process.wait()


def _read_blocks(
    process: subprocess.Popen[bytes], errors: IO[bytes], separator: bytes, name: str
) -> Iterator[bytes]:
    assert process.stdout is not None
    # Blocks of at least _READ bytes (git writes a few kilobytes at a time): each block
    # costs the caller a fixed amount of work on top of its records.
    read = process.stdout.read
    pending = b""
    while chunk := read(_READ):
        pending += chunk
        end = pending.rfind(separator)
        if end >= 0:
            yield pending[:end]
            pending = pending[end + len(separator) :]
    if pending:
        yield pending
    if process.wait() != 0:
        errors.seek(0)
        detail = errors.read().decode("utf-8", "replace").strip()
        raise GitError(f"git {name} failed: {detail}")


def _feed(pipe: object, lines: list[bytes]) -> None:
    """Write a batch's requests from a thread: git may answer before it has read them all."""
    with contextlib.suppress(OSError, ValueError):
        for line in lines:
            pipe.write(line)  # type: ignore[attr-defined]
        pipe.close()  # type: ignore[attr-defined]


_BLOCK = 1 << 20  # bytes git may write ahead of the reader of a long output
_READ = 1 << 16  # bytes read at once from a long git output (the last read may be shorter)
_F_SETPIPE_SZ = 1031  # Linux: the size of a pipe's buffer


def _widen(pipe: object) -> None:
    """Let git write up to a block ahead of the reader (Linux; elsewhere the pipe stays)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        import fcntl

        fcntl.fcntl(pipe.fileno(), _F_SETPIPE_SZ, _BLOCK)  # type: ignore[attr-defined]


# Opening targets -------------------------------------------------------------------------


def _probe(path: Path, allow_other_owner: bool, deadline: Deadline) -> list[str]:
    env = _environment()
    env["GIT_CEILING_DIRECTORIES"] = str(path.parent)
    command = ["git"]
    for option in (*_SAFE_CONFIG, *_OFFLINE_CONFIG):
        command += ["-c", option]
    if allow_other_owner:
        command += ["-c", "safe.directory=*"]
    command += [
        "-C",
        str(path),
        "rev-parse",
        "--absolute-git-dir",
        "--git-common-dir",
        "--is-bare-repository",
        "--is-shallow-repository",
        "--show-toplevel",
    ]
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            env=env,
            check=False,
            timeout=min(60.0, deadline.remaining()),
            start_new_session=True,
        )
    except FileNotFoundError:
        raise GitError("git is not installed: install git and try again.") from None
    except subprocess.TimeoutExpired:
        raise deadline.error() from None
    errors = result.stderr.decode("utf-8", "replace")
    if "dubious ownership" in errors:
        raise TargetError(
            f"{path} belongs to another user, and git refuses to read it (its ownership "
            "check). If you trust this repository, allow it explicitly (command line: "
            "--allow-other-owner)."
        )
    if result.returncode != 0:
        # A bare repository prints no top level: rev-parse fails on --show-toplevel only.
        lines = result.stdout.decode("utf-8", "surrogateescape").splitlines()
        if len(lines) >= 4 and lines[2] == "true":
            return lines[:4]
        raise TargetError(f"{path} is not a git repository: give a clone's folder or a URL.")
    return result.stdout.decode("utf-8", "surrogateescape").splitlines()


def open_local(
    path: Path, *, allow_other_owner: bool = False, deadline: Deadline | None = None
) -> Repository:
    """A local repository (work tree, linked work tree or bare); refuses a folder inside one,
    a shallow clone (its history is incomplete) and one that borrows another's objects."""
    deadline = deadline or Deadline()
    if not path.is_dir():
        raise TargetError(f"{path} is not a folder: give a git repository or an https:// URL.")
    resolved = path.resolve()
    lines = _probe(resolved, allow_other_owner, deadline)
    git_dir = Path(lines[0])
    common = resolved / lines[1]  # relative to the folder unless absolute
    bare, shallow = lines[2] == "true", lines[3] == "true"
    top = Path(lines[4]) if len(lines) > 4 else None
    if not (git_dir == resolved or (not bare and top == resolved)):
        raise TargetError(f"{path} is not the top of a git repository.")
    if shallow:
        raise TargetError(
            f"{path} is a shallow clone: its history is incomplete and every history figure "
            "would be wrong. Fetch the whole history first (git fetch --unshallow)."
        )
    for name in ("alternates", "http-alternates"):
        borrowed = common / "objects" / "info" / name
        with contextlib.suppress(OSError):
            if borrowed.read_text(errors="replace").strip():
                raise TargetError(
                    f"{path} reads objects from another repository (objects/info/{name}), "
                    "which the engine does not follow. Make it self-contained first "
                    f"(git repack -a -d, then remove objects/info/{name})."
                )
    return Repository(git_dir=git_dir, deadline=deadline, allow_other_owner=allow_other_owner)


def cache_folder(url: str, cache_dir: Path) -> Path:
    parsed = parse_url(url)
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{parsed.host}{parsed.path}").strip("-.")[:80]
    import hashlib  # URLs only

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
    deadline: Deadline | None = None,
) -> Repository:
    """A blobless bare clone of the URL in the cache, fetched again if already there.

    With ``address``, git connects to that address for the URL's host and never resolves
    the name itself (the caller resolved and checked it): the pin is kept in the clone's
    own configuration, so the blobs fetched later on demand go to the same address.
    """
    import shutil  # cloning only

    parsed = parse_url(url)
    folder = cache_folder(url, cache_dir)
    pin = _resolve_pin(parsed.host, parsed.port, address)
    deadline = deadline or Deadline()
    cached = Repository(git_dir=folder, deadline=deadline)
    if (folder / "HEAD").exists():
        if progress:
            progress(f"Fetching {parsed.normalised}")
        if pin:
            cached.run("config", "--replace-all", "http.curloptResolve", pin)
        else:
            with contextlib.suppress(GitError):  # no pin stored: nothing to remove
                cached.run("config", "--unset-all", "http.curloptResolve")
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
        return Repository(git_dir=folder, deadline=deadline, network=True)
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
    return Repository(git_dir=folder, deadline=deadline, network=True)


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


def _download_command(repository: Path | None, args: list[str]) -> list[str]:
    command = ["git"]
    for option in (*_SAFE_CONFIG, *_HTTPS_CONFIG):
        command += ["-c", option]
    if repository is not None:
        command += [f"--git-dir={repository}"]
    return [*command, *args]


def _watched(
    repository: Path | None, args: list[str], timeout: int, max_bytes: int, *, folder: Path
) -> None:
    """Run a clone or fetch, stopping it (and every git it started) at its time or size limit."""
    import tempfile

    show = sys.stderr.isatty() and "--progress" in args
    with tempfile.TemporaryFile() as errors:
        process = _spawn(
            _download_command(repository, args),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=None if show else errors,
        )
        started = time.monotonic()
        try:
            while process.poll() is None:
                time.sleep(0.2)
                if time.monotonic() - started > timeout:
                    raise TargetError(
                        f"the repository took longer than {timeout} s to download.", code="timeout"
                    )
                if folder.exists() and _folder_size(folder) > max_bytes:
                    raise TargetError(
                        f"the repository is larger than the limit of {max_bytes // 1024**2} MB.",
                        code="too_large",
                    )
        finally:
            _end(process)
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

T = TypeVar("T")


class _Task(Generic[T]):
    """A function's call in a pool's thread; ``result`` waits for it, and raises its error."""

    def __init__(self, function: Callable[..., T], args: tuple[object, ...]) -> None:
        self._call = functools.partial(function, *args)
        self._done = threading.Event()
        self._value: T | None = None
        self._error: BaseException | None = None

    def run(self) -> None:
        try:
            self._value = self._call()
        except BaseException as error:  # raised again by result(), in the caller's thread
            self._error = error
        finally:
            self._done.set()

    def result(self) -> T:
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]


class _Pool:
    """Calls run in at most ``workers`` threads, in the order submitted; leaving the block
    waits for all of them. What reading needs of concurrent.futures' ThreadPoolExecutor,
    whose import (it imports logging) held up the start of git log by milliseconds."""

    def __init__(self, workers: int) -> None:
        self._workers = workers
        self._threads: list[threading.Thread] = []
        self._queue: queue.SimpleQueue[_Task[object] | None] = queue.SimpleQueue()

    def submit(self, function: Callable[..., T], *args: object) -> _Task[T]:
        task = _Task(function, args)
        self._queue.put(task)  # type: ignore[arg-type]
        if len(self._threads) < self._workers:
            thread = threading.Thread(target=self._work, daemon=True)
            thread.start()
            self._threads.append(thread)
        return task

    def _work(self) -> None:
        while (task := self._queue.get()) is not None:
            task.run()

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join()


class _TreeBlob:
    __slots__ = ("entry", "oid")

    def __init__(self, entry: TreeEntry, oid: str) -> None:
        self.entry = entry
        self.oid = oid


def _resolve(repository: Repository, revision: str) -> str | None:
    try:
        out = repository.run("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except GitError:
        return None
    return out.decode().strip() or None


def evaluated_commit(repository: Repository, as_of: datetime) -> str | None:
    """The last commit reachable from HEAD dated (committer date) at or before ``as_of``.

    None for an empty repository. A HEAD naming a branch that does not exist while other
    branches hold commits is refused: calling it empty would be false.
    """
    stamp = int(as_of.timestamp())
    try:  # one git when HEAD is a commit, as it nearly always is
        out = repository.run("rev-list", "-1", f"--until={stamp}", "HEAD^{commit}", "--")
    except GitError:
        out = None
    if out is not None:
        if not out.strip():
            raise TargetError(
                f"the repository has no commit dated on or before {as_of:%Y-%m-%d %H:%M:%S} UTC."
            )
        return out.decode().strip()
    head = _resolve(repository, "HEAD")
    if head is None:
        refs = repository.run("for-each-ref", "--count=5", "--format=%(refname)", "refs/heads")
        branches = refs.decode("utf-8", "replace").split()
        if branches:
            try:
                named = repository.run("symbolic-ref", "--quiet", "HEAD").decode().strip()
            except GitError:
                named = "HEAD"
            raise TargetError(
                f"HEAD points to {named}, which does not exist, while the repository has "
                f"branches ({', '.join(b.removeprefix('refs/heads/') for b in branches)}): "
                "point HEAD at the main branch (git symbolic-ref HEAD refs/heads/<branch>)."
            )
        return None
    found = repository.run("rev-list", "-1", f"--until={stamp}", head).decode().strip()
    if not found:
        raise TargetError(
            f"the repository has no commit dated on or before {as_of:%Y-%m-%d %H:%M:%S} UTC."
        )
    return found


def parse_date(raw: str) -> int | None:
    """A committer date in seconds, or None when git could not parse it or it is absurd."""
    from communs.evaluation.snapshot import LATEST_DATE

    if not raw.isdigit():
        return None
    stamp = int(raw)
    return stamp if 0 < stamp <= LATEST_DATE else None


_LOG_FIELDS = ("%H", "%P", "%an", "%ae", "%aN", "%aE", "%ct")


def _log(
    repository: Repository, sha: str, revisions: str, parents_seen: set[str] | None = None
) -> list[Commit]:
    """The commits of ``revisions`` with the evaluated commit's .mailmap applied by git,
    newest first (committer date, then id); their parents' ids go in ``parents_seen``.

    Every field ends with a NUL and every commit with a newline, neither of which git lets
    into an id, a name or an email: a block of output is read in a few C loops (decode,
    split, slices by column) rather than commit by commit.
    """
    with _log_output(repository, sha, revisions) as blocks, collector_paused():
        return _read_log(blocks, parents_seen)


def _log_output(
    repository: Repository, sha: str, revisions: str
) -> contextlib.AbstractContextManager[Iterator[bytes]]:
    """``git log`` of ``revisions`` started at once (see ``_log``), its output read later."""
    return repository.opened(
        "log",
        "--no-decorate",
        "--no-color",
        "--format=tformat:" + "%x00".join(_LOG_FIELDS),
        revisions,
        "--",
        separator=b"\n",
        extra_config=[f"mailmap.blob={sha}:.mailmap"],
    )


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while hundreds of thousands of commits are built: it
    would scan them again and again (they hold no cycles), for a third of the time. Turned
    back on after, for callers that go on (``communs evaluate`` pauses it for a whole
    evaluation the same way)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_log(blocks: Iterator[bytes], parents_seen: set[str] | None) -> list[Commit]:
    from communs.evaluation.snapshot import Commit

    commits: list[Commit] = []
    shared: dict[str, str] = {}  # one string per distinct name or email: memory stays small
    lowered: dict[str, str] = {}
    make = functools.partial(tuple.__new__, Commit)
    width = len(_LOG_FIELDS)
    undated = False
    for block in blocks:
        fields = block.decode("utf-8", "replace").replace("\n", "\0").split("\0")
        if len(fields) % width:
            raise GitError("git log gave an output the engine cannot read.")
        shas, parents = fields[0::width], fields[1::width]
        if parents_seen is not None:
            parents_seen.update(" ".join(parents).split())
        for mapped in set(fields[5::width]).difference(lowered):
            lower = mapped.lower()
            lowered[mapped] = shared.setdefault(lower, lower)
        names, emails, mapped_names = (
            list(map(shared.setdefault, column, column))
            for column in (fields[2::width], fields[3::width], fields[4::width])
        )
        dates = _dates(fields[6::width])
        undated = undated or None in dates
        commits += map(
            make,
            zip(
                shas,
                [listed.count(" ") + 1 if listed else 0 for listed in parents],
                names,
                emails,
                dates,
                mapped_names,
                map(lowered.__getitem__, fields[5::width]),
                strict=True,
            ),
        )
    if undated:
        from communs.evaluation import history_cache as histories

        commits.sort(key=histories.order, reverse=True)
    else:  # the same order, with a key computed in C
        commits.sort(key=operator.itemgetter(4, 0), reverse=True)
    return commits


def _dates(column: list[str]) -> list[int | None]:
    """``parse_date`` of each, in C loops when every date is an ordinary one."""
    from communs.evaluation.snapshot import LATEST_DATE

    joined = "".join(column)
    if joined.isascii() and joined.isdigit() and all(column):
        stamps = list(map(int, column))
        if not stamps or (min(stamps) > 0 and max(stamps) <= LATEST_DATE):
            return list[int | None](stamps)
    return list(map(parse_date, column))


def _added_since(blocks: Iterator[bytes], old: str) -> list[Commit] | None:
    """The commits of ``git log OLD..SHA`` (its output, ``blocks``), or None when ``old`` is
    not an ancestor of ``sha``.

    One git for both: ``old`` (not ``sha``) is an ancestor exactly when it is the parent of
    one of the commits of ``old..sha`` (the first one after it on any path from ``sha``).
    """
    parents: set[str] = set()
    try:
        with collector_paused():
            added = _read_log(blocks, parents)
    except GitError:  # the old commit is gone: a rewritten history
        return None
    return added if old in parents else None


def _mailmap_blob(output: Callable[[], bytes]) -> str:
    """The id of the evaluated commit's .mailmap (``git rev-parse SHA:.mailmap``), or ''."""
    try:
        return output().decode().strip()
    except GitError:
        return ""


def _mailmap_started(
    repository: Repository, sha: str
) -> contextlib.AbstractContextManager[Callable[[], bytes]]:
    return repository.started("rev-parse", "--verify", "--quiet", f"{sha}:.mailmap")


def _commits(
    repository: Repository,
    sha: str,
    history_cache: Path | None = None,
    as_of: datetime | None = None,
) -> tuple[tuple[Commit, ...], EarlierHistory]:
    """Every commit reachable from ``sha``, newest first (committer date, then id).

    With a cache folder (and ``as_of``), the history read is kept there (``history_cache``):
    when the cached commit is an ancestor of ``sha``, the .mailmap is the same and the sums
    are old enough for ``as_of``, only ``OLD..sha`` is read and the earlier history comes
    back summed per author (``EarlierHistory``). A rewritten history (force-push), a changed
    .mailmap or an ``as_of`` too far back reads everything again. Both ways give the same
    report byte for byte.
    """
    if history_cache is None or as_of is None:
        commits = tuple(_log(repository, sha, sha))
        from communs.evaluation.snapshot import EarlierHistory  # once git log has started

        return commits, EarlierHistory()
    from communs.evaluation import history_cache as histories
    from communs.evaluation.snapshot import EarlierHistory

    end = int(as_of.timestamp())
    key = str(repository.git_dir)
    tip = histories.load_tip(history_cache, key)
    if tip is not None and not histories.still_valid(tip.until, end):
        tip = None
    cached, new, mailmap = _cached(repository, sha, history_cache, key, tip)
    if cached is None:
        cached = histories.History(mailmap, sha)
        new = _log(repository, sha, sha)
    history = histories.updated(history_cache, key, cached, new, sha, end)
    earlier = EarlierHistory(
        until=history.until,
        commits=history.summed,
        authors=tuple(history.authors),
    )
    return tuple(history.base_records), earlier


def _cached(
    repository: Repository, sha: str, history_cache: Path, key: str, tip: histories.Tip | None
) -> tuple[histories.History | None, list[Commit], str]:
    """The cached history and the commits added since (None when it cannot be used), and
    the evaluated commit's .mailmap blob.

    The two gits (the .mailmap's id, ``OLD..sha``) are started first, from this thread, and
    work while the cache is read: started from other threads, they waited for this one,
    which holds Python's lock for most of the reading. Leaving ends whichever still runs.
    """
    from communs.evaluation import history_cache as histories

    with contextlib.ExitStack() as running:
        mailmap_output = running.enter_context(_mailmap_started(repository, sha))
        old = tip.commit if tip is not None and tip.commit != sha else None
        added = None
        if old is not None:
            added = running.enter_context(_log_output(repository, sha, f"{old}..{sha}"))
        cached = None
        if tip is not None:
            with collector_paused():
                cached = histories.load(history_cache, key, tip)
        mailmap = _mailmap_blob(mailmap_output)
        if cached is None or cached.mailmap != mailmap:
            return None, [], mailmap
        if added is None or old is None:
            return cached, [], mailmap
        new = _added_since(added, old)
        return (cached, new, mailmap) if new is not None else (None, [], mailmap)


CHANGESETS = 30  # as many as OpenSSF Scorecard's Code-Review check looks at
REVIEW_TRAILERS = ("Reviewed-by", "Approved-by", "Reviewed-on", "Acked-by", "Signed-off-by")
ADVISORY = re.compile(
    r"\b(CVE-\d{4}-\d{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})\b", re.IGNORECASE
)


def _changesets(repository: Repository, sha: str) -> tuple[Changeset, ...]:
    trailers = ",".join(f"key={key}" for key in REVIEW_TRAILERS[:4])
    fields = f"%H%x1f%P%x1f%ae%x1f%ce%x1f%ct%x1f%s%x1f%(trailers:{trailers},separator=%x1d)"
    out = repository.run(
        "log", "-z", "--first-parent", f"-n{CHANGESETS}", f"--format={fields}", sha, "--"
    )
    from communs.evaluation.snapshot import Changeset  # once git has answered

    found = []
    for record in out.split(b"\0"):
        if not record.strip():
            continue
        parts = record.decode("utf-8", "replace").split("\x1f")
        if len(parts) != 7:
            continue
        sha_, parents, author, committer, stamp, subject, found_trailers = parts
        found.append(
            Changeset(
                sha_,
                len(parents.split()),
                author.lower(),
                committer.lower(),
                parse_date(stamp),
                subject[:300],
                tuple(t.strip() for t in found_trailers.split("\x1d") if t.strip())[:10],
            )
        )
    return tuple(found)


SECURITY_FIX_YEARS = 3  # how far back security fixes are looked for


# git's own selection of security fixes (the --grep of ``git log -i -E``, ASCII letter case as
# in git's C locale): git is asked for the fixed strings these need, which it finds several
# times faster than the expressions, and the expressions are applied here to the few found.
GIT_ADVISORY = re.compile(
    rb"CVE-[0-9]{4}-[0-9]{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}", re.IGNORECASE
)


def _security_fixes(repository: Repository, sha: str, as_of: datetime) -> tuple[SecurityFix, ...]:
    """Commits of the last three years whose message names a CVE or a GitHub security
    advisory (git does the search)."""
    since = int(as_of.timestamp()) - SECURITY_FIX_YEARS * 365 * 86_400
    out = repository.run(
        "log",
        "-z",
        f"--since={since}",
        "-i",
        "-F",
        "--grep=CVE-",
        "--grep=GHSA-",
        "--format=%H%x1f%ct%x1f%B",
        sha,
        "--",
    )
    from communs.evaluation.snapshot import SecurityFix  # once git has answered

    fixes = []
    for record in out.split(b"\0"):
        raw = record.split(b"\x1f", 2)
        if len(raw) != 3 or not GIT_ADVISORY.search(raw[2]):
            continue
        parts = record.decode("utf-8", "replace").split("\x1f", 2)
        if len(parts) != 3:
            continue
        references = sorted({match.upper() for match in ADVISORY.findall(parts[2])})
        if references:
            fixes.append(SecurityFix(parts[0], parse_date(parts[1]), tuple(references[:10])))
    return tuple(fixes)


_HEADER_LINE = re.compile(rb"^(object|type|tagger|committer) (.*)$", re.MULTILINE)


def _headers(data: bytes) -> dict[bytes, bytes]:
    """The first value of each header of a tag or commit object (headers end at a blank line)."""
    head = data.split(b"\n\n", 1)[0]
    found: dict[bytes, bytes] = {}
    for key, value in _HEADER_LINE.findall(head):
        found.setdefault(key, value)
    return found


def _person_date(value: bytes | None) -> int | None:
    """The date of a 'Name <email> 1700000000 +0100' line."""
    if not value:
        return None
    parts = value.rsplit(b">", 1)[-1].split()
    return parse_date(parts[0].decode("ascii", "replace")) if parts else None


def _tags(repository: Repository) -> tuple[tuple[Tag, ...], int]:
    """Every tag whose chain of tag objects ends at a commit, peeled here to any depth (git
    before 2.44 peels one level only), and how many tags end at something else."""
    fields = (
        "%(refname:strip=2)",
        "%(objecttype)",
        "%(objectname)",
        "%(committerdate:unix)",
    )
    output = repository.run("for-each-ref", "--format=" + "%1f".join(fields), "refs/tags")
    from communs.evaluation.snapshot import Tag  # once git has answered

    tags: list[Tag] = []
    annotated: dict[str, str] = {}  # tag object → tag name
    not_on_commits = 0
    for line in output.decode("utf-8", "replace").splitlines():
        name, kind, oid, committer = line.split("\x1f")
        if kind == "commit":
            tags.append(Tag(name, oid, parse_date(committer), False, False))
        elif kind == "tag":
            annotated[oid] = name
        else:
            not_on_commits += 1
    # Outer tag object: its tagger date and signature; then follow "object" to the end.
    outer: dict[str, tuple[int | None, bool]] = {}
    chains = {oid: oid for oid in annotated}  # outer tag object → object reached so far
    for depth in range(MAX_TAG_DEPTH + 1):
        wanted = sorted(set(chains.values()))
        if not wanted:
            break
        found = {oid: (kind, data) for oid, kind, data, _ in repository.objects(wanted, 64 * 1024)}
        next_chains = {}
        for start, reached in chains.items():
            kind, data = found.get(reached, ("missing", b""))
            if kind != "tag":
                not_on_commits += 1
                continue
            headers = _headers(data)
            if depth == 0:
                outer[start] = (_person_date(headers.get(b"tagger")), b"-----BEGIN " in data)
            target, target_kind = headers.get(b"object", b"").decode(), headers.get(b"type")
            if target_kind == b"commit":
                tagger, signed = outer[start]
                tags.append(Tag(annotated[start], target, tagger, True, signed))
            elif target_kind == b"tag" and depth < MAX_TAG_DEPTH:
                next_chains[start] = target
            else:
                not_on_commits += 1
        chains = next_chains
    # An annotated tag without a tagger line takes its commit's date.
    undated = sorted({tag.target for tag in tags if tag.annotated and tag.dated_at is None})
    if undated:
        dates = {
            oid: _person_date(_headers(data).get(b"committer"))
            for oid, kind, data, _ in repository.objects(undated, 64 * 1024)
            if kind == "commit"
        }
        tags = [
            Tag(tag.name, tag.target, dates.get(tag.target), tag.annotated, tag.signed)
            if tag.annotated and tag.dated_at is None
            else tag
            for tag in tags
        ]
    return tuple(sorted(tags, key=lambda tag: tag.name)), not_on_commits


def is_partial_clone(repository: Repository | Path) -> bool:
    """Whether objects may be missing locally (a promisor remote, as a blobless clone has)."""
    if isinstance(repository, Path):
        repository = Repository(git_dir=repository)
    try:  # one git for both settings: each process costs milliseconds
        found = repository.run(
            "config", "--get-regexp", r"^(extensions\.partialclone|remote\..*\.promisor)$"
        )
    except GitError:
        return False  # neither is set
    return bool(found.strip())


def _tree(repository: Repository, sha: str, with_sizes: bool) -> list[_TreeBlob]:
    args = ["ls-tree", "-r", "-z", "--full-tree", *(["-l"] if with_sizes else []), sha]
    blobs = []
    with repository.opened(*args) as blocks:
        from communs.evaluation.snapshot import TreeEntry  # once git has started

        for record in (record for block in blocks for record in block.split(b"\0")):
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


def _contents(repository: Repository, wanted: list[_TreeBlob]) -> dict[str, FileContent]:
    """Read the few files that checks need, in one cat-file call, each capped in size."""
    from communs.evaluation.files import read_cap
    from communs.evaluation.snapshot import MAX_FILE_BYTES, FileContent

    by_oid: dict[str, list[str]] = {}
    for blob in wanted:
        by_oid.setdefault(blob.oid, []).append(blob.entry.path)
    contents: dict[str, FileContent] = {}
    caps = {oid: max(read_cap(path) for path in paths) for oid, paths in by_oid.items()}
    for oid, kind, data, size in repository.objects(list(by_oid), MAX_FILE_BYTES, caps=caps):
        if kind != "blob":
            continue
        for path in by_oid[oid]:
            cap = read_cap(path)
            contents[path] = FileContent(path, data[:cap], size > cap)
    return contents


def _files(
    repository: Repository, sha: str
) -> tuple[tuple[TreeEntry, ...], dict[str, FileContent], bool]:
    """The commit's tree, the content of the files checks read, and whether sizes are known."""
    with_sizes = not is_partial_clone(repository)
    blobs = _tree(repository, sha, with_sizes)
    from communs.evaluation.files import files_to_read  # the path rules, once git has answered

    wanted = set(files_to_read([blob.entry for blob in blobs]))
    contents = _contents(
        repository,
        [blob for blob in blobs if blob.entry.path in wanted and not blob.entry.is_symlink],
    )
    return tuple(blob.entry for blob in blobs), contents, with_sizes


def read_snapshot(
    repository: Repository | Path,
    *,
    target: str,
    as_of: datetime,
    progress: Progress | None = None,
    history_cache: Path | None = None,
    meanwhile: Callable[[TreeSnapshot], object] | None = None,
) -> Snapshot:
    """One pass over the repository as it stood at ``as_of``: the last commit at or before
    that moment, its history, its tree, the files checks read, and the tags dated by then.

    ``meanwhile`` is the caller's own work on the tree and files (``TreeSnapshot``: reading
    its history raises), run in a thread once they are read, while git reads the history;
    it is over before this returns, and its error is raised here. Not run for an empty
    repository.
    """
    if isinstance(repository, Path):
        repository = open_local(repository)
    sha = evaluated_commit(repository, as_of)
    if sha is None:
        from communs.evaluation.snapshot import Snapshot

        return Snapshot(target=target, head=None, as_of=as_of, commits=(), tags=(), tree=())
    if progress:
        progress("Reading history")
    # The tree, files and small reads run beside the history, each git in its own process.
    with _Pool(workers=4) as pool:
        files_read = pool.submit(_files, repository, sha)
        tags_read = pool.submit(_tags, repository)
        changesets = pool.submit(_changesets, repository, sha)
        security_fixes = pool.submit(_security_fixes, repository, sha, as_of)
        if meanwhile is not None:
            # Queued behind the four reads: it starts when the first of them is over, once
            # git reads the history, rather than hold up the starting of git's processes.
            done_meanwhile = pool.submit(
                lambda: meanwhile(_tree_snapshot(target, sha, as_of, files_read.result()))
            )
        commits, earlier = _commits(repository, sha, history_cache, as_of)
        all_tags, not_on_commits = tags_read.result()
        tree, contents, with_sizes = files_read.result()
    if meanwhile is not None:
        done_meanwhile.result()
    moment = int(as_of.timestamp())
    undated = any(tag.dated_at is None for tag in all_tags)
    reachable = _reachable(repository, sha, commits, earlier) if undated else set()
    tags = tuple(
        tag
        for tag in all_tags
        if (tag.dated_at <= moment if tag.dated_at is not None else tag.target in reachable)
    )
    if progress:
        progress(f"Read {len(commits):,} commits, {len(tree):,} files")
    from communs.evaluation.snapshot import Snapshot

    return Snapshot(
        target=target,
        head=sha,
        as_of=as_of,
        commits=commits,
        tags=tags,
        tree=tree,
        files=contents,
        sizes_known=with_sizes,
        tags_not_on_commits=not_on_commits,
        changesets=changesets.result(),
        security_fixes=security_fixes.result(),
        earlier=earlier,
    )


def _tree_snapshot(
    target: str,
    sha: str,
    as_of: datetime,
    files: tuple[tuple[TreeEntry, ...], dict[str, FileContent], bool],
) -> TreeSnapshot:
    """The snapshot as far as ``_files`` read it, for the caller's work while git log runs."""
    from communs.evaluation.snapshot import TreeSnapshot

    tree, contents, with_sizes = files
    return TreeSnapshot(
        target=target,
        head=sha,
        as_of=as_of,
        commits=(),
        tags=(),
        tree=tree,
        files=contents,
        sizes_known=with_sizes,
    )


def _reachable(
    repository: Repository, sha: str, commits: tuple[Commit, ...], earlier: EarlierHistory
) -> set[str]:
    """The ids of every commit of the history (asked of git when part of it is summed)."""
    if not earlier.commits:
        return {commit.sha for commit in commits}
    return set(repository.run("rev-list", sha, "--").decode().split())
