"""Identity standards.

What it measures: whether the software's dependency manifests declare libraries for the
identity standards that local governments use for single sign-on: OpenID Connect, SAML,
CAS and LDAP (and so Active Directory).

Why it matters: single sign-on lets agents use one account for every tool, lets the IT
department remove access in one place when someone leaves, and lets residents log in with
FranceConnect or a regional portal.

How to improve: support OpenID Connect and SAML through maintained libraries, and document
how to connect the software to an identity provider.

Scoring: 10 for two standards or more, 7 for one, 0 for none. Only manifests are read: a
standard implemented without a declared library is not seen.
"""

from __future__ import annotations

from communs.evaluation.checks.integration.standards import detect, library_names
from communs.evaluation.facts import Facts
from communs.evaluation.messages import Effort, Message, Remediation
from communs.evaluation.results import Check, Criterion, Finding
from communs.evaluation.snapshot import Snapshot

SIGNATURES = {
    "OpenID Connect": library_names(
        "mozilla-django-oidc",
        "django-oidc-provider",
        "oidc-provider",
        "openid-client",
        "omniauth_openid_connect",
        "omniauth-openid-connect",
        "go-oidc",
        "coreos/go-oidc",
        "passport-openidconnect",
        "keycloak-connect",
        "keycloak-js",
        "authlib",
        "pyoidc",
        "oic",
        "jumbojett/openid-connect-php",
        "spring-boot-starter-oauth2-client",
        "spring-security-oauth2-client",
        "openid_connect",
        "ueberauth_oidc",
        "oidcc",
        "social-auth-core",
        "python-keycloak",
        "next-auth",
        "@auth/core",
    ),
    "SAML": library_names(
        "python3-saml",
        "pysaml2",
        "djangosaml2",
        "ruby-saml",
        "omniauth-saml",
        "passport-saml",
        "@node-saml/node-saml",
        "onelogin/php-saml",
        "simplesamlphp",
        "spring-security-saml2-service-provider",
        "opensaml",
        "samly",
        "crewjam/saml",
        "xmlsec",
    ),
    "CAS": library_names(
        "django-cas-ng",
        "python-cas",
        "apereo/phpcas",
        "jasig/phpcas",
        "phpcas",
        "omniauth-cas",
        "rubycas-client",
        "cas-client-core",
        "connect-cas",
        "node-cas",
    ),
    "LDAP": library_names(
        "python-ldap",
        "ldap3",
        "django-auth-ldap",
        "ldapjs",
        "net-ldap",
        "omniauth-ldap",
        "devise_ldap_authenticatable",
        "go-ldap",
        "go-ldap/ldap",
        "symfony/ldap",
        "directorytree/ldaprecord",
        "adldap2/adldap2",
        "spring-ldap-core",
        "spring-security-ldap",
        "exldap",
        "passport-ldapauth",
        "ext-ldap",
    ),
}


SINGLE_SIGN_ON = Remediation(
    "Support OpenID Connect and SAML through maintained libraries, and document how to connect "
    "the software to an identity provider.",
    Effort.HIGH,
)
NO_MANIFEST = Message(
    "integration.identity_standards.no_manifest", "No dependency manifest to read."
)
NONE = Message(
    "integration.identity_standards.none",
    "No OpenID Connect, SAML, CAS or LDAP library in the dependency manifests.",
    remediation=SINGLE_SIGN_ON,
)
SUPPORTS = Message(
    "integration.identity_standards.supports",
    "Supports {standards:list}.",
    remediation=SINGLE_SIGN_ON,
)


def run(snapshot: Snapshot, facts: Facts) -> Finding:
    manifests = facts.presence["manifests"]
    found = detect(snapshot, manifests, SIGNATURES)
    if not manifests:
        return Finding.inconclusive(NO_MANIFEST())
    if not found:
        return Finding.failed(NONE(), manifests=manifests[:10])
    score = 10 if len(found) >= 2 else 7
    return Finding.graded(SUPPORTS(standards=list(found)), score=score, standards=found)


CHECK = Check(
    id="integration.identity_standards",
    criterion=Criterion.INTEGRATION,
    title="Identity standards",
    weight=3,
    run=run,
    tree_only=True,
    documentation=__doc__ or "",
    messages=(NO_MANIFEST, NONE, SUPPORTS),
    evidence={"manifests": "Manifests", "standards": "Standards"},
)
