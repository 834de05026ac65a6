"""Rate limits read from configuration at request time."""

from __future__ import annotations

from flask import current_app, request


def submit_limit() -> str:
    """Limit on public submissions (form and API), per client address."""
    return current_app.config["SUBMIT_RATE_LIMIT"]


def resend_limit() -> str:
    """Limit on verification resends, per client address and per email address."""
    return current_app.config["RESEND_RATE_LIMIT"]


def resend_key() -> str:
    """Rate-limit key: the email address asked about."""
    return "resend:" + (request.form.get("email") or "").strip().lower()[:254]
