"""Online providers through geopy, with rate limiting, a result cache and gazetteer fallback.

``make_geocoder("nominatim", user_agent="matcher/1.0 (ops@example.org)")`` wraps geopy's
provider in :class:`OnlineGeocoder`: requests go through geopy's ``RateLimiter`` (Nominatim and
Photon: at most one per second by default, as their usage policies ask), answers are cached
(including "nothing found"), junk inputs are never sent, and a failing or empty provider falls
back to the offline gazetteer. Nominatim data is © OpenStreetMap contributors (ODbL).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from typing import Any

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from matcher.geocoding.facilities import FacilityCatalog
from matcher.geocoding.gazetteer import GazetteerGeocoder, get_gazetteer
from matcher.geocoding.normalize import fold

__all__ = [
    "DEFAULT_USER_AGENT",
    "OnlineGeocoder",
    "make_geocoder",
    "make_geocoder_from_env",
    "provider_precision",
]

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = "matcher-geocoder/0.1 (regional organizer matching; set GEOCODER_USER_AGENT)"
#: Seconds between requests when the caller does not say (public services' usage policies).
DEFAULT_MIN_DELAY = {"nominatim": 1.0, "photon": 1.0}
_OFFLINE_NAMES = {"", "gazetteer", "offline", "embedded"}
_PRECISION_BY_TYPE = {
    "house": "address",
    "building": "address",
    "address": "address",
    "venue": "address",
    "house_number": "address",
    "street": "address",
    "road": "address",
    "amenity": "address",
    "postcode": "postcode",
    "postalcode": "postcode",
    "city": "city",
    "town": "city",
    "village": "city",
    "hamlet": "city",
    "locality": "city",
    "municipality": "city",
    "suburb": "city",
    "neighbourhood": "city",
    "borough": "city",
    "quarter": "city",
    "district": "city",
    "localadmin": "city",
    "isolated_dwelling": "city",
    "county": "county",
    "state_district": "county",
    "region": "state",
    "state": "state",
    "country": "state",
}


def provider_precision(raw: Mapping[str, Any]) -> str:
    """Map a provider's raw answer (Nominatim, Photon, Pelias) to one of our precisions."""
    props = raw.get("properties") if isinstance(raw.get("properties"), Mapping) else {}
    for value in (
        raw.get("addresstype"),
        raw.get("type"),
        props.get("type"),
        props.get("layer"),
        props.get("osm_value"),
    ):
        if isinstance(value, str) and value in _PRECISION_BY_TYPE:
            return _PRECISION_BY_TYPE[value]
    return "address"


class OnlineGeocoder:
    """A geopy provider behind a rate limiter and a cache, falling back to the gazetteer."""

    def __init__(
        self,
        provider: Geocoder,
        name: str,
        *,
        min_delay_seconds: float = 0.0,
        cache: Any = None,
        fallback: GazetteerGeocoder | None = None,
        max_retries: int = 0,
        geocode_options: Mapping[str, Any] | None = None,
    ):
        self.provider = provider
        self.name = name
        self.cache = cache
        self.fallback = fallback
        self.geocode_options = dict(geocode_options or {})
        self._geocode = RateLimiter(
            provider.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            swallow_exceptions=False,
        )
        self._reverse = RateLimiter(
            provider.reverse,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            swallow_exceptions=False,
        )

    def geocode(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        hint: str | None = None,
    ) -> Location | list[Location] | None:
        """A facility or office of the catalog named in the text (providers do not know
        "Krome"), else the provider's answer (cached), else the gazetteer's (with ``hint``,
        the rest of the form); None when none finds a place."""
        text = str(query or "").strip()
        folded = fold(text)
        timeout = DEFAULT_SENTINEL if timeout is None else timeout  # None: the configured one
        gazetteer = self.fallback or get_gazetteer()
        if not folded or folded in gazetteer.data.junk:
            return None
        facility = gazetteer.facility(text)
        if facility is not None:
            return self._answer(facility, exactly_one)
        cache_key = f"geocode:{self.name}:{folded}"
        cached = self.cache.get(cache_key) if self.cache is not None else None
        if cached is not None:
            location = self._from_cached(cached) if cached.get("found") else None
            return self._answer(
                location or self._fall_back(text, "no result (cached)", hint), exactly_one
            )
        try:
            result = self._geocode(text, exactly_one=True, timeout=timeout, **self.geocode_options)
        except GeopyError as exc:
            # Neither the query nor the message (it may hold the URL) is logged: addresses
            # must not reach logs.
            log.warning("geocoder %s failed for a query: %s", self.name, type(exc).__name__)
            return self._answer(self._fall_back(text, type(exc).__name__, hint), exactly_one)
        if result is None:
            self._store(cache_key, {"found": False})
            return self._answer(self._fall_back(text, "no result", hint), exactly_one)
        return self._answer(self._remember(cache_key, result), exactly_one)

    def reverse(
        self, query: Any, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL
    ) -> Location | list[Location] | None:
        """Nearest place from the provider (cached), else from the gazetteer."""
        point = Point(query)
        timeout = DEFAULT_SENTINEL if timeout is None else timeout
        cache_key = f"reverse:{self.name}:{point.latitude:.5f},{point.longitude:.5f}"
        cached = self.cache.get(cache_key) if self.cache is not None else None
        if cached is not None and cached.get("found"):
            return self._answer(self._from_cached(cached), exactly_one)
        try:
            result = self._reverse(point, exactly_one=True, timeout=timeout)
        except GeopyError as exc:
            log.warning("geocoder %s reverse failed: %s", self.name, type(exc).__name__)
            result = None
        if result is None:
            return (self.fallback or get_gazetteer()).reverse(point, exactly_one=exactly_one)
        return self._answer(self._remember(cache_key, result), exactly_one)

    # -- helpers ---------------------------------------------------------------------------
    def _remember(self, cache_key: str, result: Location) -> Location:
        """Our `Location` for a provider's answer, stored in the cache."""
        location = self._convert(result)
        self._store(
            cache_key,
            {
                "found": True,
                "address": location.address,
                "latitude": location.latitude,
                "longitude": location.longitude,
                "raw": location.raw,
            },
        )
        return location

    @staticmethod
    def _answer(location: Location | None, exactly_one: bool) -> Any:
        if location is None or exactly_one:
            return location
        return [location]

    def _store(self, cache_key: str, value: dict[str, Any]) -> None:
        if self.cache is None:
            return
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            value = {
                **value,
                "raw": {k: v for k, v in value.get("raw", {}).items() if k != "provider_raw"},
            }
        self.cache.set(cache_key, value)

    @staticmethod
    def _from_cached(cached: Mapping[str, Any]) -> Location:
        raw = dict(cached["raw"])
        raw["cached"] = True
        return Location(cached["address"], (cached["latitude"], cached["longitude"]), raw)

    def _convert(self, result: Location) -> Location:
        provider_raw = result.raw if isinstance(result.raw, dict) else {}
        gazetteer = self.fallback or get_gazetteer()
        nearest = gazetteer.reverse((result.latitude, result.longitude))
        state = None
        if nearest is not None and nearest.raw.get("distance_km", 1e9) <= 50:
            state = nearest.raw.get("state")
        raw = {
            "place": result.address,
            "precision": provider_precision(provider_raw),
            "match": "provider",
            "state": state,
            "population": None,
            "fuzzy": False,
            "source": self.name,
            "latitude": result.latitude,
            "longitude": result.longitude,
            "provider_raw": provider_raw,
        }
        return Location(result.address, (result.latitude, result.longitude), raw)

    def _fall_back(self, text: str, reason: str, hint: str | None = None) -> Location | None:
        if self.fallback is None:
            return None
        location = self.fallback.geocode(text, hint=hint)
        if isinstance(location, Location):
            location.raw["fallback_from"] = self.name
            location.raw["fallback_reason"] = reason
        return location


