"""Coordinator authentication: argon2id password hashes, Flask-Login, role and state scope.

Passwords are hashed with argon2id (argon2-cffi defaults: 64 MiB, t=3, p=4; above OWASP's
minimum of 19 MiB, t=2, p=1). Set-password links are signed, expire, and stop working once a
password is set (they carry a fingerprint of the current hash).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import abort, current_app
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import func, select

from matcher.extensions import db, login_manager
from matcher.models import Coordinator

F = TypeVar("F", bound=Callable[..., Any])
hasher = PasswordHasher()
_DUMMY_HASH = hasher.hash("not a real password")
SET_PASSWORD_MAX_AGE = 3 * 24 * 3600


def hash_password(password: str) -> str:
    """An argon2id hash of `password`."""
    return hasher.hash(password)


def find_coordinator(email: str) -> Coordinator | None:
    """The account with this email (case-insensitive)."""
    return db.session.scalar(
        select(Coordinator).where(func.lower(Coordinator.email) == email.strip().lower())
    )


def authenticate(email: str, password: str) -> Coordinator | None:
    """The active coordinator with these credentials, or None (same work either way)."""
    coordinator = find_coordinator(email)
    stored = coordinator.password_hash if coordinator and coordinator.password_hash else None
    try:
        hasher.verify(stored or _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if coordinator is None or stored is None or not coordinator.active:
        return None
    if hasher.check_needs_rehash(stored):
        coordinator.password_hash = hash_password(password)
    return coordinator


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="matcher-set-password")


def _fingerprint(coordinator: Coordinator) -> str:
    return hashlib.sha256((coordinator.password_hash or "").encode()).hexdigest()[:16]


def set_password_token(coordinator: Coordinator) -> str:
    """A link token to set the password; invalid once any password is set."""
    return _serializer().dumps([coordinator.id, _fingerprint(coordinator)])


def coordinator_for_password_token(token: str) -> Coordinator | None:
    """The coordinator a valid, unused, unexpired set-password token names."""
    try:
        coordinator_id, fingerprint = _serializer().loads(token, max_age=SET_PASSWORD_MAX_AGE)
    except (BadSignature, ValueError, TypeError):
        return None
    coordinator = db.session.get(Coordinator, coordinator_id)
    if coordinator is None or _fingerprint(coordinator) != fingerprint:
        return None
    return coordinator


@login_manager.user_loader
def load_coordinator(user_id: str) -> Coordinator | None:
    """Flask-Login's loader: the session carries "id:session_version"."""
    try:
        raw_id, version = user_id.split(":", 1)
        coordinator = db.session.get(Coordinator, int(raw_id))
    except ValueError:
        return None
    if coordinator is None or not coordinator.active or coordinator.session_version != version:
        return None
    return coordinator


def admin_required(view: F) -> F:
    """Only admins (after login_required)."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated or not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
