"""Alembic environment: runs against the engine of the current Flask app."""

from __future__ import annotations

from alembic import context
from flask import current_app

from matcher.models import Base

config = context.config


def render_item(kind: str, item: object, autogen_context: object) -> str | bool:
    """Write our UTC timestamp type as a plain timezone-aware DateTime in migrations."""
    if kind == "type" and type(item).__name__ == "UTCDateTime":
        return "sa.DateTime(timezone=True)"
    return False


def _sqlite_foreign_keys(connection: object, on: bool) -> None:
    """Switch SQLite's foreign keys, on the raw connection and outside any transaction (inside
    one the pragma does nothing). Batch mode rebuilds a table by dropping it, and with foreign
    keys on, dropping `actions` would run its ON DELETE rules on every row pointing at it."""
    raw = connection.connection.driver_connection  # type: ignore[attr-defined]
    raw.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def run_migrations_online() -> None:
    """Run migrations on the app's engine (SQLite uses batch mode for ALTERs, with foreign keys
    off while it rebuilds tables, checked once it is done)."""
    engine = current_app.extensions["matcher.engine"]
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _sqlite_foreign_keys(connection, on=False)
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            render_item=render_item,
        )
        try:
            with context.begin_transaction():
                context.run_migrations()
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError("a migration left rows pointing at missing rows")
            connection.commit()
        finally:
            if sqlite:
                _sqlite_foreign_keys(connection, on=True)


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run `matcher db upgrade`")
run_migrations_online()
