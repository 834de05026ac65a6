"""Every test of the app runs in a rolled-back transaction with its own outbox."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated(db, outbox) -> None:
    """Apply the per-test database and outbox fixtures to every app test; fresh rate limits."""
    from matcher.extensions import limiter
    from matcher.web import cache

    limiter.reset()
    cache.clear()
