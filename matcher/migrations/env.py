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


def run_migrations_online() -> None:
    """Run migrations on the app's engine (SQLite uses batch mode for ALTERs)."""
    engine = current_app.extensions["matcher.engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            render_item=render_item,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run `matcher db upgrade`")
run_migrations_online()
