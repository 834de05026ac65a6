"""Checks of a production configuration, in the spirit of Django's `check --deploy`.

`deploy_problems(config)` lists what would make a deployment unsafe, each problem as
"SETTING: what is wrong. Fix: what to set"; `matcher check-deploy` prints them and exits 1 when
there is any. The README's production example passes it (tests/security/test_deploy_checks.py).
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import math
from collections import Counter
from collections.abc import Mapping
from email.utils import parseaddr
from typing import Any
from urllib.parse import urlsplit

from limits import parse_many

from config.default import DefaultConfig
from config.testing import TestingConfig
from matcher.security.dkim_keys import DkimKeyError, dkim_key

MIN_SECRET_LENGTH = 32
MIN_SECRET_BITS = 100  # estimated from the characters used (Shannon), not from the length
MAX_PROXIES = 2
MAX_RETENTION_DAYS = 730
MIN_HSTS_SECONDS = 365 * 24 * 3600
# The most a public write may be allowed (per client, or per address), per hour.
RATE_CEILINGS = {
    "SUBMIT_RATE_LIMIT": 200,
    "SUBMIT_ADDRESS_RATE_LIMIT": 50,
    "RESEND_RATE_LIMIT": 30,
    "LOGIN_RATE_LIMIT": 600,
    "INTRO_LINK_RATE_LIMIT": 3600,
    "INBOUND_RATE_LIMIT": 7200,
    "MESSAGE_RATE_LIMIT": 30,
    "MESSAGE_ACTION_RATE_LIMIT": 20,
    "COALITION_REQUEST_RATE_LIMIT": 30,
}
PUBLISHED_SECRETS = {  # values anyone can read in this repository
    TestingConfig.SECRET_KEY,
    TestingConfig.CONTACT_INDEX_KEY,
    *TestingConfig.CONTACT_ENCRYPTION_KEYS,
}
NOT_A_MAIL_DOMAIN = ("localhost", ".localhost", ".local", ".internal", ".invalid", ".test")
GENERATE = "generate one with `matcher generate-secrets` and set it in the environment"


def secret_strength_bits(value: str) -> float:
    """An estimate of a secret's entropy from how varied its characters are."""
    if not value:
        return 0.0
    counts = Counter(value)
    per_char = -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())
    return per_char * len(value)


def weak_secret(value: str | None) -> bool:
    """Too short, too regular (`aaaa…`, `abcabc…`), or published in this repository."""
    text = value or ""
    return (
        len(text) < MIN_SECRET_LENGTH
        or secret_strength_bits(text) < MIN_SECRET_BITS
        or text in PUBLISHED_SECRETS
    )


def _weak_fernet_key(key: str) -> bool:
    try:
        raw = base64.urlsafe_b64decode(key.encode())
    except (binascii.Error, ValueError):
        return True
    return len(raw) != 32 or len(set(raw)) < 16 or key in PUBLISHED_SECRETS


def _mail_domain_problem(domain: str) -> bool:
    domain = (domain or "").strip().lower().rstrip(".")
    try:
        ipaddress.ip_address(domain.strip("[]"))
        return True
    except ValueError:
        pass
    return "." not in domain or domain == "localhost" or domain.endswith(NOT_A_MAIL_DOMAIN)


def _per_hour(limit: str) -> float | None:
    try:
        items = parse_many(limit)
    except ValueError:
        return None
    if not items:
        return None
    return max(item.amount * 3600 / item.get_expiry() for item in items)


def _proxies_problem(config: Mapping[str, Any]) -> list[str]:
    problems = []
    hops = max(int(config.get("PROXY_FIX_X_FOR", 0)), int(config.get("PROXY_FIX_X_PROTO", 0)))
    if hops > MAX_PROXIES:
        problems.append(
            f"PROXY_FIX_X_FOR: {hops} proxies are trusted to set X-Forwarded-*, so clients can "
            "forge their address. Fix: set PROXY_FIX_X_FOR and PROXY_FIX_X_PROTO to the number "
            "of proxies in front of the app (usually 1)"
        )
    if hops:
        networks = list(config.get("TRUSTED_PROXIES") or ())
        try:
            parsed = [ipaddress.ip_network(item, strict=False) for item in networks]
        except ValueError:
            parsed = None
        if not parsed or any(network.prefixlen == 0 for network in parsed):
            problems.append(
                "TRUSTED_PROXIES: forwarded headers would be believed from any address (or the "
                "list cannot be read). Fix: list the addresses of your proxies, e.g. "
                "TRUSTED_PROXIES=127.0.0.1 for a proxy on the same host"
            )
    return problems


