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

The names are imported on first use (PEP 562), so that ``matcher geocode`` imports neither
geopy nor the online geocoders: :func:`geocode_to_dict` reads with
:func:`~matcher.geocoding.offline.shared_reader` without them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matcher.geocoding.gazetteer import GazetteerGeocoder, get_gazetteer, place_name_for
    from matcher.geocoding.offline import geocode_to_dict
    from matcher.geocoding.online import (
        DEFAULT_USER_AGENT,
        OnlineGeocoder,
        make_geocoder,
        make_geocoder_from_env,
    )
    from matcher.geocoding.result_cache import InMemoryCache
    from matcher.geocoding.results import PRECISIONS

#: Each public name and the module that holds it.
_HOMES = {
    "DEFAULT_USER_AGENT": "online",
    "PRECISIONS": "results",
    "GazetteerGeocoder": "gazetteer",
    "InMemoryCache": "result_cache",
    "OnlineGeocoder": "online",
    "geocode_to_dict": "offline",
    "get_gazetteer": "gazetteer",
    "make_geocoder": "online",
    "make_geocoder_from_env": "online",
    "place_name_for": "gazetteer",
}

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


def __getattr__(name: str) -> Any:
    """The public name from its module, imported now (then kept as an attribute)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
