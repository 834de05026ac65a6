"""Public pages: the list of published actions and one page per action."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from matcher.models.enums import TARGET_TYPE_LABELS
from matcher.queries.listing import (
    ActionFilter,
    get_public_action,
    public_page,
    public_regions,
    public_states,
)
from matcher.queries.target_pages import public_targets, target_page
from matcher.web.filters import FIELD_LABELS, parse_filters
from matcher.web.public_cache import public_cache

bp = Blueprint("public", __name__)


def filters_from_request() -> tuple[ActionFilter, dict[str, str]]:
    """Filters from the query string and `{field: message}` for unreadable ones."""
    return parse_filters(request.args)


def page_number() -> int:
    """`?page=N`, at least 1."""
    return max(1, min(request.args.get("page", 1, type=int) or 1, 10_000))


@bp.get("/")
@public_cache()
def index() -> str:
    """Published actions by date, filterable by state and target type."""
    filters, errors = filters_from_request()
    return render_template(
        "public/index.html",
        page=public_page(filters, page_number()),
        filters=filters,
        errors=errors,
        field_labels=FIELD_LABELS,
        states=public_states(),
        regions=public_regions(),
        target_types=TARGET_TYPE_LABELS,
        tile_url=current_app.config["MAP_TILE_URL"],
        tile_attribution=current_app.config["MAP_TILE_ATTRIBUTION"],
    )


@bp.get("/actions/<slug>")
def action(slug: str) -> str:
    """One published action, without contact details."""
    found = get_public_action(slug)
    if found is None:
        abort(404)
    return render_template("public/action.html", action=found)


@bp.get("/targets")
def targets() -> str:
    """Every target named by upcoming actions, most named first."""
    found = sorted(
        public_targets().values(),
        key=lambda t: (-len(t.actions) - len(t.related), t.name.casefold()),
    )
    return render_template("public/targets.html", targets=found)


@bp.get("/targets/<key>")
def target(key: str) -> str:
    """Who else is acting at this target."""
    found = target_page(key[:100])
    if found is None:
        abort(404)
    return render_template("public/target.html", target=found)
