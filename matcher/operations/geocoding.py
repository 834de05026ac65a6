"""Placing a stored action on the map; a failure flags it "needs location", never loses it."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from flask import current_app
from sqlalchemy import select

from matcher.extensions import db
from matcher.geocoding import make_geocoder
from matcher.geocoding.gazetteer import get_gazetteer
from matcher.geocoding.timezones import timezone_at
from matcher.models import Action, ActionStatus, GeocodeCacheEntry, Precision
from matcher.models.actions import COARSE, GUESSED_MATCHES
from matcher.operations.place_questions import ask_about_place
from matcher.operations.submissions import match_after_commit
from matcher.queries.catalog import facility_catalog
from matcher.security.crypto import blind_index

log = logging.getLogger(__name__)


class DatabaseGeocodeCache:
    """The online geocoders' result cache, kept in the `geocode_cache` table: a query can be a
    street address, so rows are found by the query's blind index and their value is encrypted."""

    @staticmethod
    def _key(key: str) -> str:
        return blind_index(key) or key[:400]

    def get(self, key: str) -> Any:
        """The cached value for `key`, or None."""
        entry = db.session.get(GeocodeCacheEntry, self._key(key))
        return None if entry is None else json.loads(entry.value)

    def set(self, key: str, value: Any) -> None:
        """Remember `value` (JSON-serializable) for `key`."""
        db.session.merge(GeocodeCacheEntry(key=self._key(key), value=json.dumps(value)))


def current_geocoder() -> Any:
    """The geocoder configured for this app, reading facility names with this instance's
    catalog (built again when coordinators change the catalog)."""
    catalog = facility_catalog()
    built = current_app.extensions.get("matcher.geocoder")
    if built is None or built[0] is not catalog:
        config = current_app.config
        options = {"domain": config["GEOCODER_DOMAIN"]} if config["GEOCODER_DOMAIN"] else {}
        geocoder = make_geocoder(
            config["GEOCODER"],
            user_agent=config["GEOCODER_USER_AGENT"],
            timeout=config["GEOCODER_TIMEOUT"],
            cache=DatabaseGeocodeCache(),
            facilities=catalog,
            **options,
        )
        built = (catalog, geocoder)
        current_app.extensions["matcher.geocoder"] = built
    return built[1]


FINE_PRECISIONS = (Precision.address, Precision.postcode)
_TRAILING_ZIP = re.compile(r"[\s,]*\b\d{5}(?:-\d{4})?\s*$")


def _city_point(geocoder: Any, location: Any, place: str) -> tuple[float, float]:
    """The point of the place (city) a fine-grained result lies in."""
    city = None
    try:
        city = geocoder.geocode(place)
    except Exception:
        log.warning("could not place the city %r of a fine-grained result", place)
    if city is not None:
        return city.latitude, city.longitude
    return round(location.latitude, 2), round(location.longitude, 2)


def _nearest_city(location: Any) -> tuple[str, tuple[float, float]] | None:
    """The gazetteer's nearest place to a point, as (name, point)."""
    nearest = get_gazetteer().reverse((location.latitude, location.longitude))
    if nearest is None:
        return None
    return (nearest.raw or {}).get("place") or nearest.address, (
        nearest.latitude,
        nearest.longitude,
    )


