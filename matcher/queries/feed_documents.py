"""Feeds of published actions for the ecosystem: GeoJSON, iCalendar (RFC 5545) and OSDI events.

Only public fields: no contact data; points are the public (city-level) points; the venue only
when the organizer chose to publish it. An action without a start time is an all-day event on
its date (DTSTART;VALUE=DATE), so it shows on that date wherever the reader is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, vGeo

from matcher.models import Action, utcnow
from matcher.queries.listing import FeedItem, public_place, public_point

PRODID = "-//Close the Camps matcher//actions//EN"
OSDI_NAMESPACE = "matcher"


def _location_text(action: Action) -> str:
    place = public_place(action)
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
                    "place": public_place(action),
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
    # DTSTAMP, CREATED and LAST-MODIFIED from the stored action, never from the render: every
    # worker writes the same feed, byte for byte, so every worker gives the same ETag.
    event.add("dtstamp", action.updated_at or action.created_at or utcnow())
    if action.created_at:
        event.add("created", action.created_at)
    if action.updated_at:
        event.add("last-modified", action.updated_at)
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


def _utc(moment: datetime | None) -> str | None:
    """An ISO 8601 UTC timestamp ("2027-10-01T18:04:31Z")."""
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _osdi_dates(action: Action) -> dict[str, Any]:
    """start_date/end_date as datetimes in the action's zone; an all-day action as the spec's
    all-day form (all_day, all_day_date) with its local midnights, so a client anywhere reads
    the right day (a bare date is read as UTC midnight: the evening before in Chicago)."""
    times = event_times(action)
    zone = _zone(action)
    if times is not None:
        dates: dict[str, Any] = {"start_date": times[0].isoformat(), "all_day": False}
        if action.end_time is not None:  # no end given: none is invented
            dates["end_date"] = times[1].isoformat()
        return dates
    start = datetime.combine(action.date, time(0), tzinfo=zone)
    end = start + timedelta(days=1)
    naive = zone is None  # local midnight wherever the reader is
    return {
        "start_date": start.replace(tzinfo=None).isoformat() if naive else start.isoformat(),
        "end_date": end.replace(tzinfo=None).isoformat() if naive else end.isoformat(),
        "all_day": True,
        "all_day_date": action.date.isoformat(),
    }


def _osdi_location(action: Action) -> dict[str, Any]:
    """The spec's address object with the public, city-level fields only."""
    lat, lon = public_point(action)
    place = action.place or ""
    locality = place.rsplit(", ", 1)[0] if ", " in place else place
    location: dict[str, Any] = {"locality": locality, "region": action.state or "", "country": "US"}
    published = ""  # the street address, only when the organizer published it
    if action.address_public:
        published = action.venue or ("" if action.place else action.location_text)
    if published:
        location["venue"] = published
        location["address_lines"] = [published]
    elif action.meeting_point:
        location["venue"] = action.meeting_point
    if lat is not None and lon is not None:
        accuracy = "Rooftop" if action.address_public else "Approximate"
        location["location"] = {"latitude": lat, "longitude": lon, "accuracy": accuracy}
    return location


def osdi_event(action: Action, browser_url: str, self_url: str) -> dict[str, Any]:
    """An OSDI event (the fields Action Network and Mobilize read), with its HAL links."""
    event: dict[str, Any] = {
        "identifiers": [f"{OSDI_NAMESPACE}:{action.slug}"],
        "origin_system": "Close the Camps matcher",
        "created_date": _utc(action.created_at),
        "modified_date": _utc(action.updated_at),
        "title": action.title,
        "name": action.slug,
        "description": action.description,
        "browser_url": browser_url,
        "type": "open",
        "status": "confirmed",
        "visibility": "public",
        **_osdi_dates(action),
        "location": _osdi_location(action),
        "sponsor": {"name": ", ".join(org.name for org in action.organizations)},
        "_links": {"self": {"href": self_url}},
    }
    if action.timezone:
        event["timezone_identifier"] = action.timezone
    if action.event_url:
        event["_links"]["osdi:rsvp"] = {"href": action.event_url}
    return event


def osdi_cancelled(action: Action, self_url: str) -> dict[str, Any]:
    """A withdrawn, removed or unlisted action as a cancelled event: nothing it said."""
    return {
        "identifiers": [f"{OSDI_NAMESPACE}:{action.slug}"],
        "origin_system": "Close the Camps matcher",
        "created_date": _utc(action.created_at),
        "modified_date": _utc(action.updated_at),
        "status": "cancelled",
        "_links": {"self": {"href": self_url}},
    }