def _secrets_problems(config: Mapping[str, Any]) -> list[str]:
    problems = []
    if weak_secret(config.get("SECRET_KEY")):
        problems.append(
            f"SECRET_KEY: missing, shorter than {MIN_SECRET_LENGTH} characters, too regular or "
            f"published. Fix: {GENERATE}"
        )
    if weak_secret(config.get("INBOUND_WEBHOOK_SECRET")):
        problems.append(
            "INBOUND_WEBHOOK_SECRET: missing or weak, so anyone could post mail as if from our "
            f"mail server. Fix: {GENERATE} and give the same value to the mail provider"
        )
    keys = list(config.get("CONTACT_ENCRYPTION_KEYS") or ())
    if config.get("CONTACT_KEYS_FROM_INSTANCE") or not keys or any(map(_weak_fernet_key, keys)):
        problems.append(
            "CONTACT_ENCRYPTION_KEYS: missing, read from a file next to the database, not a "
            "Fernet key, too regular or published. Fix: " + GENERATE
        )
    elif weak_secret(config.get("CONTACT_INDEX_KEY")):
        problems.append(f"CONTACT_INDEX_KEY: missing, weak or published. Fix: {GENERATE}")
    return problems


def _cookie_problems(config: Mapping[str, Any]) -> list[str]:
    problems = []
    if not config.get("SESSION_COOKIE_SECURE"):
        problems.append("SESSION_COOKIE_SECURE: off. Fix: SESSION_COOKIE_SECURE=1 (HTTPS only)")
    if not str(config.get("SESSION_COOKIE_NAME", "")).startswith("__Host-"):
        problems.append(
            "SESSION_COOKIE_NAME: should start with __Host- (no Domain, Path=/). "
            "Fix: SESSION_COOKIE_NAME=__Host-session"
        )
    if str(config.get("SESSION_COOKIE_SAMESITE") or "").lower() not in ("lax", "strict"):
        problems.append(
            "SESSION_COOKIE_SAMESITE: other sites' requests would carry the coordinators' "
            "session. Fix: SESSION_COOKIE_SAMESITE=Lax"
        )
    if not config.get("SESSION_COOKIE_HTTPONLY", True):
        problems.append(
            "SESSION_COOKIE_HTTPONLY: off, so a script could read the session. "
            "Fix: SESSION_COOKIE_HTTPONLY=1"
        )
    return problems


def _mail_problems(config: Mapping[str, Any]) -> list[str]:
    problems = []
    if not config.get("MAIL_SERVER"):
        problems.append(
            "MAIL_SERVER: not set, so every email, with its live private links, is written as "
            "a file to MAIL_OUTBOX_DIR. Fix: set MAIL_SERVER (and MAIL_PORT, MAIL_USERNAME, "
            "MAIL_PASSWORD) to your SMTP server"
        )
    elif not (config.get("MAIL_USE_TLS") or config.get("MAIL_USE_SSL")):
        problems.append("MAIL_USE_TLS: off with an SMTP server. Fix: MAIL_USE_TLS=1 (or SSL)")
    if _mail_domain_problem(config.get("SERVER_NAME_FOR_MAIL", "")):
        problems.append(
            "SERVER_NAME_FOR_MAIL: not a domain that receives mail, so replies and bounces "
            "cannot come back. Fix: the domain of the reply addresses, e.g. actions.example.org"
        )
    sender = str(config.get("MAIL_DEFAULT_SENDER") or "")
    address = parseaddr(sender)[1]
    if (
        sender == DefaultConfig.MAIL_DEFAULT_SENDER
        or "@" not in address
        or _mail_domain_problem(address.rpartition("@")[2])
    ):
        problems.append(
            "MAIL_DEFAULT_SENDER: the development sender, whose domain receives no mail. "
            'Fix: MAIL_DEFAULT_SENDER="Close the Camps <no-reply@your-domain>"'
        )
    return problems


