"""The offline geocoder: a geopy ``Geocoder`` backed by the embedded US + Puerto Rico gazetteer."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from matcher.geocoding.data import GazetteerData, load
from matcher.geocoding.facilities import FacilityCatalog, default_facilities
from matcher.geocoding.offline import shared_reader
from matcher.geocoding.reading import Reader
from matcher.geocoding.resolve import Resolver
from matcher.geocoding.results import hit_to_location

if TYPE_CHECKING:
    from matcher.geocoding.reverse import ReverseIndex

__all__ = ["GazetteerGeocoder", "get_gazetteer", "place_name_for"]


class GazetteerGeocoder(Geocoder):
    """Offline geocoder: no network, answers in microseconds.

    ``geocode`` returns a ``Location`` whose ``raw`` dict tells how good it is (``precision``:
    address, postcode, city, county, region, state; ``match``: exact, alias, neighborhood,
    pair, fuzzy, zip, county, nickname, state). It never claims ``address`` precision.
    """

    def __init__(
        self,
        data: GazetteerData | None = None,
        *,
        facilities: FacilityCatalog | None = None,
        timeout: float | None = None,
        user_agent: str | None = None,
    ) -> None:
        super().__init__(
            timeout=timeout if timeout is not None else DEFAULT_SENTINEL, user_agent=user_agent
        )
        self._data = data
        self._facilities = facilities
        #: the packaged tables and catalog: read with the process-wide reader
        self._shared = data is None and facilities is None
        self._resolver: Resolver | None = None
        self._reader: Reader | None = None
        self._reverse: ReverseIndex | None = None
        self._lock = threading.Lock()

    @property
    def data(self) -> GazetteerData:
        """The loaded gazetteer tables (loaded on first use)."""
        if self._data is None:
            self._data = load()
        return self._data

    @property
    def resolver(self) -> Resolver:
        """The text-to-place rules over :attr:`data`."""
        if self._resolver is None:
            self._resolver = self.reader.resolver if self._shared else Resolver(self.data)
        return self._resolver

    @property
    def facilities(self) -> FacilityCatalog:
        """The facility and office catalog (the packaged one unless given)."""
        if self._facilities is None:
            self._facilities = default_facilities()
        return self._facilities

    @property
    def reader(self) -> Reader:
        """Free-text reading around the ladder (facilities, addresses, phrases, homonyms)."""
        if self._reader is None:
            if self._shared:  # the one of `matcher geocode` (offline.shared_reader)
                self._reader = shared_reader()
            else:
                self._reader = Reader(self.resolver, self.facilities)
        return self._reader

    @property
    def reverse_index(self) -> ReverseIndex:
        """Nearest-place index, built on first reverse lookup."""
        if self._reverse is None:
            from matcher.geocoding.reverse import ReverseIndex  # numpy + scipy: only here

            with self._lock:
                if self._reverse is None:
                    self._reverse = ReverseIndex(self.data)
        return self._reverse

    def geocode(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        hint: str | None = None,
    ) -> Location | list[Location] | None:
        """Geocode free text; None when it names no place. ``hint`` is the rest of the form
        (title, target, venue), read only for a state that settles a bare name with
        homonyms. ``timeout`` is ignored."""
        if isinstance(query, dict):
            query = ", ".join(str(v) for v in query.values() if v)
        hit = self.reader.read(str(query or ""), hint)
        if hit is None:
            return None
        if exactly_one:
            return hit_to_location(hit)
        if hit.alternatives:
            return [hit_to_location(h) for h in (hit, *hit.alternatives)]
        return [hit_to_location(h) for h in self.resolver.alternatives(hit)]

    def facility(self, query: str) -> Location | None:
        """The catalog facility or office the text names, if it names one."""
        hit = self.reader.facility_in(str(query or ""))
        return None if hit is None else hit_to_location(hit)

    def reverse(
        self, query: Any, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL
    ) -> Location | list[Location] | None:
        """Nearest significant place (1,000+ people) to ``query`` (a point, "lat, lon", or a
        (lat, lon) pair); with ``exactly_one=False`` the five nearest."""
        point = Point(query)
        rows = self.reverse_index.nearest(
            [(point.latitude, point.longitude)], k=1 if exactly_one else 5
        )[0]
        locations = []
        for row in rows:
            hit = self.resolver.place_hit(int(row), "nearest")
            km = self.reverse_index.distance_km(point.latitude, point.longitude, hit.lat, hit.lon)
            locations.append(hit_to_location(hit, distance_km=round(km, 2)))
        return locations[0] if exactly_one else locations

    def reverse_many(self, points: list[tuple[float, float]]) -> list[Location]:
        """`reverse(point)` for many points at once (one tree query for all of them)."""
        if not points:
            return []
        rows = self.reverse_index.nearest(points, k=1)[:, 0]
        hits: dict[int, Any] = {}
        found = []
        for (lat, lon), row in zip(points, rows.tolist(), strict=True):
            hit = hits.get(row)
            if hit is None:
                hit = hits[row] = self.resolver.place_hit(int(row), "nearest")
            km = self.reverse_index.distance_km(lat, lon, hit.lat, hit.lon)
            found.append(hit_to_location(hit, distance_km=round(km, 2)))
        return found

    def largest_place_near(
        self, points: Iterable[tuple[float, float]], k: int = 3, radius_km: float = 15.0
    ) -> str | None:
        """Display name of the most populous place among the ``k`` nearest to each point and
        those within ``radius_km`` of one."""
        points = list(points)
        if not points:
            return None
        row = self.reverse_index.largest_near(points, k=k, radius_km=radius_km)
        return None if row is None else self.data.display(row)


_instance: GazetteerGeocoder | None = None
_instance_lock = threading.Lock()


def get_gazetteer() -> GazetteerGeocoder:
    """The process-wide :class:`GazetteerGeocoder` (data loaded lazily, once)."""
    global _instance
    if _instance is None:
        with _instance_lock:
            if _instance is None:
                _instance = GazetteerGeocoder()
    return _instance


def place_name_for(points: list[tuple[float, float]]) -> str | None:
    """Name of the largest place among the places nearest ``points`` ("San Francisco, CA").

    For each point its three nearest significant places (1,000+ people) and every one within
    15 km are taken; the most populous of all of them names the group ("San Francisco, CA"
    for points around the bay's cities). None for an empty list.
    """
    return get_gazetteer().largest_place_near(points)
