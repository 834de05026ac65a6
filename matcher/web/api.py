"""JSON API v1: published actions, and submissions (same fields as the CSV format)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, jsonify, request
from flask_babel import gettext as _

from matcher.extensions import csrf, db
from matcher.formats.action_fields import validate_action
from matcher.operations import OperationError
from matcher.operations.submissions import submit_action
from matcher.queries.listing import get_public_action, public_action, public_page
from matcher.web.guards import request_json
from matcher.web.limits import limit_submissions, limit_submissions_per_address
from matcher.web.public import filters_from_request, page_number
from matcher.web.public_cache import public_cache

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


def _errors(errors: dict[str, str], status: int = 422) -> tuple[Any, int]:
    return jsonify(errors=errors), status


@bp.get("/actions")
@public_cache(localized=False)
def list_actions() -> Any:
    """Published actions by date; `state`, `target_type`, `past=1`, `page`, `per_page`."""
    per_page = max(1, min(request.args.get("per_page", 100, type=int) or 100, 500))
    filters, errors = filters_from_request()
    if errors:
        return _errors(errors, 400)
    page = public_page(filters, page_number(), per_page)
    return jsonify(
        actions=[public_action(action) for action in page.actions],
        page=page.page,
        per_page=page.per_page,
        total=page.total,
    )


@bp.get("/actions/<slug>")
def get_action(slug: str) -> Any:
    """One published action."""
    action = get_public_action(slug)
    if action is None:
        abort(404)
    return jsonify(public_action(action))


@bp.post("/actions")
@limit_submissions
@limit_submissions_per_address
def create_action() -> Any:
    """Submit an action; it is published once the organizer follows the emailed link."""
    data, _problem = request_json()  # refused before this view when it cannot be read
    if not isinstance(data, dict):
        return _errors({"body": _("Send a JSON object with the action's fields.")}, 400)
    action_input, errors = validate_action(data, strict=True)
    if action_input is None:
        return _errors(errors)
    try:
        submitted = submit_action(action_input, source="api")
    except OperationError as exc:
        db.rollback()
        return _errors(exc.errors)
    db.commit()
    return jsonify(
        status="pending",
        message=_("Check your email and follow the link to publish the action."),
        id=submitted.action.slug,
    ), 202
