"""Settings for the test suite: fast and isolated."""

from __future__ import annotations

from config.default import DefaultConfig


class TestingConfig(DefaultConfig):
    """Used by tests; `TEST_DATABASE_URL` (read by tests/conftest.py) selects PostgreSQL."""

    TESTING: bool = True
    SECRET_KEY: str = "testing-secret-key-not-for-production"  # noqa: S105 (tests only)
    DATABASE_URL: str = "sqlite://"
    CONTACT_ENCRYPTION_KEYS: tuple[str, ...] = ("nKTY7qbZuIZJwqNb2gkNbHuAiEfSkiRuuC_k3Y7iWGU=",)
    CONTACT_INDEX_KEY: str = "0C6wpioTw8C31X1_FmeqYZuefE_eFMejL8rYTFHT5Aw="
    # CSRF stays on: form tests post what the page renders (tests/support/forms.py).
    WTF_CSRF_ENABLED: bool = True
    # Tests roll their data back, which no index kept between jobs could see: the tests of
    # that index turn it on themselves (tests/operations/test_match_index.py).
    MATCH_INDEX_CACHE: bool = False
    # Limits stay on (tests reset them per test and lower them where they test them).
    SUBMIT_RATE_LIMIT: str = "10000 per hour"
    SUBMIT_ADDRESS_RATE_LIMIT: str = "10000 per hour"
    LOGIN_RATE_LIMIT: str = "10000 per minute"
    RESEND_RATE_LIMIT: str = "10000 per hour"
    BASE_URL: str = "http://localhost"
