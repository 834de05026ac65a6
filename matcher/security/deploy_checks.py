"""Checks of a production configuration, in the spirit of Django's `check --deploy`.

`deploy_problems(config)` lists what would make a deployment unsafe; `matcher check-deploy`
prints them and exits 1 when there is any.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from config.testing import TestingConfig

WEAK_SECRET_LENGTH = 32


def deploy_problems(config: Mapping[str, Any]) -> list[str]:
    """Every unsafe setting, each as a sentence naming the setting."""
    problems: list[str] = []
    secret = config.get("SECRET_KEY") or ""
    if len(secret) < WEAK_SECRET_LENGTH or secret == TestingConfig.SECRET_KEY:
        problems.append(
            f"SECRET_KEY must be a random string of at least {WEAK_SECRET_LENGTH} "
            "characters, set in the environment"
        )
    if config.get("DEBUG") or config.get("TESTING"):
        problems.append("DEBUG and TESTING must be off")
    if not config.get("SESSION_COOKIE_SECURE"):
        problems.append("SESSION_COOKIE_SECURE must be on (HTTPS only)")
    if not str(config.get("SESSION_COOKIE_NAME", "")).startswith("__Host-"):
        problems.append("SESSION_COOKIE_NAME should start with __Host- (no Domain, Path=/)")
    if urlsplit(config.get("BASE_URL", "")).scheme != "https":
        problems.append("BASE_URL must be an https:// address (links in email)")
    if not config.get("WTF_CSRF_ENABLED", True):
        problems.append("WTF_CSRF_ENABLED must be on")
    if not config.get("RATELIMIT_ENABLED", True):
        problems.append("RATELIMIT_ENABLED must be on")
    if str(config.get("RATELIMIT_STORAGE_URI", "")).startswith("memory://"):
        problems.append("RATELIMIT_STORAGE_URI must be shared (redis://...) with several workers")
    if str(config.get("SQLALCHEMY_URL", "")).startswith("sqlite"):
        problems.append("DATABASE_URL should name PostgreSQL in production")
    if config.get("MAIL_SERVER") and not (config.get("MAIL_USE_TLS") or config.get("MAIL_USE_SSL")):
        problems.append("MAIL_USE_TLS or MAIL_USE_SSL must be on with an SMTP server")
    if not config.get("INBOUND_WEBHOOK_SECRET") or len(config["INBOUND_WEBHOOK_SECRET"]) < 32:
        problems.append("INBOUND_WEBHOOK_SECRET must be set (at least 32 characters)")
    if not config.get("CONTACT_ENCRYPTION_KEYS") or not config.get("CONTACT_INDEX_KEY"):
        problems.append(
            "CONTACT_ENCRYPTION_KEYS and CONTACT_INDEX_KEY must come from the "
            "environment (not a file next to the database)"
        )
    return problems
