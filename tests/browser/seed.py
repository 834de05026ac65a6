"""Data for the browser tests: the demo actions matched by the engine, two coordinators."""

from __future__ import annotations

from matcher.extensions import db
from matcher.models import Coordinator, CoordinatorRole
from matcher.operations.imports import load_demo
from matcher.operations.matching import run_match
from matcher.security.auth import hash_password

PASSWORD = "browser test password"


def seed() -> None:
    """Load the demo data, match it, add the accounts, commit."""
    load_demo()
    db.commit()  # geocoding runs after the commit
    run_match()
    pw = hash_password(PASSWORD)
    db.session.add_all(
        [
            Coordinator(
                email="ca@example.org",
                role=CoordinatorRole.coordinator,
                states="CA",
                password_hash=pw,
                session_version="a",
            ),
            Coordinator(
                email="admin@example.org",
                role=CoordinatorRole.admin,
                password_hash=pw,
                session_version="b",
            ),
        ]
    )
    db.commit()
