"""Tests hold one app context open (for `db.session`), which requests then share: per-request
state kept in `g` must be forgotten at each request, as a server's fresh context would."""

from __future__ import annotations

from flask import Flask, g, request_started


def _forget_request_state(sender: Flask, **extra: object) -> None:
    g.pop("_login_user", None)  # Flask-Login's current user
    g.pop("_flask_babel", None)  # each request resolves its own language
    g.pop("csrf_token", None)  # Flask-WTF's token of this request's session


def forget_request_state(app: Flask) -> None:
    """Forget Flask-Login's user, Flask-Babel's language and Flask-WTF's CSRF token kept in `g`
    at each request of `app` (two clients of one test must not share them)."""
    request_started.connect(_forget_request_state, app)
