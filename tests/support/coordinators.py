"""Coordinator accounts for tests (one argon2 hash computed per test session)."""

from __future__ import annotations

import functools
import secrets

from matcher.models import Coordinator, CoordinatorRole
from matcher.security.auth import hash_password

PASSWORD = "correct horse battery staple"


@functools.cache
def password_hash() -> str:
    """The hash of PASSWORD (argon2id is slow on purpose: compute it once)."""
    return hash_password(PASSWORD)


def make_coordinator(db, email: str, *, admin: bool = False, states: str = "") -> Coordinator:
    """An active account with PASSWORD."""
    account = Coordinator(
        email=email,
        role=CoordinatorRole.admin if admin else CoordinatorRole.coordinator,
        states=states,
        password_hash=password_hash(),
        session_version=secrets.token_hex(8),
    )
    db.session.add(account)
    db.session.flush()
    return account


def log_in(client, email: str, password: str = PASSWORD, **kwargs):
    """Fill and submit the login form."""
    from tests.support.forms import submit_form

    return submit_form(
        client, "/coordinate/login", {"email": email, "password": password}, **kwargs
    )
