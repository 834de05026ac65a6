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
from matcher.queries.listing import FeedItem, public_place, public_point

PRODID = "-//Close the Camps matcher//actions//EN"


def _location_text(action: Action) -> str:
    place = public_place(action)
    if action.address_public and action.venue:
        return f"{action.venue}, {place}"
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
                    "place": public_place(action),
                    "target_type": action.target_type.value,
                    "target": action.target,
                    "organizations": list(action.organizations),
                    "url": url_for_slug(action.slug),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _event(action: Action, url: str, domain: str) -> Event:
    event = Event()
    event.add("uid", f"{action.slug}@{domain}")
    event.add("dtstamp", utcnow())
    event.add("summary", action.title)
    if action.start_time and action.timezone:
        try:
            zone = ZoneInfo(action.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            zone = None
        if zone is not None:
            start = datetime.combine(action.date, action.start_time, tzinfo=zone)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(hours=2))
    if "dtstart" not in event:
        event.add("dtstart", action.date)  # VALUE=DATE: the same day in every time zone
        event.add("dtend", action.date + timedelta(days=1))
    event.add("location", _location_text(action))
    lat, lon = public_point(action)
    if lat is not None and lon is not None:
        event.add("geo", vGeo((lat, lon)))
    lines = [action.description] if action.description else []
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
    locality, _, region = (action.place or "").partition(", ")
    published = ""  # the street address, only when the organizer published it
    if action.address_public:
        published = action.venue or ("" if action.place else action.location_text)
    location: dict[str, Any] = {
        "venue": published,
        "address_lines": [published] if published else [],
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
    start = action.date.isoformat()
    if action.start_time:
        start = datetime.combine(action.date, action.start_time).isoformat()
    return {
        "identifiers": [f"matcher:{action.slug}"],
        "origin_system": "Close the Camps matcher",
        "title": action.title,
        "name": action.slug,
        "description": action.description,
        "browser_url": url,
        "start_date": start,
        "all_day": action.start_time is None,
        "status": "confirmed",
        "location": location,
        "sponsor": {"name": ", ".join(org.name for org in action.organizations)},
    }
