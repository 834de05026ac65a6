"""The town of a county's own buildings: "the Yellowstone County Courthouse" is in Billings.

A county's courthouse and jail stand in its county seat, which the gazetteer does not record;
the seat is nearly always the county's largest town near the middle of its ZIP codes, so a
county named by one of its buildings is answered with the largest place of its state within
:data:`COUNTY_TOWN_KM` of the county's point, flagged for the organizer to confirm. Used by
:mod:`matcher.geocoding.reading`; the county alone ("Kent County") stays a county.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property

from matcher.geocoding.data import GazetteerData
from matcher.geocoding.distance import distance_km
from matcher.geocoding.lookups import Hit
from matcher.geocoding.resolve import Resolver

__all__ = ["COUNTY_TOWN_KM", "CountyTowns"]

COUNTY_TOWN_KM = 25.0
#: Degrees of latitude beyond which a place is surely farther than :data:`COUNTY_TOWN_KM`.
_LAT_DEGREES = COUNTY_TOWN_KM / 111.0
#: Buildings of a county that stand in its seat (folded words, English and Spanish).
_COUNTY_BUILDING = re.compile(
    r"\b(?:court ?house|jail|justice center|sheriff|corte|carcel|tribunal|juzgado)\b"
)


class CountyTowns:
    """Answers a county named by its courthouse or jail with the county's main town."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.data: GazetteerData = resolver.data
        #: county display name -> row of its main town (None: no place near enough)
        self._towns: dict[str, int | None] = {}

    @cached_property
    def _rows_by_state(self) -> dict[str, list[int]]:
        """Place rows of each state, most populous first (built on first use: only these
        phrases need it)."""
        d = self.data
        rows: dict[str, list[int]] = {}
        for row in sorted(range(len(d.states)), key=lambda r: -(d.pop[r] or 0)):
            rows.setdefault(d.states[row], []).append(row)
        return rows

    def town_of(self, hit: Hit, text: str) -> Hit:
        """The county's main town when ``hit`` is a county and the folded ``text`` names one
        of its buildings; ``hit`` otherwise."""
        if hit.precision != "county" or hit.match != "county" or hit.state is None:
            return hit
        if _COUNTY_BUILDING.search(text) is None:
            return hit
        row = self._towns.get(hit.place, -1)
        if row == -1:
            row = self._towns[hit.place] = self._main_town(hit)
        if row is None:
            return hit
        town = self.resolver.place_hit(row, "county_town", ambiguous=True)  # a guess: ask
        return replace(town, detail=hit.place)

    def _main_town(self, county: Hit) -> int | None:
        """Row of the most populous place of the county's state near its point, if any."""
        d = self.data
        for row in self._rows_by_state.get(county.state or "", ()):
            lat = float(d.lat[row])
            if abs(lat - county.lat) > _LAT_DEGREES:
                continue  # cheaper than the distance, and most places fail it
            if distance_km(county.lat, county.lon, lat, float(d.lon[row])) <= COUNTY_TOWN_KM:
                return row
        return None
