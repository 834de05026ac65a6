"""Generic error pages: HTML for people, `{"errors": ...}` JSON for the API and the feeds;
never a trace."""

from __future__ import annotations

import logging
import time

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

from matcher.extensions import db, limiter

log = logging.getLogger(__name__)


def wants_json() -> bool:
    """Machine clients: the API, the feeds, or a JSON request body."""
    return request.path.startswith(("/api/", "/feeds/")) or request.is_json


def render_error(status: int, title: str, field: str = "request") -> tuple[object, int]:
    """An error answer naming the field it is about (JSON), or a page saying what is wrong."""
    if wants_json():
        return jsonify(errors={field: title}), status
    return render_template("errors/error.html", status=status, title=title), status


def handle_http_error(error: HTTPException) -> tuple[object, int] | tuple[object, int, dict]:
    """4xx and 5xx raised by Flask/Werkzeug or by views (a 405 says what is allowed: Allow,
    as RFC 9110 requires)."""
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        body, status = _http_error_body(error)
        return body, status, {"Allow": ", ".join(sorted(error.valid_methods))}
    return _http_error_body(error)


def _http_error_body(error: HTTPException) -> tuple[object, int]:
    status = error.code or 500
    titles = {
        400: _("The request could not be understood."),
        403: _("You are not allowed to do that."),
        404: _("This page does not exist (or no longer does)."),
        405: _("This address does not accept that method."),
        410: _("This link has expired or was already used."),
        413: _("What you sent is too large."),
    }
    if status == 429:
        return render_error(status, _too_many_title())
    return render_error(status, titles.get(status, _("Something went wrong on our side.")))


def _too_many_title() -> str:
    """How long to wait, from the limit that was hit (an hourly limit is not "a moment")."""
    current = limiter.current_limit
    wait = int(current.reset_at - time.time()) if current is not None else 0
    if wait >= 90 * 60:
        return _(
            "Too many requests from here. Please try again in %(hours)d hours.",
            hours=round(wait / 3600),
        )
    if wait >= 90:
        return _(
            "Too many requests from here. Please try again in %(minutes)d minutes.",
            minutes=round(wait / 60),
        )
    return _("Too many requests. Please wait a moment and try again.")


def handle_unexpected_error(error: Exception) -> tuple[object, int]:
    """Anything else: log it (without request data) and show a generic page."""
    if isinstance(error, HTTPException):
        return handle_http_error(error)
    log.exception("unhandled error on %s %s", request.method, request.path)
    db.rollback()
    return handle_http_error(InternalServerError())


def handle_database_unavailable(error: OperationalError) -> tuple[object, int, dict[str, str]]:
    """The database is unreachable or failed mid-transaction: 503 (temporary; the transaction
    was rolled back, so nothing is reported as saved), logged without request data."""
    log.error(
        "database unavailable on %s %s: %s",
        request.method,
        request.path,
        type(error.orig).__name__,
    )
    try:
        db.rollback()
    except Exception:  # the connection is gone; the pool replaces it on the next checkout
        log.warning("rollback after a database error failed", exc_info=True)
    answer, status = render_error(
        503,
        _("We are briefly unavailable and nothing was saved. Please try again in a minute."),
    )
    return answer, status, {"Retry-After": "60"}


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(OperationalError, handle_database_unavailable)
    app.register_error_handler(Exception, handle_unexpected_error)
