"""Generic error pages: HTML for people, `{"errors": ...}` JSON for the API and the feeds;
never a trace."""

from __future__ import annotations

import logging
import time

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
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


# What an operator can check for each reason Flask-WTF gives (its own English sentences).
CSRF_HINTS = {
    "The referrer does not match the host.": (
        "referrer does not match: check the proxy's Host header (nginx: proxy_set_header Host "
        "$http_host, which keeps the port) and X-Forwarded-Proto"
    ),
    "The referrer header is missing.": (
        "no referrer: check that nothing between the browser and the app sets "
        "Referrer-Policy: no-referrer (the app sends same-origin)"
    ),
    "The CSRF session token is missing.": (
        "no session cookie: the page is old, cookies are blocked, or the proxy does not send "
        "X-Forwarded-Proto https (the session cookie is Secure)"
    ),
    "The CSRF token has expired.": "the page was open longer than WTF_CSRF_TIME_LIMIT",
}


def handle_csrf_error(error: CSRFError) -> tuple[object, int]:
    """A form post that failed its CSRF check: a page saying nothing was saved and what to do,
    and a log line for operators naming the route pattern (never the path: it can hold a link
    token) and what to check."""
    reason = error.description or ""
    rule = request.url_rule.rule if request.url_rule is not None else "(no route)"
    hint = CSRF_HINTS.get(reason, "the form's token is missing or does not match the session")
    log.warning("form refused (CSRF) on %s %s: %s %s", request.method, rule, reason, hint)
    if reason == "The CSRF token has expired.":
        title = _(
            "This form could not be checked, so nothing was saved: the page was open too long. "
            "Go back, reload the page and send it again."
        )
    else:
        title = _(
            "This form could not be checked, so nothing was saved: your browser did not send "
            "back what the form needs. Go back, reload the page and send it again."
        )
    return render_error(400, title, field="csrf_token")


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
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(OperationalError, handle_database_unavailable)
    app.register_error_handler(Exception, handle_unexpected_error)
