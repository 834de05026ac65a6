"""Rate limits read from configuration at request time."""

from __future__ import annotations

from flask import current_app


def submit_limit() -> str:
    """Limit on public submissions (form and API), per client address."""
    return current_app.config["SUBMIT_RATE_LIMIT"]
