"""Feeds: GeoJSON and iCalendar of the (filtered) public list, one .ics per action, OSDI."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, abort, current_app, jsonify, request, url_for

from matcher.extensions import csrf, db
from matcher.models import Action
from matcher.queries import feed_documents, osdi
from matcher.queries.listing import (
    ActionFilter,
    get_public_action,
    public_feed_items,
    public_query,
)
from matcher.web import openapi
from matcher.web.filters import parse_filters
from matcher.web.public_cache import public_cache

bp = Blueprint("feeds", __name__)
csrf.exempt(bp)
FEED_LIMIT = 5000
OSDI_MAX_PER_PAGE = 100
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


def _hal(document: dict[str, Any], status: int = 200) -> Response:
    response = jsonify(document)
    response.status_code = status
    response.mimetype = "application/hal+json"
    return response


def _curies() -> list[dict[str, Any]]:
    return [
        {
            "name": "osdi",
            "href": "https://opensupporter.github.io/osdi-docs/{rel}",
            "templated": True,
        }
    ]


@bp.get("/api/osdi/v1/")
@public_cache(localized=False)
def osdi_entry_point() -> Response:
    """The OSDI API entry point (AEP): what this server offers and where."""
    return _hal(
        {
            "motd": "Published local actions against immigrant detention, as OSDI events.",
            "vendor_name": "Close the Camps matcher",
            "product_name": "matcher",
            "osdi_version": "1.0",
            "max_pagesize": OSDI_MAX_PER_PAGE,
            "namespace": feed_documents.OSDI_NAMESPACE,
            "_links": {
                "curies": _curies(),
                "self": {
                    "href": url_for(".osdi_entry_point", _external=True),
                    "title": "This API entry point",
                },
                "osdi:events": {
                    "href": url_for(".osdi_events", _external=True),
                    "title": "The published actions, and recently cancelled ones",
                },
                "docs": {
                    "href": url_for(".openapi_document", _external=True),
                    "title": "Documentation",
                },
            },
        }
    )


def _event_document(action: Action, browser: Callable[[str], str]) -> dict[str, Any]:
    self_url = url_for(".osdi_event", slug=action.slug, _external=True)
    if osdi.is_cancelled(action):
        return feed_documents.osdi_cancelled(action, self_url)
    return feed_documents.osdi_event(action, browser(action.slug), self_url)


@bp.get("/api/osdi/v1/events")
@public_cache(localized=False)
def osdi_events() -> Any:
    """OSDI events of the published actions (and recently cancelled ones), paged (`page`,
    `per_page`), with the list's filters and an OData `filter` on modified_date/created_date."""
    filters, errors = parse_filters(request.args)
    comparisons: list[osdi.Comparison] = []
    odata = request.args.get("filter", "")
    try:
        comparisons = osdi.parse_filter(odata) if odata.strip() else []
    except osdi.FilterError as exc:
        errors["filter"] = str(exc)
    per_page, page_number, paging_errors = _paging(request.args)
    errors.update(paging_errors)
    if errors:
        return jsonify(errors=errors), 400
    page = osdi.events_page(filters, comparisons, page_number, per_page)
    browser = _slug_url()
    events = [_event_document(action, browser) for action in page.actions]
    links: dict[str, Any] = {
        "curies": _curies(),
        "self": {"href": _page_url(page_number, per_page)},
        "osdi:events": [event["_links"]["self"] for event in events],
    }
    if page_number < page.pages:
        links["next"] = {"href": _page_url(page_number + 1, per_page)}
    if page_number > 1:
        links["prev"] = links["previous"] = {"href": _page_url(page_number - 1, per_page)}
    return _hal(
        {
            "total_pages": page.pages,
            "per_page": per_page,
            "page": page_number,
            "total_records": page.total,
            "_links": links,
            "_embedded": {"osdi:events": events},
        }
    )


@bp.get("/api/osdi/v1/events/<slug>")
@public_cache(localized=False)
def osdi_event(slug: str) -> Response:
    """One OSDI event (404 when it is not public, nor recently cancelled)."""
    action = osdi.event_by_slug(slug)
    if action is None:
        abort(404)
    return _hal(_event_document(action, _slug_url()))


def _paging(args: Any) -> tuple[int, int, dict[str, str]]:
    """`per_page` (1..OSDI_MAX_PER_PAGE) and `page` (1..10,000), or errors naming them."""
    errors: dict[str, str] = {}
    values = {}
    for name, default, top in (("per_page", 25, OSDI_MAX_PER_PAGE), ("page", 1, 10_000)):
        raw = args.get(name, "")
        if not raw:
            values[name] = default
        elif raw.isascii() and raw.isdigit() and 1 <= int(raw) <= top:
            values[name] = int(raw)
        else:
            errors[name] = f"Give a whole number from 1 to {top}."
            values[name] = default
    return values["per_page"], values["page"], errors


def _page_url(page: int, per_page: int) -> str:
    """This collection's URL with the same query but another page."""
    args = request.args.to_dict()
    args.update(page=str(page), per_page=str(per_page))
    return url_for(".osdi_events", _external=True, **args)
