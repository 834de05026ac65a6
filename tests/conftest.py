"""Fixtures: one app per test session on SQLite (or PostgreSQL when TEST_DATABASE_URL is set),
migrated with Alembic; every test runs in a transaction that is rolled back afterwards.

The tests mirror the package: the test of `matcher/x/y.py` is `tests/x/test_y.py` (or a clearly
named neighbour). Tests in the folders of the app's layers (`APP_FOLDERS`) are app tests: each
runs in a rolled-back transaction with its own outbox, fresh rate limits and an empty public
cache, and is marked `app` (the PostgreSQL run is `pytest -m app`). `geocoding/`, `matching/`
and `formats/` test pure libraries; `faults/` and `browser/` start their own servers.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from pathlib import Path

import pytest

from matcher import create_app
from matcher.extensions import db as database
from matcher.extensions import limiter
from matcher.web import public_cache
from tests.support.app_context import forget_request_state
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.support.databases import own_database

TESTS = Path(__file__).resolve().parent
APP_FOLDERS = {"web", "operations", "queries", "jobs", "mail", "security", "models"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests in the app's layer folders `app`."""
    for item in items:
        parts = Path(item.path).resolve().relative_to(TESTS).parts
        if len(parts) > 1 and parts[0] in APP_FOLDERS:
            item.add_marker(pytest.mark.app)


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """SQLite in memory, or a fresh PostgreSQL database dropped at the end."""
    with own_database(None) as url:
        yield url


@pytest.fixture(scope="session")
def app(database_url: str, tmp_path_factory: pytest.TempPathFactory):
    """The app, with its schema built by the migrations."""
    instance = tmp_path_factory.mktemp("instance")
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "MAIL_OUTBOX_DIR": str(instance / "outbox"),
        }
    )
    forget_request_state(app)
    with app.app_context():
        from alembic import command

        from matcher.migrations import alembic_config

        command.upgrade(alembic_config(), "head")
    yield app
    with app.app_context():
        app.extensions["matcher.engine"].dispose()


@pytest.fixture
def db(app) -> Iterator[object]:
    """Bind every session of the test to one connection whose transaction is rolled back."""
    engine = app.extensions["matcher.engine"]
    connection = engine.connect()
    transaction = connection.begin()
    database.session.session_factory.configure(
        bind=connection, join_transaction_mode="create_savepoint"
    )
    try:
        with app.app_context():
            yield database
    finally:
        database.session.session_factory.configure(
            bind=None, join_transaction_mode="conditional_savepoint"
        )
        transaction.rollback()
        connection.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, one for the whole run (tests/browser/, tests/servers/)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def client(app):
    """A test client of the app."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for the app's commands."""
    return app.test_cli_runner()


class Outbox:
    """The .eml files the app wrote during one test."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def files(self) -> list[Path]:
        """The .eml files, oldest first."""
        return sorted(self.path.glob("*.eml")) if self.path.exists() else []

    def messages(self) -> list[email.message.EmailMessage]:
        """The messages, parsed."""
        return [
            email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            for path in self.files()
        ]

    def last_text(self) -> str:
        """Plain-text part of the newest message."""
        message = self.messages()[-1]
        return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def outbox(app, tmp_path: Path) -> Iterator[Outbox]:
    """A fresh outbox directory for each test."""
    previous = app.config["MAIL_OUTBOX_DIR"]
    app.config["MAIL_OUTBOX_DIR"] = str(tmp_path / "outbox")
    yield Outbox(tmp_path / "outbox")
    app.config["MAIL_OUTBOX_DIR"] = previous


@pytest.fixture(autouse=True)
def _isolated(request: pytest.FixtureRequest) -> None:
    """App tests: the per-test database transaction and outbox, fresh rate limits, no cache."""
    if request.node.get_closest_marker("app") is None:
        return
    request.getfixturevalue("db")
    request.getfixturevalue("outbox")
    limiter.reset()
    public_cache.clear()
