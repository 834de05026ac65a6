"""Alembic migrations of the database schema (`matcher db upgrade`)."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent


def alembic_config() -> Config:
    """An Alembic config pointing at this package (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("path_separator", "os")
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("version_locations", str(MIGRATIONS / "versions"))
    return config
