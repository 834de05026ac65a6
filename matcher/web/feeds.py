"""Feeds: GeoJSON and iCalendar of the (filtered) public list, one .ics per action, OSDI."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, abort, current_app, jsonify, request, url_for

from matcher.extensions import csrf, db
from matcher.models import Action
from matcher.queries import feed_documents
from matcher.queries.listing import (
    ActionFilter,
    get_public_action,
    public_feed_items,
    public_page,
    public_query,
)
from matcher.web import openapi
from matcher.web.filters import parse_filters
from matcher.web.public_cache import public_cache

bp = Blueprint("feeds", __name__)
csrf.exempt(bp)
FEED_LIMIT = 5000
SLUG_MARK = "SLUG-MARK"
PLAIN_SLUG = re.compile(r"[A-Za-z0-9_.~-]+")  # nothing to quote in a URL path


def _slug_url() -> Callable[[str], str]:
    """The public URL of an action by its slug: one `url_for` for the whole feed (slugs are
    URL-safe tokens; any other still goes through `url_for`)."""
    template = url_for("public.action", slug=SLUG_MARK, _external=True)

    def url(slug: str) -> str:
        if PLAIN_SLUG.fullmatch(slug):
            return template.replace(SLUG_MARK, slug)
        return url_for("public.action", slug=slug, _external=True)

    return url


def _filters() -> ActionFilter:
    filters, errors = parse_filters(request.args)
    if errors:
        abort(
            Response(current_app.json.dumps({"errors": errors}), 400, mimetype="application/json")
        )
    return filters


def _filtered() -> list[Action]:
    return list(db.session.scalars(public_query(_filters()).limit(FEED_LIMIT)))


def _calendar(actions: list[Action], filename: str) -> Response:
    url = _slug_url()
    body = feed_documents.icalendar(
        actions, lambda action: url(action.slug), current_app.config["SERVER_NAME_FOR_MAIL"]
    )
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


@bp.get("/feeds/actions.geojson")
@public_cache(localized=False)
def geojson() -> Response:
    """Published actions (same filters as the list) as GeoJSON."""
    items = public_feed_items(_filters(), FEED_LIMIT)
    response = jsonify(feed_documents.geojson(items, _slug_url()))
    response.mimetype = "application/geo+json"
    return response


@bp.get("/feeds/actions.ics")
@public_cache(localized=False)
def calendar() -> Response:
    """Published actions (same filters as the list) as an iCalendar feed."""
    return _calendar(_filtered(), "actions.ics")


@bp.get("/actions/<slug>.ics")
def action_calendar(slug: str) -> Response:
    """One action, to add to a calendar."""
    action = get_public_action(slug)
    if action is None:
        abort(404)
    return _calendar([action], f"{slug}.ics")


@bp.get("/api/openapi.json")
def openapi_document() -> Any:
    """The OpenAPI document of the public API."""
    return jsonify(openapi.document())


@bp.get("/api/osdi/v1/events")
@public_cache(localized=False)
def osdi_events() -> Any:
    """OSDI events of the published actions, paged (`page`, `per_page`)."""
    filters, errors = parse_filters(request.args)
    if errors:
        return jsonify(errors=errors), 400
    per_page = max(1, min(request.args.get("per_page", 25, type=int) or 25, 100))
    page_number = max(1, min(request.args.get("page", 1, type=int) or 1, 10_000))
    page = public_page(filters, page_number, per_page)
    url = _slug_url()
    return jsonify(
        {
            "total_pages": page.pages,
            "per_page": per_page,
            "page": page_number,
            "total_records": page.total,
            "_embedded": {
                "osdi:events": [feed_documents.osdi_event(a, url(a.slug)) for a in page.actions]
            },
        }
    )
