"""Offline-first geocoding of the places organizers type ("Bay Area, CA", "ZIP 78205").

Public API (no Flask app context needed):

* :class:`GazetteerGeocoder` - geopy ``Geocoder`` over the embedded US + Puerto Rico
  gazetteer (GeoNames, CC-BY 4.0); :func:`get_gazetteer` returns the process-wide instance.
* :func:`make_geocoder` - "gazetteer" or a geopy provider with rate limit, cache and fallback.
* :func:`geocode_to_dict` - the JSON shape printed by ``matcher geocode``.
* :func:`place_name_for` - name of the largest place near a set of points (region names).
* :class:`InMemoryCache` - a cache with ``get``/``set`` for :func:`make_geocoder`.

Every ``Location.raw`` has ``place`` (display name, "Albuquerque, NM"), ``precision``
(address, postcode, city, county, region, state; offline never ``address``), ``match`` (exact,
alias, neighborhood, pair, fuzzy, zip, county, nickname, state, nearest; ``provider`` online),
``state`` (two-letter code or None), ``population`` (int or None), ``fuzzy`` (bool) and
``source`` ("gazetteer" or the provider name); fuzzy answers add ``score``, regions add
``representative``, ZIP answers ``postcode``, gazetteer fallbacks ``fallback_from``.
Flag anything with ``fuzzy`` True or a precision coarser than ``city`` for the organizer
to confirm ("we placed this at Albuquerque, NM - is that right?").

Data: GeoNames (CC-BY 4.0); see :mod:`matcher.geocoding.data`.

A pure library: no app, no database. May import nothing of the package outside itself.
"""

from matcher.geocoding.gazetteer import (
    GazetteerGeocoder,
    geocode_to_dict,
    get_gazetteer,
    place_name_for,
)
from matcher.geocoding.online import (
    DEFAULT_USER_AGENT,
    OnlineGeocoder,
    make_geocoder,
    make_geocoder_from_env,
)
from matcher.geocoding.result_cache import InMemoryCache
from matcher.geocoding.results import PRECISIONS

__all__ = [
    "DEFAULT_USER_AGENT",
    "PRECISIONS",
    "GazetteerGeocoder",
    "InMemoryCache",
    "OnlineGeocoder",
    "geocode_to_dict",
    "get_gazetteer",
    "make_geocoder",
    "make_geocoder_from_env",
    "place_name_for",
]