def _aligned(domain: str, other: str) -> bool:
    """DMARC's relaxed alignment, without the public suffix list: one domain is the other or
    a subdomain of it."""
    return domain == other or domain.endswith("." + other) or other.endswith("." + domain)


def _dkim_problems(config: Mapping[str, Any]) -> list[str]:
    """Signing is optional (the SMTP server may sign); when it is set up, it must work and
    sign for the domain of the From address, or DMARC does not count it."""
    try:
        key = dkim_key(config)
    except DkimKeyError as exc:
        return [str(exc)]
    if key is None:
        return []
    sender = parseaddr(str(config.get("MAIL_DEFAULT_SENDER") or ""))[1]
    sender_domain = sender.rpartition("@")[2].lower().rstrip(".")
    if sender_domain and not _aligned(sender_domain, key.domain):
        return [
            f"DKIM_DOMAIN: {key.domain} is not the domain of MAIL_DEFAULT_SENDER "
            f"({sender_domain}), so DMARC ignores the signature. Fix: DKIM_DOMAIN={sender_domain}"
        ]
    return []


def _limit_problems(config: Mapping[str, Any]) -> list[str]:
    problems = []
    if not config.get("RATELIMIT_ENABLED", True):
        problems.append("RATELIMIT_ENABLED: off. Fix: RATELIMIT_ENABLED=1")
    if str(config.get("RATELIMIT_STORAGE_URI", "")).startswith("memory://"):
        problems.append(
            "RATELIMIT_STORAGE_URI: each worker counts on its own (4 workers allow 4 times the "
            "limit). Fix: RATELIMIT_STORAGE_URI=redis://..."
        )
    for name, ceiling in RATE_CEILINGS.items():
        value = str(config.get(name, getattr(DefaultConfig, name)))
        rate = _per_hour(value)
        if rate is None or rate > ceiling:
            default = getattr(DefaultConfig, name)
            problems.append(
                f"{name}: {value!r} cannot be read or allows more than {ceiling} per hour. "
                f"Fix: keep the default {default!r} or set a stricter limit"
            )
    return problems


def deploy_problems(config: Mapping[str, Any]) -> list[str]:
    """Every unsafe setting, each as "SETTING: problem. Fix: ..."."""
    problems = _secrets_problems(config)
    if config.get("DEBUG") or config.get("TESTING"):
        problems.append("DEBUG: DEBUG or TESTING is on. Fix: MATCHER_CONFIG=production")
    problems += _cookie_problems(config)
    if urlsplit(config.get("BASE_URL", "")).scheme != "https":
        problems.append(
            "BASE_URL: not an https:// address, so links in email travel in clear. "
            "Fix: BASE_URL=https://your-domain"
        )
    if not config.get("WTF_CSRF_ENABLED", True):
        problems.append("WTF_CSRF_ENABLED: off. Fix: WTF_CSRF_ENABLED=1")
    problems += _limit_problems(config)
    if str(config.get("SQLALCHEMY_URL", "")).startswith("sqlite"):
        problems.append(
            "DATABASE_URL: SQLite in production. Fix: DATABASE_URL=postgresql://user@host/db"
        )
    problems += _mail_problems(config)
    problems += _dkim_problems(config)
    problems += _proxies_problem(config)
    days = int(config.get("CONTACT_RETENTION_DAYS", 0))
    if not 1 <= days <= MAX_RETENTION_DAYS:
        problems.append(
            f"CONTACT_RETENTION_DAYS: {days} days. Fix: between 1 and {MAX_RETENTION_DAYS} "
            "(the default is 90)"
        )
    if int(config.get("HSTS_SECONDS", 0)) < MIN_HSTS_SECONDS:
        problems.append(
            "HSTS_SECONDS: browsers are not told to use HTTPS only. "
            f"Fix: HSTS_SECONDS={2 * MIN_HSTS_SECONDS} (the production default)"
        )
    return problems
