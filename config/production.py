"""Production settings: secrets and URLs must come from the environment."""

from __future__ import annotations

from config.default import DefaultConfig


class ProductionConfig(DefaultConfig):
    """Behind a TLS proxy: secure cookies; SECRET_KEY, DATABASE_URL and BASE_URL from the env."""

    SESSION_COOKIE_SECURE: bool = True