def apply_location(action: Action, location: Any, geocoder: Any = None) -> None:
    """Copy a geopy `Location` (with our `raw` fields) onto the action, and choose the public
    place and point: the city's for address- or postcode-level results and for given
    coordinates. An online provider names a street result by its street, so its public place
    and point are the gazetteer's nearest city instead (never asked back to the provider)."""
    raw = location.raw or {}
    provided = action.geocode_source == "provided"
    if not provided:
        action.latitude, action.longitude = location.latitude, location.longitude
        action.precision = Precision(raw.get("precision", "city"))
        action.geocode_source = raw.get("source", "gazetteer")
        action.geocode_match = _match_of(raw)
    action.facility_id = raw.get("facility")
    # Shown publicly: the place without a ZIP code (which would narrow a private address).
    action.place = _TRAILING_ZIP.sub("", raw.get("place") or location.address)[:200]
    action.state = raw.get("state")
    action.needs_location = False
    action.place_confirmed = False
    action.place_alternatives = _alternatives(raw.get("alternatives"))
    street_named = raw.get("source", "gazetteer") != "gazetteer" and (
        raw.get("precision") in {precision.value for precision in FINE_PRECISIONS}
    )
    city = _nearest_city(location) if street_named else None
    if city is not None:
        action.place = _TRAILING_ZIP.sub("", city[0])[:200]
        action.public_latitude, action.public_longitude = city[1]
    elif provided:  # a reverse geocode by the gazetteer: its point is the nearest place's
        action.public_latitude, action.public_longitude = location.latitude, location.longitude
    elif action.precision in FINE_PRECISIONS and geocoder is not None:
        point = _city_point(geocoder, location, action.place)
        action.public_latitude, action.public_longitude = point
    else:
        action.public_latitude, action.public_longitude = location.latitude, location.longitude
    if action.timezone_from_place is not False:
        action.timezone = timezone_at(location.latitude, location.longitude, action.state)


def _match_of(raw: dict[str, Any]) -> str | None:
    """How the place was found, as stored: "ambiguous" when the geocoder offers other places,
    "guess" when it answered but asks for a confirmation (a bare small town, a landmark whose
    town is not named) and the match alone would not say so."""
    match = raw.get("match")
    if raw.get("alternatives"):
        return "ambiguous"
    if raw.get("confirm") and match not in GUESSED_MATCHES and raw.get("precision") not in COARSE:
        return "guess"
    return match


def _alternatives(value: Any) -> list[dict[str, Any]] | None:
    """Other places a bare name may mean, as the geocoder offers them (at most five)."""
    if not isinstance(value, list):
        return None
    found = []
    for item in value[:5]:
        try:
            found.append(
                {
                    "place": str(item["place"])[:200],
                    "latitude": float(item["latitude"]),
                    "longitude": float(item["longitude"]),
                    "state": (str(item.get("state") or "")[:2] or None),
                }
            )
        except (KeyError, TypeError, ValueError):
            continue
    return found or None


def _hint(action: Action) -> str:
    """The rest of the form, read by the geocoder only for a state ("Pasadena" + "Texas")."""
    return " ".join(filter(None, (action.title, action.target, action.venue or "")))


def locate(action: Action, geocoder: Any = None) -> bool:
    """Geocode (or, for given coordinates, reverse-geocode) one action; True when placed.
    `geocoder` defaults to the configured one (`current_geocoder`)."""
    geocoder = geocoder or current_geocoder()
    try:
        if action.geocode_source == "provided" and action.latitude is not None:
            location = geocoder.reverse((action.latitude, action.longitude))
        else:
            location = geocoder.geocode(action.location_text, hint=_hint(action))
    except Exception:
        log.exception("geocoding action %s failed", action.id)
        location = None
    if location is None:
        action.needs_location = action.geocode_source != "provided"
        return False
    apply_location(action, location, geocoder)
    return True


def unplaced_action_ids(limit: int = 200) -> list[int]:
    """Actions never placed nor flagged (their geocode job was lost, e.g. broker down)."""
    query = (
        select(Action.id)
        .where(
            Action.latitude.is_(None),
            Action.needs_location.is_(False),
            Action.status.in_([ActionStatus.pending, ActionStatus.published]),
        )
        .order_by(Action.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def geocode_action(action_id: int) -> bool:
    """The geocode job: place the action and commit."""
    action = db.session.get(Action, action_id)
    if action is None:
        return False
    placed = locate(action)
    if placed and action.status == ActionStatus.published:
        match_after_commit(action.id)
    if placed and action.placement_uncertain:
        ask_about_place(action)
    db.commit()
    return placed
