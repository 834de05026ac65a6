"""Browser tests: the app served on 127.0.0.1 by a real server thread, driven by Playwright
through Debian's Chromium (never a downloaded browser; the `browser` fixture is in
tests/conftest.py, shared with tests/servers/)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server


class LiveServer:
    """A running app and its base URL."""

    def __init__(self, app, url: str) -> None:
        self.app = app
        self.url = url


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app on a free port with a migrated SQLite file, the demo data and two accounts."""
    from matcher import create_app

    instance = tmp_path_factory.mktemp("browser-instance")
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{instance / 'browser.sqlite3'}",
            "MAIL_OUTBOX_DIR": str(instance / "outbox"),
            "WTF_CSRF_ENABLED": True,
        }
    )
    with app.app_context():
        from alembic import command

        from matcher.migrations import alembic_config
        from tests.browser.seed import seed

        command.upgrade(alembic_config(), "head")
        seed()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh browser context (no cookies) and page."""
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    yield page
    context.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything in this folder is a browser test."""
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
