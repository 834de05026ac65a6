"""Fixtures for the fault tests: a private PostgreSQL and a private Redis for the whole session
(stopped and deleted at the end), a fresh database per test, apps built on it, an SMTP sink.

Without PostgreSQL binaries (or redis-server) the tests that need them are skipped, saying so;
with REQUIRE_POSTGRES=1 (or REQUIRE_REDIS=1), as CI sets, that is a failure instead.
"""

from __future__ import annotations

import os
import pwd
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from matcher import create_app
from tests.faults.services import PrivatePostgres, PrivateRedis, postgres_bindir
from tests.faults.sinks import FaultySmtp, serve_faulty_smtp

TEMPLATE = "matcher_template"


def _missing(variable: str, message: str) -> None:
    """Fail when the environment requires the part (CI), skip otherwise."""
    if os.environ.get(variable) == "1":
        pytest.fail(f"{message} ({variable}=1 requires it)")
    pytest.skip(message)


def _postgres_account_missing() -> bool:
    if os.geteuid() != 0:
        return False
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return True
    return False


def _migrate(url: str) -> None:
    """Build the schema with the migrations in database `url`."""
    from alembic import command

    from matcher.migrations import alembic_config

    app = create_app({"TESTING": True, "DATABASE_URL": url})
    with app.app_context():
        command.upgrade(alembic_config(), "head")
    app.extensions["matcher.engine"].dispose()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PrivatePostgres]:
    """A private PostgreSQL server with a migrated template database."""
    bindir = postgres_bindir()
    if bindir is None:
        _missing("REQUIRE_POSTGRES", "PostgreSQL binaries (initdb, pg_ctl) are not installed")
    if _postgres_account_missing():
        _missing("REQUIRE_POSTGRES", "running as root and there is no `postgres` account")
    server = PrivatePostgres(bindir)  # type: ignore[arg-type]
    try:
        server.init()
        server.start()
        server.execute(f"CREATE DATABASE {TEMPLATE}")
        _migrate(server.url(TEMPLATE))
        yield server
    finally:
        server.destroy()


@pytest.fixture(scope="session")
def redis_server() -> Iterator[PrivateRedis]:
    """A private Redis server (no persistence)."""
    binary = shutil.which("redis-server")
    if binary is None:
        _missing("REQUIRE_REDIS", "redis-server is not installed")
    server = PrivateRedis(binary)  # type: ignore[arg-type]
    try:
        server.start()
        yield server
    finally:
        server.destroy()


@pytest.fixture
def redis_up(redis_server: PrivateRedis) -> Iterator[PrivateRedis]:
    """The private Redis, running; started again afterwards if the test stopped it."""
    redis_server.ensure_running()
    yield redis_server
    redis_server.ensure_running()


@pytest.fixture
def fault_database_url(postgres: PrivatePostgres) -> Iterator[str]:
    """A fresh, migrated database (a copy of the template), dropped after the test."""
    postgres.ensure_running()
    name = f"faults_{uuid.uuid4().hex[:12]}"
    postgres.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    yield postgres.url(name)
    postgres.ensure_running()
    postgres.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def make_app(fault_database_url: str, tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """Build apps on the test's database (testing settings plus overrides); disposed after."""
    apps: list[Flask] = []

    def build(**overrides: Any) -> Flask:
        settings = {
            "TESTING": True,
            "DATABASE_URL": fault_database_url,
            "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
            **overrides,
        }
        app = create_app(settings)
        apps.append(app)
        return app

    yield build
    for app in apps:
        celery = app.extensions.pop("celery", None)
        if celery is not None:
            celery.close()
        app.extensions["matcher.engine"].dispose()


@pytest.fixture
def smtp() -> Iterator[FaultySmtp]:
    """An SMTP server on 127.0.0.1 that can refuse or stall; released and stopped after."""
    yield from serve_faulty_smtp()
