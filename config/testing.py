"""Settings for the test suite: fast, isolated, no rate limits unless a test turns them on."""

from __future__ import annotations

from config.default import DefaultConfig


class TestingConfig(DefaultConfig):
    """Used by tests; `TEST_DATABASE_URL` (read by tests/conftest.py) selects PostgreSQL."""

    TESTING: bool = True
    SECRET_KEY: str = "testing-secret-key-not-for-production"  # noqa: S105 (tests only)
    DATABASE_URL: str = "sqlite://"
    WTF_CSRF_ENABLED: bool = False
    RATELIMIT_ENABLED: bool = False
    BASE_URL: str = "http://localhost"
