"""Production settings: secrets and URLs must come from the environment."""

from __future__ import annotations

from config.default import DefaultConfig


class ProductionConfig(DefaultConfig):
    """Behind a TLS proxy: secure cookies; SECRET_KEY, DATABASE_URL and BASE_URL from the env."""

    SESSION_COOKIE_SECURE: bool = True
    SESSION_COOKIE_NAME: str = "__Host-session"
    REMEMBER_COOKIE_SECURE: bool = True
    # Behind one reverse proxy on the same host that sets X-Forwarded-For/-Proto; forwarded
    # headers from any other address are dropped.
    PROXY_FIX_X_FOR: int = 1
    PROXY_FIX_X_PROTO: int = 1
    TRUSTED_PROXIES: tuple[str, ...] = ("127.0.0.1", "::1")
    HSTS_SECONDS: int = 2 * 365 * 24 * 3600
