"""The immutable picture of a repository that every check reads.

Built in one pass by ``communs.evaluation.git`` (the only module that runs git). Checks
never run git, never touch the network and never read the clock: ``as_of`` is here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

if TYPE_CHECKING:
    from communs.evaluation.dependencies.osv import AdvisoryExtract

# Files checks read are read up to this size; the facts list those that were longer.
MAX_FILE_BYTES = 256 * 1024
# Lockfiles are read whole up to this size (a known vulnerabilities check needs every pin).
LOCKFILE_MAX_BYTES = 16 * 1024 * 1024
# Commit dates git cannot express or Python cannot show (after 9999-12-31) are anomalies.
LATEST_DATE = 253_402_300_799


class Commit(NamedTuple):
    """One commit (a named tuple: hundreds of thousands are built per evaluation)."""

    sha: str
    parent_count: int
    author_name: str  # as recorded in the commit
    author_email: str
    committed_at: int | None  # committer date (seconds, UTC); None when unparseable or absurd
    identity_name: str = ""  # the author's name after the evaluated commit's .mailmap (git's)
    identity: str = ""  # the author's email after that .mailmap, lowercased

    @property
    def is_merge(self) -> bool:
        return self.parent_count > 1


class AuthorSummary(NamedTuple):
    """An author's commits of the earlier history, summed (same first fields as Commit)."""

    author_name: str
    author_email: str
    identity_name: str
    identity: str
    commits: int
    undated: int  # commits whose date is unparseable or absurd
    first: int | None  # the oldest and newest readable dates
    last: int | None


@dataclass(frozen=True)
class EarlierHistory:
    """Commits summed per author instead of listed: those dated at or before ``until`` (and
    those with no readable date) of a history cached for incremental re-evaluation.

    ``until`` is always at least two years before ``as_of``: no figure counts such commits
    in a period, so their sums give the same facts as the commits themselves. An author may
    have several sums (of different stretches of history): they add up.
    """

    until: int | None = None
    commits: int = 0
    authors: tuple[AuthorSummary, ...] = ()


@dataclass(frozen=True, slots=True)
class Changeset:
    """A commit of the main line (first parents), with what tells whether it was reviewed."""

    sha: str
    parent_count: int
    author_email: str
    committer_email: str
    committed_at: int | None
    subject: str
    review_trailers: tuple[str, ...]  # values of Reviewed-by, Approved-by, Reviewed-on …


@dataclass(frozen=True, slots=True)
class SecurityFix:
    """A commit whose message names a CVE or a security advisory (GHSA)."""

    sha: str
    committed_at: int | None
    references: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Tag:
    name: str
    target: str  # the commit the tag points to, after peeling
    dated_at: int | None  # tagger date, or the commit's date for a lightweight tag
    annotated: bool
    signed: bool


@dataclass(frozen=True, slots=True)
class TreeEntry:
    path: str
    mode: str  # 100644, 100755, 120000 (symlink) …
    size: int | None  # None when the blob is not local (partial clone)

    @property
    def is_symlink(self) -> bool:
        return self.mode == "120000"

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name


@dataclass(frozen=True, slots=True)
class FileContent:
    """The first bytes of a file at HEAD; ``truncated`` when it was longer than the cap."""

    path: str
    data: bytes
    truncated: bool

    def text(self) -> str:
        return self.data.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Snapshot:
    target: str
    head: str | None  # None for an empty repository
    as_of: datetime
    commits: tuple[Commit, ...]  # newest first; without those summed in ``earlier``
    tags: tuple[Tag, ...]
    tree: tuple[TreeEntry, ...]
    files: Mapping[str, FileContent] = field(default_factory=dict)
    sizes_known: bool = True
    tags_not_on_commits: int = 0  # tags whose chain ends at a tree, a blob or nothing
    changesets: tuple[Changeset, ...] = ()  # the last main-line commits, newest first
    security_fixes: tuple[SecurityFix, ...] = ()  # newest first
    earlier: EarlierHistory = EarlierHistory()  # older commits, summed (incremental reads)
    # What an OSV database given to the engine says of the locked packages; None: no database.
    advisories: AdvisoryExtract | None = None

    @property
    def commits_total(self) -> int:
        return len(self.commits) + self.earlier.commits

    @cached_property
    def _paths(self) -> tuple[str, ...]:
        return tuple(entry.path for entry in self.tree)

    def paths(self) -> tuple[str, ...]:
        return self._paths

    def read(self, path: str) -> FileContent | None:
        return self.files.get(path)


class NotKnownYet(RuntimeError):
    """Work done while git reads the history read what is not known yet: a check declared
    ``tree_only`` that is not (a bug in the engine, never in the repository)."""


class TreeOnly:
    """Mixin of a snapshot or facts known before git has read the history: reading anything
    but the ``READABLE`` attributes raises NotKnownYet instead of giving a value that is not
    the repository's (an empty history)."""

    READABLE: ClassVar[frozenset[str]] = frozenset()

    def __getattribute__(self, name: str) -> Any:
        if name in type(self).READABLE or name.startswith("__"):
            return object.__getattribute__(self, name)
        raise NotKnownYet(f"{type(self).__name__}.{name} is read before it is known")


class TreeSnapshot(TreeOnly, Snapshot):
    """The snapshot as far as git has read it when the tree and files are in: the checks
    declared ``tree_only`` run on it while git reads the history."""

    READABLE = frozenset(
        {"target", "head", "as_of", "tree", "files", "sizes_known", "paths", "_paths", "read"}
        | {"with_advisories"}
    )

    def with_advisories(self, advisories: AdvisoryExtract | None) -> TreeSnapshot:
        """The same, knowing what an OSV database says of its locked packages (None: the
        evaluation was given no database)."""
        return _AdvisedTreeSnapshot(
            target=self.target,
            head=self.head,
            as_of=self.as_of,
            commits=(),
            tags=(),
            tree=self.tree,
            files=self.files,
            sizes_known=self.sizes_known,
            advisories=advisories,
        )


class _AdvisedTreeSnapshot(TreeSnapshot):
    READABLE = TreeSnapshot.READABLE | {"advisories"}