def make_geocoder(
    name: str = "gazetteer",
    *,
    user_agent: str = DEFAULT_USER_AGENT,
    timeout: float = 5,
    min_delay_seconds: float | None = None,
    cache: Any = None,
    facilities: FacilityCatalog | None = None,
    **provider_options: Any,
) -> Any:
    """A geocoder by name: "gazetteer" (offline, the default) or any geopy service name
    ("nominatim", "photon", "pelias", ...), wrapped in :class:`OnlineGeocoder`.

    ``provider_options`` go to the geopy class (e.g. ``domain``, ``scheme``, ``api_key``),
    except these, used by the wrapper: ``geocode_options`` (extra keyword arguments for each
    ``geocode`` call; Nominatim defaults to ``country_codes=["us", "pr"]``), ``max_retries``
    (default 0: a failure falls back at once) and ``fallback`` (default True).
    """
    service = (name or "").strip().lower()
    gazetteer = get_gazetteer() if facilities is None else GazetteerGeocoder(facilities=facilities)
    if service in _OFFLINE_NAMES:
        return gazetteer
    geocode_options = dict(provider_options.pop("geocode_options", None) or {})
    max_retries = int(provider_options.pop("max_retries", 0))
    use_fallback = bool(provider_options.pop("fallback", True))
    if service == "nominatim":
        geocode_options.setdefault("country_codes", ["us", "pr"])
    provider_class = get_geocoder_for_service(service)
    provider_options.setdefault("adapter_factory", _adapter_without_retries)
    provider = provider_class(user_agent=user_agent, timeout=timeout, **provider_options)
    delay = DEFAULT_MIN_DELAY.get(service, 0.0) if min_delay_seconds is None else min_delay_seconds
    return OnlineGeocoder(
        provider,
        service,
        min_delay_seconds=delay,
        cache=cache,
        fallback=gazetteer if use_fallback else None,
        max_retries=max_retries,
        geocode_options=geocode_options,
    )


def _adapter_without_retries(**options: Any) -> Any:
    """geopy's default HTTP adapter, but without its own retries: the requests adapter retries
    twice, so a hung provider would hold a submission for three timeouts before the gazetteer
    answers. Retries, when wanted, are the RateLimiter's (``max_retries``)."""
    from geopy.adapters import RequestsAdapter, URLLibAdapter

    if RequestsAdapter.is_available:
        return RequestsAdapter(max_retries=0, **options)
    return URLLibAdapter(**options)


def make_geocoder_from_env(environ: Mapping[str, str] | None = None, *, cache: Any = None) -> Any:
    """:func:`make_geocoder` configured from ``GEOCODER`` (default "gazetteer"),
    ``GEOCODER_USER_AGENT``, ``GEOCODER_TIMEOUT``, ``GEOCODER_MIN_DELAY`` and
    ``GEOCODER_OPTIONS`` (a JSON object of provider options, e.g. ``{"domain": "..."}``)."""
    env = os.environ if environ is None else environ
    options = json.loads(env.get("GEOCODER_OPTIONS") or "{}")
    min_delay = env.get("GEOCODER_MIN_DELAY")
    return make_geocoder(
        env.get("GEOCODER", "gazetteer"),
        user_agent=env.get("GEOCODER_USER_AGENT") or DEFAULT_USER_AGENT,
        timeout=float(env.get("GEOCODER_TIMEOUT") or 5),
        min_delay_seconds=float(min_delay) if min_delay else None,
        cache=cache,
        **options,
    )
