"""The SQLAlchemy engine and session for the app, with one session per application context.

Operations use `db.session` to change data and flush; the web layer, the CLI and jobs commit
once per request or task through `db.commit()`, which also hands queued email to the sender
after the commit, so no email is ever sent for data that was rolled back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app
from flask.globals import app_ctx
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, scoped_session, sessionmaker


def _app_ctx_id() -> int:
    """Scope sessions to the current application context."""
    return id(app_ctx._get_current_object())  # type: ignore[attr-defined]


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys on; let SQLAlchemy, not pysqlite, begin transactions (savepoints work)."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


class AppSession(Session):
    """A session on the current app's engine (or on the connection a test binds it to)."""

    def get_bind(self, mapper: Any = None, clause: Any = None, bind: Any = None, **kw: Any) -> Any:
        if bind is not None:
            return bind
        if self.bind is not None:
            return self.bind
        return current_app.extensions["matcher.engine"]


class Database:
    """Creates each app's engine and a session scoped to the application context."""

    def __init__(self) -> None:
        self.session: scoped_session[Session] = scoped_session(
            sessionmaker(class_=AppSession, expire_on_commit=False), scopefunc=_app_ctx_id
        )

    @property
    def engine(self) -> Engine:
        """The current app's engine."""
        return current_app.extensions["matcher.engine"]

    def init_app(self, app: Flask) -> None:
        """Create the engine from `SQLALCHEMY_URL` and remove the session at context end."""
        url = app.config["SQLALCHEMY_URL"]
        options: dict[str, Any] = {"echo": app.config.get("SQL_ECHO", False)}
        if url.startswith("sqlite"):
            options["connect_args"] = {"check_same_thread": False}
            if url in ("sqlite://", "sqlite:///:memory:"):
                from sqlalchemy.pool import StaticPool

                options["poolclass"] = StaticPool
        else:
            options["pool_pre_ping"] = True
        engine = create_engine(url, **options)
        if url.startswith("sqlite"):
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
        app.extensions["matcher.engine"] = engine
        app.teardown_appcontext(self._remove)

    def _remove(self, _exc: BaseException | None = None) -> None:
        self.session.remove()

    def on_commit(self, callback: Callable[[], None]) -> None:
        """Run `callback` after the next successful `commit()` (e.g. to send queued email)."""
        self.session().info.setdefault("after_commit", []).append(callback)

    def commit(self) -> None:
        """Commit the unit of work, then run what operations asked to run after commit."""
        session = self.session()
        session.commit()
        callbacks = session.info.pop("after_commit", [])
        for callback in callbacks:
            callback()

    def rollback(self) -> None:
        """Roll back and forget after-commit callbacks of the abandoned unit of work."""
        session = self.session()
        session.rollback()
        session.info.pop("after_commit", None)
