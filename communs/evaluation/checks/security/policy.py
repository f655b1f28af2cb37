"""Security policy.

What it measures: whether the repository has a security policy (SECURITY.md at its root,
in ``.github/`` or in ``docs/``) that gives a contact (an email address or a web address)
and describes how vulnerabilities are disclosed, in the spirit of OpenSSF Scorecard's
Security-Policy check.

Why it matters: when a flaw is found, whoever finds it must know where to report it
privately, and users must know how fixes will be announced. A local government running
the software depends on that process.

How to improve: add a SECURITY.md with a private contact, what to include in a report,
how long the team takes to answer and fix, and how advisories are published.

Scoring: 4 for the file, 3 for a contact, 3 for a disclosure process.
"""

from __future__ import annotations

import re

from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|https?://\S+", re.IGNORECASE)
DISCLOSURE = re.compile(
    r"\b(?:disclos\w*|vulnerabilit\w*|advisor\w*|embargo\w*|CVE|coordinated|responsibl\w*"
    r"|private(?:ly)?|within \d+ (?:days|hours|business days)|acknowledg\w*|report\w*)\b",
    re.IGNORECASE,
)


NONE = Message(
    "security.policy.none",
    "There is no security policy (SECURITY.md).",
    remediation=Remediation(
        "Add a SECURITY.md with a private contact, what to include in a report, how long the "
        "team takes to answer and fix, and how advisories are published.",
        Effort.LOW,
    ),
)
COMPLETE = Message("security.policy.complete", "{file} gives a contact and a disclosure process.")
NO_CONTACT_NO_PROCESS = Message(
    "security.policy.no_contact_no_process",
    "{file} lacks a contact and a disclosure process.",
    remediation=Remediation(
        "Give a private contact (an email or a web address) and say how vulnerabilities are "
        "reported, fixed and disclosed.",
        Effort.LOW,
    ),
)
NO_CONTACT = Message(
    "security.policy.no_contact",
    "{file} lacks a contact.",
    remediation=Remediation(
        "Give a private contact for reports: an email or a web address.", Effort.LOW
    ),
)
NO_PROCESS = Message(
    "security.policy.no_process",
    "{file} lacks a disclosure process.",
    remediation=Remediation(
        "Say how vulnerabilities are reported, how long fixes take and how advisories are "
        "published.",
        Effort.LOW,
    ),
)
# (has a contact, has a process) -> what the check says.
SAYINGS = {
    (True, True): COMPLETE,
    (False, False): NO_CONTACT_NO_PROCESS,
    (False, True): NO_CONTACT,
    (True, False): NO_PROCESS,
}


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    files = facts.presence["security_policy"]
    if not files:
        return Finding.failed(NONE())
    path = files[0]
    content = snapshot.read(path)
    text = content.text() if content else ""
    contacts = sorted(set(CONTACT.findall(text)))[:5]
    words = sorted({word.lower() for word in DISCLOSURE.findall(text)})
    has_process = len(words) >= 2 and len(text.strip().splitlines()) >= 2
    score = 4 + (3 if contacts else 0) + (3 if has_process else 0)
    evidence = {"file": path, "contacts": contacts, "disclosure_terms": words}
    said = SAYINGS[bool(contacts), has_process](file=path)
    if said.message is COMPLETE:
        return Finding.passed(said, evidence=evidence)
    return Finding.partial(said, score=score, evidence=evidence)


CHECK = Check(
    id="security.policy",
    criterion=Criterion.SECURITY,
    title="Security policy",
    weight=2,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NONE, COMPLETE, NO_CONTACT_NO_PROCESS, NO_CONTACT, NO_PROCESS),
    evidence={"file": "File", "contacts": "Contacts", "disclosure_terms": "Disclosure terms"},
)
