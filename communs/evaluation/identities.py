"""Who made a commit: bots and organisations.

Identities are author emails after the evaluated commit's ``.mailmap``, lowercased: git
itself applies the mailmap (``%aE`` with ``mailmap.blob``), so they are exactly git's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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


# Automation accounts that commit without a "[bot]" suffix (names and email local parts).
KNOWN_BOTS = frozenset(
    [
        "dependabot",
        "dependabot-preview",
        "renovate",
        "renovate-bot",
        "renovatebot",
        "greenkeeper",
        "greenkeeperio-bot",
        "snyk-bot",
        "depfu",
        "pyup-bot",
        "pre-commit-ci",
        "github-actions",
        "actions-user",
        "imgbot",
        "imgbotapp",
        "allcontributors",
        "all-contributors",
        "semantic-release-bot",
        "codecov-io",
        "mergify",
        "kodiakhq",
        "weblate",
        "hosted weblate",
        "transifex",
        "crowdin bot",
        "l10n-bot",
        "translate-bot",
        "gitlab-bot",
        "forgejo-actions",
        "gitea-actions",
    ]
)
# Addresses automation commits from (whole address or domain), not people's.
AUTOMATION_ADDRESSES = frozenset(
    [
        "noreply@github.com",
        "actions@github.com",
        "action@github.com",
        "support@dependabot.com",
        "bot@renovateapp.com",
        "hosted@weblate.org",
        "noreply@weblate.org",
        "noreply@gitlab.com",
        "gitlab-bot@gitlab.com",
        "bot@noreply.github.com",
    ]
)
_BOT_WORD = re.compile(r"(?:^|[-_])bot$|^bot[-_.]", re.IGNORECASE)


def is_bot(name: str, email: str) -> bool:
    """An automation account: a ``[bot]`` suffix, a known automation account or address, or an
    email local part that is a bot by name (``ci-bot@``, ``bot.ci@``)."""
    name = name.strip().lower()
    email = email.strip().lower()
    local_part = email.split("@", 1)[0]
    if "+" in local_part and email.endswith("users.noreply.github.com"):
        local_part = local_part.split("+", 1)[1]  # 12345+name@users.noreply.github.com
    if name.endswith("[bot]") or local_part.endswith("[bot]"):
        return True
    if name in KNOWN_BOTS or local_part in KNOWN_BOTS or email in AUTOMATION_ADDRESSES:
        return True
    return bool(_BOT_WORD.search(local_part))


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
