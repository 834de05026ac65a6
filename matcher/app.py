"""The application factory: `create_app(config=None)` built from small `register_*` steps."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

import config as config_module

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config: Mapping[str, Any] | str | None = None) -> Flask:
    """Build the app. `config` is a settings class name (`testing`) or a mapping of overrides."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("MATCHER_INSTANCE_PATH", str(PROJECT_ROOT / "instance")),
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    configure(app, config)
    register_logging(app)
    register_proxy_fix(app)
    register_extensions(app)
    register_jobs(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_security_headers(app)
    register_commands(app)
    return app


def configure(app: Flask, config: Mapping[str, Any] | str | None) -> None:
    """Settings from the class chosen by name or `MATCHER_CONFIG`, then the given overrides."""
    name = config if isinstance(config, str) else None
    overrides = dict(config) if isinstance(config, Mapping) else {}
    if not name and overrides.get("TESTING"):
        name = "testing"
    app.config.update(config_module.load(name))
    app.config.update(overrides)
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _instance_secret(instance / "secret_key")
    app.config["SQLALCHEMY_URL"] = database_url(app.config["DATABASE_URL"], instance)
    configure_contact_keys(app, instance)
    if not app.config["MAIL_OUTBOX_DIR"]:
        app.config["MAIL_OUTBOX_DIR"] = str(instance / "outbox")
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(Path(__file__).parent / "translations")
    app.config["MAIL_SUPPRESS_SEND"] = False  # the outbox decides; tests use a real SMTP server


def configure_contact_keys(app: Flask, instance: Path) -> None:
    """Keys of the contact data encrypted at rest: from the settings, else the instance folder."""
    from matcher.security import crypto

    keys, index_key = list(app.config["CONTACT_ENCRYPTION_KEYS"]), app.config["CONTACT_INDEX_KEY"]
    if not keys or not index_key:
        keys, index_key = crypto.instance_keys(instance / "contact_keys")
        app.config["CONTACT_KEYS_FROM_INSTANCE"] = True
    crypto.configure(keys, index_key)


def database_url(url: str, instance: Path) -> str:
    """The SQLAlchemy URL: SQLite under `instance/` by default, psycopg 3 for PostgreSQL."""
    if not url:
        return f"sqlite:///{instance / 'matcher.sqlite3'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def _instance_secret(path: Path) -> str:
    """A random key kept in the instance folder, so a fresh checkout needs no setup."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def register_logging(app: Flask) -> None:
    """Mask contact data and link tokens in every log line (tests keep pytest's handlers)."""
    from matcher.security import logmask

    if not app.testing:
        logmask.install()


def register_proxy_fix(app: Flask) -> None:
    """Believe X-Forwarded-* only from the configured proxies, as many hops as configured
    (clients can forge them); from any other peer they are dropped."""
    from matcher.web.proxies import TrustedProxies

    x_for, x_proto = app.config["PROXY_FIX_X_FOR"], app.config["PROXY_FIX_X_PROTO"]
    app.wsgi_app = TrustedProxies(  # type: ignore[method-assign]
        app.wsgi_app, trusted=app.config["TRUSTED_PROXIES"], x_for=x_for, x_proto=x_proto
    )


def register_extensions(app: Flask) -> None:
    """Bind the bare extension objects of `matcher.extensions` to the app."""
    import matcher.security.auth  # noqa: F401  (registers the Flask-Login user loader)
    from matcher.extensions import babel, csrf, db, limiter, login_manager, mail
    from matcher.i18n import select_locale
    from matcher.web import public_cache

    db.init_app(app)
    mail.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    login_manager.login_view = "coordinate.login"
    public_cache.init_app(app)


def register_jobs(app: Flask) -> None:
    """The named background jobs (`matcher.jobs`), which operations dispatch by name."""
    from matcher.jobs.handlers import register_handlers

    register_handlers()


def register_blueprints(app: Flask) -> None:
    """Public pages, organizers' pages and the JSON API."""
    from matcher.web import api, coordinate, feeds, manage, organizers, public

    app.register_blueprint(public.bp)
    app.register_blueprint(organizers.bp)
    app.register_blueprint(manage.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(coordinate.bp)
    app.register_blueprint(feeds.bp)
    from matcher.web import inbound, introductions, optin, organizations, unsubscribe

    for blueprint in (optin.bp, unsubscribe.bp, inbound.bp, introductions.bp, organizations.bp):
        app.register_blueprint(blueprint)


def register_errorhandlers(app: Flask) -> None:
    """Generic error pages (JSON under /api/), never a stack trace."""
    from matcher.web.errors import init_app

    init_app(app)


def register_security_headers(app: Flask) -> None:
    """Content-Security-Policy and friends on every response; template helpers."""
    from matcher.web import guards, security_headers, templating

    guards.init_app(app)
    security_headers.init_app(app)
    templating.init_app(app)


def register_commands(app: Flask) -> None:
    """Commands that need the app (`matcher demo`, `matcher import`, ...)."""
    from matcher.cli.app_commands import register

    register(app)
