"""Public pages: the list of published actions and one page per action."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from matcher.listing import ActionFilter, get_public_action, public_page, public_states
from matcher.models import TargetType
from matcher.models.enums import TARGET_TYPE_LABELS

bp = Blueprint("public", __name__)


def filters_from_request() -> ActionFilter:
    """Filters from the query string; unknown values are ignored, not errors."""
    state = (request.args.get("state") or "").strip().upper()[:2] or None
    try:
        target_type = TargetType(request.args.get("target_type", ""))
    except ValueError:
        target_type = None
    return ActionFilter(
        state=state, target_type=target_type, include_past=request.args.get("past") == "1"
    )


def page_number() -> int:
    """`?page=N`, at least 1."""
    return max(1, min(request.args.get("page", 1, type=int) or 1, 10_000))


@bp.get("/")
def index() -> str:
    """Published actions by date, filterable by state and target type."""
    filters = filters_from_request()
    return render_template(
        "public/index.html",
        page=public_page(filters, page_number()),
        filters=filters,
        states=public_states(),
        target_types=TARGET_TYPE_LABELS,
    )


@bp.get("/actions/<slug>")
def action(slug: str) -> str:
    """One published action, without contact details."""
    found = get_public_action(slug)
    if found is None:
        abort(404)
    return render_template("public/action.html", action=found)
