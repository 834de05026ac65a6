"""Feeds of published actions for the ecosystem: GeoJSON, iCalendar (RFC 5545) and OSDI events.

Only public fields: no contact data; points are the public (city-level) points; the venue only
when the organizer chose to publish it. An action without a start time is an all-day event on
its date (DTSTART;VALUE=DATE), so it shows on that date wherever the reader is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, vGeo

from matcher.models import Action, utcnow
from matcher.queries.listing import FeedItem, public_point

PRODID = "-//Close the Camps matcher//actions//EN"


def _location_text(action: Action) -> str:
    place = action.place or action.location_text
    if action.address_public and action.venue:
        return f"{action.venue}, {place}"
    if action.meeting_point:
        return f"{action.meeting_point}, {place}"
    return place


def geojson(actions: Iterable[FeedItem], url_for_slug: Callable[[str], str]) -> dict[str, Any]:
    """A FeatureCollection of the actions that have a public point (RFC 7946)."""
    features = []
    for action in actions:
        lat, lon = public_point(action)
        if lat is None or lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": action.slug,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "title": action.title,
                    "date": action.date.isoformat(),
                    "place": action.place or action.location_text,
                    "target_type": action.target_type.value,
                    "target": action.target,
                    "organizations": list(action.organizations),
                    "url": url_for_slug(action.slug),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


DEFAULT_DURATION = timedelta(hours=2)


def _zone(action: Action) -> ZoneInfo | None:
    try:
        return ZoneInfo(action.timezone) if action.timezone else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def event_times(action: Action) -> tuple[datetime, datetime] | None:
    """Start and end as aware datetimes in the action's zone (two hours when no end is given),
    or None for an all-day action (no start time, or no known zone)."""
    zone = _zone(action)
    if action.start_time is None or zone is None:
        return None
    start = datetime.combine(action.date, action.start_time, tzinfo=zone)
    if action.end_time is not None and action.end_time > action.start_time:
        return start, datetime.combine(action.date, action.end_time, tzinfo=zone)
    return start, start + DEFAULT_DURATION


def _event(action: Action, url: str, domain: str) -> Event:
    event = Event()
    event.add("uid", f"{action.slug}@{domain}")
    event.add("dtstamp", utcnow())
    event.add("summary", action.title)
    times = event_times(action)
    if times is not None:  # DTSTART;TZID=America/Chicago, with its VTIMEZONE
        event.add("dtstart", times[0])
        event.add("dtend", times[1])
    else:
        event.add("dtstart", action.date)  # VALUE=DATE: the same day in every time zone
        event.add("dtend", action.date + timedelta(days=1))
    event.add("location", _location_text(action))
    lat, lon = public_point(action)
    if lat is not None and lon is not None:
        event.add("geo", vGeo((lat, lon)))
    lines = [action.description] if action.description else []
    if action.meeting_point:
        lines.append(f"Meeting point: {action.meeting_point}")
    if action.event_url:
        lines.append(f"Event page: {action.event_url}")
    if action.target:
        lines.append(f"Target: {action.target}")
    if action.organizations:
        lines.append("Coalition: " + ", ".join(org.name for org in action.organizations))
    lines.append(url)
    event.add("description", "\n\n".join(lines))
    event.add("url", url)
    return event


def icalendar(
    actions: Iterable[Action],
    url_for_action: Any,
    domain: str,
    name: str = "Close the Camps actions",
) -> bytes:
    """An iCalendar document with one event per action."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for action in actions:
        calendar.add_component(_event(action, url_for_action(action), domain))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def osdi_event(action: Action, url: str) -> dict[str, Any]:
    """An OSDI event (the fields Action Network and Mobilize read)."""
    lat, lon = public_point(action)
    place = action.place or action.location_text
    locality, _, region = place.partition(", ")
    location: dict[str, Any] = {
        "venue": action.venue if action.address_public and action.venue else "",
        "address_lines": [action.venue] if action.address_public and action.venue else [],
        "locality": locality,
        "region": action.state or region[:2],
        "postal_code": "",
        "country": "US",
    }
    if lat is not None and lon is not None:
        location["location"] = {
            "latitude": lat,
            "longitude": lon,
            "accuracy": "Rooftop" if action.address_public else "Approximate",
        }
    times = event_times(action)
    start = times[0].isoformat() if times else action.date.isoformat()
    extra: dict[str, Any] = {}
    if times and action.end_time is not None:  # no end given: none is invented
        extra["end_date"] = times[1].isoformat()
    if action.timezone:
        extra["timezone"] = action.timezone
    return {
        "identifiers": [f"matcher:{action.slug}"],
        "origin_system": "Close the Camps matcher",
        "title": action.title,
        "name": action.slug,
        "description": action.description,
        "browser_url": url,
        "start_date": start,
        **extra,
        "all_day": times is None,
        "status": "confirmed",
        "location": location,
        "sponsor": {"name": ", ".join(org.name for org in action.organizations)},
    }
