"""Helpers available in every template."""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_skeleton
from babel.dates import format_time as babel_format_time
from flask import Flask, request, url_for
from flask_babel import (
    format_date,
    format_datetime,
    format_decimal,
    format_time,
    get_locale,
    gettext,
)
from flask_login import current_user

from matcher.domain.enums import STATUS_LABELS
from matcher.matching.sentences import render
from matcher.queries.feed_documents import event_times
from matcher.queries.listing import public_place, public_point
from matcher.queries.scope import may_read_action
from matcher.queries.target_pages import target_keys
from matcher.web.labels import FILTERS as LABEL_FILTERS


def webcal_url(endpoint: str, **values: Any) -> str:
    """The `webcal://` address of a calendar feed: calendar apps subscribe to it (and keep it
    up to date) instead of importing a copy."""
    url = url_for(endpoint, _external=True, **values)
    return "webcal://" + url.split("://", 1)[1]


def current_locale() -> str:
    """The language of this request ("en" or "es")."""
    locale = get_locale()
    return locale.language if locale else "en"


def page_url(number: int) -> str:
    """This page's URL with the same query string but another page number."""
    return page_url_with(page=str(number))


def page_url_with(**changes: str) -> str:
    """This page's URL with some query arguments replaced."""
    args = request.args.to_dict()
    args.update(changes)
    return url_for(request.endpoint or "public.index", **(request.view_args or {}), **args)


def target_links(text: str, target_type: Any = None) -> tuple[tuple[str, str], ...]:
    """Target page keys for a target text (see matcher.queries.target_pages)."""
    return target_keys(text, getattr(target_type, "value", target_type))


def status_label(value: object) -> str:
    """The translated name of a status value."""
    key = getattr(value, "value", value)
    return str(STATUS_LABELS.get(str(key), key))


def short_day(day: date) -> str:
    """Month and day in the request's language ("Oct 10", "10 oct")."""
    return format_skeleton("MMMd", day, locale=get_locale() or "en")


def reason_text(reason: dict[str, Any] | str) -> str:
    """A matching reason (matcher.matching.sentences) as a sentence in the request's language."""
    return render(reason, gettext, short_day)


def may_read(action: Any) -> bool:
    """Whether the logged-in coordinator may read this action in full (matcher.queries.scope);
    otherwise a page shows only its public fields."""
    return current_user.is_authenticated and may_read_action(current_user, action)


def event_hours(action: Any) -> str:
    """The action's time of day in its own zone ("6:30 PM – 8:00 PM MDT"); "" when all day."""
    times = event_times(action)
    if times is None:
        return ""
    locale = get_locale() or "en"
    start = babel_format_time(times[0], "short", tzinfo=times[0].tzinfo, locale=locale)
    zone = times[0].tzname() or ""
    if action.end_time is None:
        return f"{start} {zone}".strip()
    end = babel_format_time(times[1], "short", tzinfo=times[1].tzinfo, locale=locale)
    return f"{start} – {end} {zone}".strip()


def init_app(app: Flask) -> None:
    """Register the template globals."""
    app.jinja_env.filters["status"] = status_label
    app.jinja_env.filters["reason"] = reason_text
    app.jinja_env.filters.update(LABEL_FILTERS)
    app.jinja_env.globals.update(
        current_locale=current_locale,
        target_links=target_links,
        page_url=page_url,
        page_url_with=page_url_with,
        format_date=format_date,
        format_datetime=format_datetime,
        public_place=public_place,
        public_point=public_point,
        may_read=may_read,
        format_decimal=format_decimal,
        format_time=format_time,
        event_hours=event_hours,
        webcal_url=webcal_url,
    )
