"""Coordinators' pages under /coordinate: login, review queue, regions, actions, exports.

Every page needs a logged-in coordinator (except login and set-password), ends idle sessions,
and is never cached (it may show contact details).
"""

from __future__ import annotations

import time

from flask import Blueprint, Response, current_app, redirect, request, session, url_for
from flask_login import current_user, logout_user

bp = Blueprint("coordinate", __name__, url_prefix="/coordinate")
PUBLIC_ENDPOINTS = {"coordinate.login", "coordinate.set_password"}
SEEN_KEY = "coordinate_seen"


@bp.before_request
def require_coordinator() -> Response | None:
    """Anonymous visitors go to the login page; idle sessions end."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("coordinate.login", next=request.path))  # type: ignore[return-value]
    now = time.time()
    idle = current_app.config["COORDINATOR_IDLE_MINUTES"] * 60
    if now - session.get(SEEN_KEY, now) > idle:
        logout_user()
        session.clear()
        return redirect(url_for("coordinate.login", next=request.path))  # type: ignore[return-value]
    session[SEEN_KEY] = now
    return None


@bp.after_request
def no_store(response: Response) -> Response:
    """Pages with contact data must not be cached anywhere."""
    response.headers["Cache-Control"] = "no-store"
    return response


from matcher.web.coordinate import (  # noqa: E402  (views register on bp)
    actions,
    admin,
    audit_log,
    catalog,
    coalition,
    organization_history,
    overview,
    sessions,
    suggestions,
    tags,
)

__all__ = [
    "actions",
    "admin",
    "audit_log",
    "bp",
    "catalog",
    "coalition",
    "organization_history",
    "overview",
    "sessions",
    "suggestions",
    "tags",
]
