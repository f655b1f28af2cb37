"""Who made a commit: author emails after ``.mailmap``, lowercased; bots; organisations.

Git's own mailmap support reads the work tree's file, which may differ from HEAD's, so the
mailmap at HEAD is parsed here, following the forms documented in gitmailmap(5).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_ENTRY = re.compile(r"^\s*([^<#]*?)\s*<([^>]*)>\s*(?:([^<#]*?)\s*<([^>]*)>)?\s*(?:#.*)?$")

# Domains of free or personal mail: each identity there is its own organisation.
FREE_MAIL_DOMAINS = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.fr",
        "yahoo.co.uk",
        "ymail.com",
        "hotmail.com",
        "hotmail.fr",
        "hotmail.co.uk",
        "outlook.com",
        "outlook.fr",
        "live.com",
        "live.fr",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "protonmail.com",
        "protonmail.ch",
        "proton.me",
        "pm.me",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "gmx.fr",
        "web.de",
        "free.fr",
        "orange.fr",
        "wanadoo.fr",
        "laposte.net",
        "sfr.fr",
        "neuf.fr",
        "bbox.fr",
        "numericable.fr",
        "yandex.ru",
        "yandex.com",
        "mail.ru",
        "qq.com",
        "163.com",
        "126.com",
        "zoho.com",
        "fastmail.com",
        "fastmail.fm",
        "tutanota.com",
        "tuta.io",
        "posteo.de",
        "posteo.net",
        "mailbox.org",
        "riseup.net",
        "disroot.org",
        "hey.com",
        "btinternet.com",
    ]
)
NO_REPLY_DOMAINS = frozenset(
    [
        "users.noreply.github.com",
        "noreply.github.com",
        "github.com",
        "users.noreply.gitlab.com",
        "noreply.gitlab.com",
        "noreply.codeberg.org",
        "noreply.framagit.org",
        "localhost",
        "localhost.localdomain",
        "none",
        "example.com",
        "example.org",
    ]
)


@dataclass(frozen=True)
class Mailmap:
    by_email: dict[str, tuple[str | None, str | None]]
    by_name_and_email: dict[tuple[str, str], tuple[str | None, str | None]]

    @classmethod
    def parse(cls, text: str) -> Mailmap:
        by_email: dict[str, tuple[str | None, str | None]] = {}
        by_both: dict[tuple[str, str], tuple[str | None, str | None]] = {}
        for line in text.splitlines():
            match = _ENTRY.match(line)
            if not match:
                continue
            proper_name, first_email, commit_name, commit_email = match.groups()
            if commit_email is None:
                # "Proper Name <commit@email>": the name only
                by_email[first_email.lower()] = (proper_name or None, None)
                continue
            replacement = (proper_name or None, first_email or None)
            if commit_name:
                by_both[(commit_name.lower(), commit_email.lower())] = replacement
            else:
                by_email[commit_email.lower()] = replacement
        return cls(by_email, by_both)

    @classmethod
    def empty(cls) -> Mailmap:
        return cls({}, {})

    def canonical_email(self, name: str, email: str) -> str:
        key = email.lower()
        replacement = self.by_name_and_email.get((name.lower(), key)) or self.by_email.get(key)
        if replacement and replacement[1]:
            return replacement[1].lower()
        return key


def is_bot(name: str, email: str) -> bool:
    """Bots sign as ``something[bot]`` in their name or in their email's local part."""
    local_part = email.split("@", 1)[0]
    return name.strip().lower().endswith("[bot]") or local_part.lower().endswith("[bot]")


def organisation(identity: str) -> str:
    """The email domain, except that free-mail and no-reply addresses stand for themselves."""
    _, _, domain = identity.rpartition("@")
    domain = domain.strip().lower()
    if not domain or domain in FREE_MAIL_DOMAINS or domain in NO_REPLY_DOMAINS:
        return identity
    if domain.endswith(".local") or "." not in domain:
        return identity
    return domain


def smallest_group_for_half(counts: Iterable[int]) -> int | None:
    """The fewest contributors (largest first) whose counts add up to at least half the total.

    The CHAOSS contributor absence factor and elephant factor; None when there is nothing.
    """
    ordered = sorted((count for count in counts if count > 0), reverse=True)
    total = sum(ordered)
    if total == 0:
        return None
    running = 0
    for size, count in enumerate(ordered, start=1):
        running += count
        if 2 * running >= total:
            return size
    return len(ordered)  # unreachable: the full sum is at least half
