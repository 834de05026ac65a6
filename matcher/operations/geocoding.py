"""Placing a stored action on the map; a failure flags it "needs location", never loses it."""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import current_app

from matcher.extensions import db
from matcher.models import Action, GeocodeCacheEntry, Precision

log = logging.getLogger(__name__)


class DatabaseGeocodeCache:
    """The online geocoders' result cache, kept in the `geocode_cache` table."""

    def get(self, key: str) -> Any:
        """The cached value for `key`, or None."""
        entry = db.session.get(GeocodeCacheEntry, key[:400])
        return None if entry is None else json.loads(entry.value)

    def set(self, key: str, value: Any) -> None:
        """Remember `value` (JSON-serializable) for `key`."""
        db.session.merge(GeocodeCacheEntry(key=key[:400], value=json.dumps(value)))


def current_geocoder() -> Any:
    """The geocoder configured for this app (built once per app)."""
    geocoder = current_app.extensions.get("matcher.geocoder")
    if geocoder is None:
        from matcher.geocoding import make_geocoder

        config = current_app.config
        options = {"domain": config["GEOCODER_DOMAIN"]} if config["GEOCODER_DOMAIN"] else {}
        geocoder = make_geocoder(
            config["GEOCODER"],
            user_agent=config["GEOCODER_USER_AGENT"],
            timeout=config["GEOCODER_TIMEOUT"],
            cache=DatabaseGeocodeCache(),
            **options,
        )
        current_app.extensions["matcher.geocoder"] = geocoder
    return geocoder


def apply_location(action: Action, location: Any) -> None:
    """Copy a geopy `Location` (with our `raw` fields) onto the action."""
    raw = location.raw or {}
    if action.geocode_source != "provided":
        action.latitude, action.longitude = location.latitude, location.longitude
        action.precision = Precision(raw.get("precision", "city"))
        action.geocode_source = raw.get("source", "gazetteer")
        action.geocode_match = raw.get("match")
    action.place = raw.get("place") or location.address
    action.state = raw.get("state")
    action.needs_location = False


def locate(action: Action) -> bool:
    """Geocode (or, for given coordinates, reverse-geocode) one action; True when placed."""
    geocoder = current_geocoder()
    try:
        if action.geocode_source == "provided" and action.latitude is not None:
            location = geocoder.reverse((action.latitude, action.longitude))
        else:
            location = geocoder.geocode(action.location_text)
    except Exception:
        log.exception("geocoding action %s failed", action.id)
        location = None
    if location is None:
        action.needs_location = action.geocode_source != "provided"
        return False
    apply_location(action, location)
    return True


def geocode_action(action_id: int) -> bool:
    """The geocode job: place the action and commit."""
    action = db.session.get(Action, action_id)
    if action is None:
        return False
    placed = locate(action)
    db.commit()
    return placed
