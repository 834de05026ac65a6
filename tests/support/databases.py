"""Throw-away databases of their own, for tests that need a real database file or a database
apart from the session's (migrations, raw scans): SQLite in a file, or PostgreSQL when
TEST_DATABASE_URL names a server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def fresh_postgres_database(url: str) -> tuple[str, Callable[[], None]]:
    """Create a throw-away database next to the one `url` names; returns its URL and a drop."""
    base = make_url(url)
    name = f"matcher_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop


@contextmanager
def own_database(directory: Path | None) -> Iterator[str]:
    """The URL of an empty database of the caller's own, dropped afterwards: a fresh PostgreSQL
    database when TEST_DATABASE_URL is set, else SQLite (in a file in `directory`, or in
    memory without one)."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{directory / 'own.sqlite3'}" if directory else "sqlite://"
        return
    fresh, drop = fresh_postgres_database(url)
    try:
        yield fresh
    finally:
        drop()


@contextmanager
def sessions_on_own_app() -> Iterator[None]:
    """Let `db.session` use the current app's own engine while inside (app tests bind every
    session to the rolled-back test connection; a test with its own app and database needs
    its sessions on that database instead)."""
    from matcher.extensions import db

    factory = db.session.session_factory
    bind = factory.kw.get("bind")
    mode = factory.kw.get("join_transaction_mode")
    factory.configure(bind=None, join_transaction_mode="conditional_savepoint")
    try:
        yield
    finally:
        db.session.remove()
        factory.configure(bind=bind, join_transaction_mode=mode)
