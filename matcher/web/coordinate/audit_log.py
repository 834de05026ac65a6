"""The audit log as a page for admins, filterable by coordinator and verb."""

from __future__ import annotations

from flask import render_template, request
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Coordinator
from matcher.queries.audit_log import audit_page, audit_verbs
from matcher.security.auth import admin_required
from matcher.web.coordinate import bp


def _number(value: str | None) -> int | None:
    text = (value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


@bp.get("/audit")
@admin_required
def audit_log() -> str:
    """Who did what, newest first."""
    verbs = audit_verbs()
    verb = request.args.get("verb") or None
    coordinator_id = _number(request.args.get("coordinator"))
    page = audit_page(
        coordinator_id=coordinator_id,
        verb=verb if verb in verbs else None,
        before=_number(request.args.get("before")),
    )
    return render_template(
        "coordinate/audit.html",
        page=page,
        verbs=verbs,
        verb=verb,
        coordinator_id=coordinator_id,
        coordinators=db.session.scalars(select(Coordinator).order_by(Coordinator.email)).all(),
    )
